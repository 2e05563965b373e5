// preprocess.ts — TS twin of the firmware's drawing canvas and MNIST preprocessing (wasm/apps/mnist/digit_canvas.*).
// Integer arithmetic only, so both sides produce the same bytes for the same touch samples.
//
// Canvas: 240 x 240 pixels, 1 bit each (7,200 bytes). A stroke from a to b inks every pixel whose distance to the
// segment is at most the brush radius: BRUSH_RADIUS while drawing; at classification the canvas is re-inked from the
// pen's path with a radius proportional to the drawing's size (StrokeTracker.inkRadius).
// MNIST preprocessing (as the MNIST set was made from NIST's binary images):
//   1. bounding box of the ink;
//   2. the square of side L = max(width, height) centred on it is area-averaged into 20 x 20 (aspect ratio kept,
//      grey levels from the fraction of each target pixel that is ink);
//   3. the 20 x 20 image goes into a 28 x 28 field, translated so that its centre of mass lands on pixel (14, 14)
//      (the mean centre of mass of the MNIST digits in index coordinates, see docs/mnist.md).

export const CANVAS_SIZE = 240;
export const CANVAS_BYTES = (CANVAS_SIZE * CANVAS_SIZE) / 8;
export const BRUSH_RADIUS = 9;
export const BOX = 20;
export const FIELD = 28;
export const COM_TARGET = 14;

export class BitCanvas {
  readonly bits = new Uint8Array(CANVAS_BYTES);

  clear(): void {
    this.bits.fill(0);
  }

  get(x: number, y: number): number {
    return (this.bits[y * (CANVAS_SIZE / 8) + (x >> 3)]! >> (7 - (x & 7))) & 1;
  }

  private set(x: number, y: number): void {
    this.bits[y * (CANVAS_SIZE / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
  }

  /** Inks the capsule of radius `radius` around segment (ax, ay)-(bx, by) (a == b: a disc). */
  stroke(ax: number, ay: number, bx: number, by: number, radius = BRUSH_RADIUS): void {
    const r2 = radius * radius;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const xMin = Math.max(0, Math.min(ax, bx) - radius);
    const xMax = Math.min(CANVAS_SIZE - 1, Math.max(ax, bx) + radius);
    const yMin = Math.max(0, Math.min(ay, by) - radius);
    const yMax = Math.min(CANVAS_SIZE - 1, Math.max(ay, by) + radius);
    for (let y = yMin; y <= yMax; y++) {
      for (let x = xMin; x <= xMax; x++) {
        const ux = x - ax;
        const uy = y - ay;
        const t = ux * dx + uy * dy;
        let inside: boolean;
        if (len2 === 0 || t <= 0) inside = ux * ux + uy * uy <= r2;
        else if (t >= len2) inside = (x - bx) * (x - bx) + (y - by) * (y - by) <= r2;
        else {
          const cross = ux * dy - uy * dx;
          inside = cross * cross <= r2 * len2;
        }
        if (inside) this.set(x, y);
      }
    }
  }
}

/** Slots in the pen's path (2 bytes each in the firmware): a press takes two (a stroke mark and the point). */
export const PATH_CAPACITY = 1024;
/** The brush for a drawing: one pixel of radius per INK_SIDE_PER_RADIUS pixels of the path's longer side. */
export const INK_SIDE_PER_RADIUS = 15;
const STROKE_MARK = -1;

/**
 * Follows touch samples like the firmware's DigitCanvas: a press stamps a dot, each move while down draws a segment,
 * and every sample that inks is kept in a bounded path; a sample that does not fit is neither kept nor inked.
 */
export class StrokeTracker {
  private down = false;
  private lastX = 0;
  private lastY = 0;
  /** x, y pairs; a pair (STROKE_MARK, STROKE_MARK) starts a stroke at the next point. */
  private readonly path: number[] = [];
  constructor(
    readonly canvas: BitCanvas,
    readonly capacity = PATH_CAPACITY,
  ) {}

  sample(down: boolean, x: number, y: number, radius = BRUSH_RADIUS): void {
    const used = this.path.length / 2;
    if (down && !this.down && used + 2 <= this.capacity) {
      this.path.push(STROKE_MARK, STROKE_MARK, x, y);
      this.canvas.stroke(x, y, x, y, radius);
      this.lastX = x;
      this.lastY = y;
    } else if (down && this.down && (x !== this.lastX || y !== this.lastY) && used + 1 <= this.capacity) {
      this.path.push(x, y);
      this.canvas.stroke(this.lastX, this.lastY, x, y, radius);
      this.lastX = x;
      this.lastY = y;
    }
    this.down = down;
  }

  /** max(1, round(side / INK_SIDE_PER_RADIUS)), side = the longer side of the path's bounding box (0 when empty). */
  inkRadius(): number {
    let x0 = CANVAS_SIZE,
      x1 = -1,
      y0 = CANVAS_SIZE,
      y1 = -1;
    for (let i = 0; i < this.path.length; i += 2) {
      const x = this.path[i]!;
      const y = this.path[i + 1]!;
      if (x === STROKE_MARK) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    const side = x1 < 0 ? 0 : Math.max(x1 - x0, y1 - y0);
    return Math.max(1, Math.floor((2 * side + INK_SIDE_PER_RADIUS) / (2 * INK_SIDE_PER_RADIUS)));
  }

  /** Redraws the canvas from the path with a brush of `radius`. */
  reink(radius: number): void {
    this.canvas.clear();
    let x = 0;
    let y = 0;
    let start = false;
    for (let i = 0; i < this.path.length; i += 2) {
      const px = this.path[i]!;
      const py = this.path[i + 1]!;
      if (px === STROKE_MARK) {
        start = true;
        continue;
      }
      if (start) this.canvas.stroke(px, py, px, py, radius);
      else this.canvas.stroke(x, y, px, py, radius);
      start = false;
      x = px;
      y = py;
    }
  }
}

/**
 * What the firmware's BUTTON1 does with a drawing: re-ink it with the brush scaled to its size, so the strokes are
 * about as wide at 20 x 20 whatever size the digit was drawn, then preprocess. Null if nothing is drawn.
 */
export function drawingToMnist(pen: StrokeTracker): Uint8Array | null {
  pen.reink(pen.inkRadius());
  return canvasToMnist(pen.canvas);
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b); // exact for the integer ranges used here (|a| < 2^53)
}

/** The 28 x 28 MNIST-style image (0 = background, 255 = ink) of the canvas, or null if the canvas is empty. */
export function canvasToMnist(canvas: BitCanvas): Uint8Array | null {
  let x0 = CANVAS_SIZE;
  let x1 = -1;
  let y0 = CANVAS_SIZE;
  let y1 = -1;
  for (let y = 0; y < CANVAS_SIZE; y++) {
    for (let x = 0; x < CANVAS_SIZE; x++) {
      if (canvas.get(x, y)) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const side = Math.max(w, h);
  const sx0 = x0 - floorDiv(side - w, 2);
  const sy0 = y0 - floorDiv(side - h, 2);

  // Area averaging: in units of 1/BOX source pixel, source pixel k spans [BOX k, BOX k + BOX) and target pixel t
  // spans [side t, side t + side); a target pixel's area is side^2.
  const box = new Uint8Array(BOX * BOX);
  const area = side * side;
  for (let ty = 0; ty < BOX; ty++) {
    const ya = ty * side;
    const yb = ya + side;
    for (let tx = 0; tx < BOX; tx++) {
      const xa = tx * side;
      const xb = xa + side;
      let sum = 0;
      for (let ky = Math.floor(ya / BOX); ky * BOX < yb; ky++) {
        const oy = Math.min(ky * BOX + BOX, yb) - Math.max(ky * BOX, ya);
        const cy = sy0 + ky;
        if (cy < 0 || cy >= CANVAS_SIZE) continue;
        for (let kx = Math.floor(xa / BOX); kx * BOX < xb; kx++) {
          const cx = sx0 + kx;
          if (cx < 0 || cx >= CANVAS_SIZE || !canvas.get(cx, cy)) continue;
          const ox = Math.min(kx * BOX + BOX, xb) - Math.max(kx * BOX, xa);
          sum += ox * oy;
        }
      }
      box[ty * BOX + tx] = Math.floor((sum * 255 + (area >> 1)) / area);
    }
  }
  return centreInField(box);
}

/** Places a BOX x BOX image in the FIELD x FIELD field with its centre of mass (rounded) on (COM_TARGET, COM_TARGET). */
export function centreInField(box: Uint8Array): Uint8Array {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < BOX; y++) {
    for (let x = 0; x < BOX; x++) {
      const v = box[y * BOX + x]!;
      mass += v;
      mx += x * v;
      my += y * v;
    }
  }
  const out = new Uint8Array(FIELD * FIELD);
  if (mass === 0) return out;
  // offset = round(COM_TARGET - centre), halves rounded up: floor((2 (COM_TARGET mass) + mass - 2 m) / (2 mass))
  const ox = floorDiv((2 * COM_TARGET + 1) * mass - 2 * mx, 2 * mass);
  const oy = floorDiv((2 * COM_TARGET + 1) * mass - 2 * my, 2 * mass);
  for (let y = 0; y < BOX; y++) {
    const fy = y + oy;
    if (fy < 0 || fy >= FIELD) continue;
    for (let x = 0; x < BOX; x++) {
      const fx = x + ox;
      if (fx < 0 || fx >= FIELD) continue;
      out[fy * FIELD + fx] = box[y * BOX + x]!;
    }
  }
  return out;
}
