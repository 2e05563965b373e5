// floatRef.ts — float64 reference implementations used to choose output quantization ranges for the golden cases
// and to sanity-check that the int8 results mean what they should (within a rounding step of the real values).

import type { Activation } from '../quant/quantize';

export function applyActivation(v: number, act: Activation): number {
  if (act === 'relu') return Math.max(0, v);
  if (act === 'relu6') return Math.min(6, Math.max(0, v));
  return v;
}

export function fullyConnectedF(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number> | null,
  batches: number,
  depth: number,
  units: number,
  act: Activation,
): Float64Array {
  const out = new Float64Array(batches * units);
  for (let n = 0; n < batches; n++) {
    for (let o = 0; o < units; o++) {
      let acc = b ? b[o]! : 0;
      for (let d = 0; d < depth; d++) acc += w[o * depth + d]! * x[n * depth + d]!;
      out[n * units + o] = applyActivation(acc, act);
    }
  }
  return out;
}

function broadcastIndex(shape: readonly number[], outShape: readonly number[], index: number): number {
  // index in the output (row-major) -> index in `shape`, right-aligned, size-1 dims broadcast.
  let rem = index;
  let result = 0;
  let stride = 1;
  for (let i = outShape.length - 1, j = shape.length - 1; i >= 0; i--, j--) {
    const coord = rem % outShape[i]!;
    rem = Math.floor(rem / outShape[i]!);
    if (j >= 0) {
      if (shape[j]! !== 1) result += coord * stride;
      stride *= shape[j]!;
    }
  }
  return result;
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    out.push(da === 1 ? db : da);
  }
  return out;
}

export function elementwiseF(
  a: ArrayLike<number>,
  aShape: readonly number[],
  b: ArrayLike<number>,
  bShape: readonly number[],
  f: (x: number, y: number) => number,
): Float64Array {
  const outShape = broadcastShape(aShape, bShape);
  const n = outShape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = f(a[broadcastIndex(aShape, outShape, i)]!, b[broadcastIndex(bShape, outShape, i)]!);
  return out;
}

export function softmaxF(x: ArrayLike<number>, depth: number, beta: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length / depth; r++) {
    let max = -Infinity;
    for (let c = 0; c < depth; c++) max = Math.max(max, x[r * depth + c]!);
    let sum = 0;
    for (let c = 0; c < depth; c++) sum += Math.exp(beta * (x[r * depth + c]! - max));
    for (let c = 0; c < depth; c++) out[r * depth + c] = Math.exp(beta * (x[r * depth + c]! - max)) / sum;
  }
  return out;
}

export interface Conv2DGeometry {
  batches: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  kh: number;
  kw: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  depthMultiplier: number;
}

/** depthwise = false: OHWI filter; true: 1HWC filter. Zero padding outside the image. */
export function convF(
  g: Conv2DGeometry,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number> | null,
  depthwise: boolean,
  act: Activation,
): Float64Array {
  const out = new Float64Array(g.batches * g.outH * g.outW * g.outC);
  for (let n = 0; n < g.batches; n++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        for (let oc = 0; oc < g.outC; oc++) {
          let acc = b ? b[oc]! : 0;
          for (let fy = 0; fy < g.kh; fy++) {
            const iy = oy * g.strideH - g.padH + fy;
            if (iy < 0 || iy >= g.inH) continue;
            for (let fx = 0; fx < g.kw; fx++) {
              const ix = ox * g.strideW - g.padW + fx;
              if (ix < 0 || ix >= g.inW) continue;
              if (depthwise) {
                const ic = Math.floor(oc / g.depthMultiplier);
                acc += w[(fy * g.kw + fx) * g.outC + oc]! * x[((n * g.inH + iy) * g.inW + ix) * g.inC + ic]!;
              } else {
                for (let ic = 0; ic < g.inC; ic++) {
                  acc +=
                    w[((oc * g.kh + fy) * g.kw + fx) * g.inC + ic]! * x[((n * g.inH + iy) * g.inW + ix) * g.inC + ic]!;
                }
              }
            }
          }
          out[((n * g.outH + oy) * g.outW + ox) * g.outC + oc] = applyActivation(acc, act);
        }
      }
    }
  }
  return out;
}

/** Max or average over window cells inside the image. */
export function poolF(g: Conv2DGeometry, x: ArrayLike<number>, average: boolean, act: Activation): Float64Array {
  const out = new Float64Array(g.batches * g.outH * g.outW * g.outC);
  for (let n = 0; n < g.batches; n++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        for (let c = 0; c < g.outC; c++) {
          let acc = average ? 0 : -Infinity;
          let count = 0;
          for (let fy = 0; fy < g.kh; fy++) {
            const iy = oy * g.strideH - g.padH + fy;
            if (iy < 0 || iy >= g.inH) continue;
            for (let fx = 0; fx < g.kw; fx++) {
              const ix = ox * g.strideW - g.padW + fx;
              if (ix < 0 || ix >= g.inW) continue;
              const v = x[((n * g.inH + iy) * g.inW + ix) * g.inC + c]!;
              acc = average ? acc + v : Math.max(acc, v);
              count++;
            }
          }
          out[((n * g.outH + oy) * g.outW + ox) * g.outC + c] = applyActivation(average ? acc / count : acc, act);
        }
      }
    }
  }
  return out;
}
