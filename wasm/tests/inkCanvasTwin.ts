// A TypeScript twin of the model runner's canvas (wasm/apps/model_runner/ink_canvas.cpp), for its test: the same
// brush on the same 1-bit panel and the same area-averaged resize, so a drawing's input can be computed here and
// the firmware's output compared with the TS engine's on it. A drift on either side fails that test.
import { quantizeInt8 } from '../../src/ml/quant/quantize';

const PANEL = 240;
const BRUSH = 9;

export class InkCanvasTwin {
  readonly ink = new Uint8Array(PANEL * PANEL);
  private down = false;
  private last = [0, 0];

  pen(down: boolean, x: number, y: number): void {
    if (down) {
      const [x0, y0] = this.down ? this.last : [x, y];
      this.stroke(x0!, y0!, x, y);
      this.last = [x, y];
    }
    this.down = down;
  }

  private stroke(x0: number, y0: number, x1: number, y1: number): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy;
    const r2 = BRUSH * BRUSH;
    const clamp = (v: number) => Math.min(PANEL - 1, Math.max(0, v));
    for (let y = clamp(Math.min(y0, y1) - BRUSH); y <= clamp(Math.max(y0, y1) + BRUSH); y++) {
      for (let x = clamp(Math.min(x0, x1) - BRUSH); x <= clamp(Math.max(x0, x1) + BRUSH); x++) {
        const ux = x - x0;
        const uy = y - y0;
        const t = ux * dx + uy * dy;
        let inside: boolean;
        if (len2 === 0 || t <= 0) inside = ux * ux + uy * uy <= r2;
        else if (t >= len2) inside = (x - x1) ** 2 + (y - y1) ** 2 <= r2;
        else inside = (ux * dy - uy * dx) ** 2 <= r2 * len2;
        if (inside) this.ink[y * PANEL + x] = 1;
      }
    }
  }

  /** The input [.., h, w, c] the firmware makes of the drawing. */
  toInput(h: number, w: number, c: number, scale: number, zeroPoint: number): Int8Array {
    const out = new Int8Array(h * w * c);
    for (let ty = 0; ty < h; ty++) {
      const ya = ty * PANEL;
      const yb = ya + PANEL;
      for (let tx = 0; tx < w; tx++) {
        const xa = tx * PANEL;
        const xb = xa + PANEL;
        let ink = 0;
        for (let py = Math.floor(ya / h); py * h < yb; py++) {
          const oy = Math.min((py + 1) * h, yb) - Math.max(py * h, ya);
          for (let px = Math.floor(xa / w); px * w < xb; px++)
            if (this.ink[py * PANEL + px]) ink += (Math.min((px + 1) * w, xb) - Math.max(px * w, xa)) * oy;
        }
        const q = quantizeInt8(Math.fround(ink / (PANEL * PANEL)), scale, zeroPoint);
        out.fill(q, (ty * w + tx) * c, (ty * w + tx + 1) * c);
      }
    }
    return out;
  }
}
