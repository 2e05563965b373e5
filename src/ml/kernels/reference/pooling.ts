// pooling.ts — the MaxPool2D and AveragePool2D reference kernels.

import { clamp } from './clamp';

export interface PoolParams {
  batches: number;
  inH: number;
  inW: number;
  channels: number;
  outH: number;
  outW: number;
  filterH: number;
  filterW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  actMin: number;
  actMax: number;
}

function forEachPoolWindow(
  p: PoolParams,
  f: (
    b: number,
    inY0: number,
    inX0: number,
    fy0: number,
    fy1: number,
    fx0: number,
    fx1: number,
    c: number,
    o: number,
  ) => void,
): void {
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outH; oy++) {
      const inY0 = oy * p.strideH - p.padH;
      const fy0 = inY0 < 0 ? -inY0 : 0;
      const fy1 = Math.min(p.filterH, p.inH - inY0);
      for (let ox = 0; ox < p.outW; ox++) {
        const inX0 = ox * p.strideW - p.padW;
        const fx0 = inX0 < 0 ? -inX0 : 0;
        const fx1 = Math.min(p.filterW, p.inW - inX0);
        for (let c = 0; c < p.channels; c++) {
          f(b, inY0, inX0, fy0, fy1, fx0, fx1, c, ((b * p.outH + oy) * p.outW + ox) * p.channels + c);
        }
      }
    }
  }
}

export function maxPool2d(p: PoolParams, input: Int8Array, output: Int8Array): void {
  forEachPoolWindow(p, (b, inY0, inX0, fy0, fy1, fx0, fx1, c, o) => {
    let m = -128;
    for (let fy = fy0; fy < fy1; fy++) {
      for (let fx = fx0; fx < fx1; fx++) {
        const v = input[((b * p.inH + inY0 + fy) * p.inW + inX0 + fx) * p.channels + c]!;
        if (v > m) m = v;
      }
    }
    output[o] = clamp(m, p.actMin, p.actMax);
  });
}

/** Average over the window cells inside the image, rounded half away from zero. */
export function averagePool2d(p: PoolParams, input: Int8Array, output: Int8Array): void {
  forEachPoolWindow(p, (b, inY0, inX0, fy0, fy1, fx0, fx1, c, o) => {
    let acc = 0;
    let count = 0;
    for (let fy = fy0; fy < fy1; fy++) {
      for (let fx = fx0; fx < fx1; fx++) {
        acc += input[((b * p.inH + inY0 + fy) * p.inW + inX0 + fx) * p.channels + c]!;
        count++;
      }
    }
    if (count === 0) {
      output[o] = clamp(0, p.actMin, p.actMax);
      return;
    }
    const half = Math.trunc(count / 2);
    const avg = acc > 0 ? Math.trunc((acc + half) / count) : Math.trunc((acc - half) / count);
    output[o] = clamp(avg, p.actMin, p.actMax);
  });
}
