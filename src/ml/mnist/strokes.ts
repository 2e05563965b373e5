// strokes.ts — turns a 28 x 28 digit into pen strokes on the 240 x 240 touch panel, the way a person would trace
// it: the thresholded digit is thinned to its one-pixel skeleton (Zhang–Suen), every pair of neighbouring skeleton
// pixels becomes a short stroke, scaled up and centred on the panel. Tests and browser specs use it to "draw"
// held-out digits through the touch screen.
import { CANVAS_SIZE } from './preprocess';

export type Point = [number, number];
/** One touch gesture: press at the first point, move through the rest, release. */
export type Stroke = Point[];

/** Zhang–Suen thinning of a binary image (1 = ink); returns a new image. */
export function thin(bin: Uint8Array, w: number, h: number): Uint8Array {
  const img = bin.slice();
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : img[y * w + x]!);
  for (let changed = true; changed;) {
    changed = false;
    for (let pass = 0; pass < 2; pass++) {
      const remove: number[] = [];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (!img[y * w + x]) continue;
          // neighbours P2..P9 clockwise from north
          const n = [
            at(x, y - 1),
            at(x + 1, y - 1),
            at(x + 1, y),
            at(x + 1, y + 1),
            at(x, y + 1),
            at(x - 1, y + 1),
            at(x - 1, y),
            at(x - 1, y - 1),
          ];
          const b = n.reduce((a, v) => a + v, 0);
          if (b < 2 || b > 6) continue;
          let a = 0;
          for (let i = 0; i < 8; i++) if (!n[i] && n[(i + 1) % 8]) a++;
          if (a !== 1) continue;
          const [p2, , p4, , p6, , p8] = n as [number, number, number, number, number, number, number, number];
          if (pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0)
            remove.push(y * w + x);
        }
      }
      for (const i of remove) img[i] = 0;
      if (remove.length) changed = true;
    }
  }
  return img;
}

export interface StrokeOptions {
  /** Pixel value from which a digit pixel counts as ink (default 128). */
  threshold?: number;
  /** Panel pixels per digit pixel (default 7: a 20-pixel MNIST digit becomes 140 pixels tall). */
  scale?: number;
}

/** Strokes that trace the digit's skeleton on the panel. */
export function digitToStrokes(image28: Uint8Array, options: StrokeOptions = {}): Stroke[] {
  const threshold = options.threshold ?? 128;
  const scale = options.scale ?? 7;
  const side = 28;
  const bin = new Uint8Array(side * side);
  for (let i = 0; i < bin.length; i++) bin[i] = image28[i]! >= threshold ? 1 : 0;
  const sk = thin(bin, side, side);
  const offset = (CANVAS_SIZE - side * scale) / 2;
  const map = (x: number, y: number): Point => [
    Math.round(offset + (x + 0.5) * scale),
    Math.round(offset + (y + 0.5) * scale),
  ];
  const on = (x: number, y: number) => x >= 0 && y >= 0 && x < side && y < side && sk[y * side + x] === 1;
  const strokes: Stroke[] = [];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (!on(x, y)) continue;
      let linked = false;
      for (const [dx, dy] of [
        [1, 0],
        [0, 1],
        [1, 1],
        [-1, 1],
      ] as const) {
        // a diagonal link is redundant when an orthogonal path joins the two pixels
        if (dx !== 0 && dy !== 0 && (on(x + dx, y) || on(x, y + dy))) continue;
        if (on(x + dx, y + dy)) {
          strokes.push([map(x, y), map(x + dx, y + dy)]);
          linked = true;
        }
      }
      const isolated = ![-1, 0, 1].some((dy) => [-1, 0, 1].some((dx) => (dx || dy) && on(x + dx, y + dy)));
      if (!linked && isolated) strokes.push([map(x, y)]);
    }
  }
  return strokes;
}
