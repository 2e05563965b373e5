// reference.ts — pure int8 reference kernels (TFLite Micro reference_integer_ops semantics).
// Twin of wasm/nn/include/nn/reference_ops.h + wasm/nn/src/reference_ops.cc: same parameter structs, same loops, same results bit for bit.

import {
  expOnNegativeValuesQ5,
  getReciprocal,
  multiplyByQuantizedMultiplier,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
  shiftLeftWrapping,
  wrapAdd,
  wrapSub,
} from '../quant/fixedpoint';
import { dequantizeValue, quantizeInt8 } from '../quant/quantize';

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export interface FullyConnectedParams {
  inputOffset: number; // -input zero point
  outputOffset: number; // output zero point
  outputMultiplier: Int32Array; // [outputDepth] when perChannel, else [1]
  outputShift: Int32Array;
  perChannel: boolean;
  actMin: number;
  actMax: number;
  batches: number;
  accumDepth: number;
  outputDepth: number;
}

export function fullyConnected(
  p: FullyConnectedParams,
  input: Int8Array,
  weights: Int8Array,
  bias: Int32Array | null,
  output: Int8Array,
): void {
  const depth = p.accumDepth;
  for (let b = 0; b < p.batches; b++) {
    const xBase = b * depth;
    for (let o = 0; o < p.outputDepth; o++) {
      const wBase = o * depth;
      let acc = 0;
      for (let d = 0; d < depth; d++) {
        acc = (acc + Math.imul(weights[wBase + d]!, input[xBase + d]! + p.inputOffset)) | 0;
      }
      if (bias) acc = wrapAdd(acc, bias[o]!);
      const c = p.perChannel ? o : 0;
      acc = multiplyByQuantizedMultiplier(acc, p.outputMultiplier[c]!, p.outputShift[c]!) + p.outputOffset;
      output[b * p.outputDepth + o] = clamp(acc, p.actMin, p.actMax);
    }
  }
}

/** 4-D right-aligned NumPy broadcast: output dims and input strides (0 along broadcast dims). */
export interface Broadcast4D {
  outDims: [number, number, number, number];
  aStrides: [number, number, number, number];
  bStrides: [number, number, number, number];
}

/** null when the shapes are not broadcast-compatible. */
export function makeBroadcast4D(a: readonly number[], b: readonly number[]): Broadcast4D | null {
  if (a.length > 4 || b.length > 4) return null;
  const a4 = [1, 1, 1, 1];
  const b4 = [1, 1, 1, 1];
  a.forEach((d, i) => (a4[4 - a.length + i] = d));
  b.forEach((d, i) => (b4[4 - b.length + i] = d));
  const out: Broadcast4D = { outDims: [1, 1, 1, 1], aStrides: [0, 0, 0, 0], bStrides: [0, 0, 0, 0] };
  let aStride = 1;
  let bStride = 1;
  for (let i = 3; i >= 0; i--) {
    const da = a4[i]!;
    const db = b4[i]!;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.outDims[i] = da === 1 ? db : da;
    out.aStrides[i] = da === 1 ? 0 : aStride;
    out.bStrides[i] = db === 1 ? 0 : bStride;
    aStride *= da;
    bStride *= db;
  }
  return out;
}

function forEachBroadcast(bc: Broadcast4D, f: (o: number, ia: number, ib: number) => void): void {
  const [d0, d1, d2, d3] = bc.outDims;
  const [a0, a1, a2, a3] = bc.aStrides;
  const [b0, b1, b2, b3] = bc.bStrides;
  let o = 0;
  for (let i0 = 0; i0 < d0; i0++) {
    for (let i1 = 0; i1 < d1; i1++) {
      for (let i2 = 0; i2 < d2; i2++) {
        const aBase = i0 * a0 + i1 * a1 + i2 * a2;
        const bBase = i0 * b0 + i1 * b1 + i2 * b2;
        for (let i3 = 0; i3 < d3; i3++) f(o++, aBase + i3 * a3, bBase + i3 * b3);
      }
    }
  }
}

export interface AddSubParams {
  subtract: boolean;
  input1Offset: number;
  input2Offset: number;
  outputOffset: number;
  leftShift: number;
  input1Multiplier: number;
  input1Shift: number;
  input2Multiplier: number;
  input2Shift: number;
  outputMultiplier: number;
  outputShift: number;
  actMin: number;
  actMax: number;
  bc: Broadcast4D;
}

export function addSub(p: AddSubParams, a: Int8Array, b: Int8Array, output: Int8Array): void {
  forEachBroadcast(p.bc, (o, ia, ib) => {
    const v1 = shiftLeftWrapping(p.input1Offset + a[ia]!, p.leftShift);
    const v2 = shiftLeftWrapping(p.input2Offset + b[ib]!, p.leftShift);
    const s1 = multiplyByQuantizedMultiplier(v1, p.input1Multiplier, p.input1Shift);
    const s2 = multiplyByQuantizedMultiplier(v2, p.input2Multiplier, p.input2Shift);
    const raw = p.subtract ? wrapSub(s1, s2) : wrapAdd(s1, s2);
    const out = multiplyByQuantizedMultiplier(raw, p.outputMultiplier, p.outputShift) + p.outputOffset;
    output[o] = clamp(out, p.actMin, p.actMax);
  });
}

export function minMax(isMax: boolean, bc: Broadcast4D, a: Int8Array, b: Int8Array, output: Int8Array): void {
  forEachBroadcast(bc, (o, ia, ib) => {
    const x = a[ia]!;
    const y = b[ib]!;
    output[o] = isMax ? (x > y ? x : y) : x < y ? x : y;
  });
}

export function argMax(outer: number, axisSize: number, inner: number, input: Int8Array, output: Int32Array): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      let bestValue = input[o * axisSize * inner + i]!;
      for (let k = 1; k < axisSize; k++) {
        const v = input[(o * axisSize + k) * inner + i]!;
        if (v > bestValue) {
          bestValue = v;
          best = k;
        }
      }
      output[o * inner + i] = best;
    }
  }
}

export interface ReluParams {
  inputZeroPoint: number;
  outputZeroPoint: number;
  multiplier: number;
  shift: number;
  actMin: number;
  actMax: number;
}

export function relu(p: ReluParams, n: number, input: Int8Array, output: Int8Array): void {
  for (let i = 0; i < n; i++) {
    const v = p.outputZeroPoint + multiplyByQuantizedMultiplier(input[i]! - p.inputZeroPoint, p.multiplier, p.shift);
    output[i] = clamp(v, p.actMin, p.actMax);
  }
}

export interface RequantizeParams {
  inputZeroPoint: number;
  outputZeroPoint: number;
  multiplier: number;
  shift: number;
}

export function requantize(p: RequantizeParams, n: number, input: Int8Array, output: Int8Array): void {
  for (let i = 0; i < n; i++) {
    const v = multiplyByQuantizedMultiplier(input[i]! - p.inputZeroPoint, p.multiplier, p.shift) + p.outputZeroPoint;
    output[i] = clamp(v, -128, 127);
  }
}

export function quantizeFloat(scale: number, zeroPoint: number, n: number, input: Float32Array, output: Int8Array): void {
  for (let i = 0; i < n; i++) output[i] = quantizeInt8(input[i]!, scale, zeroPoint);
}

export function dequantize(scale: number, zeroPoint: number, n: number, input: Int8Array, output: Float32Array): void {
  for (let i = 0; i < n; i++) output[i] = dequantizeValue(input[i]!, scale, zeroPoint);
}

export interface SoftmaxParams {
  inputMultiplier: number;
  inputLeftShift: number;
  diffMin: number;
  outer: number;
  depth: number;
}

export function softmax(p: SoftmaxParams, input: Int8Array, output: Int8Array): void {
  const accumulationIntegerBits = 12;
  for (let r = 0; r < p.outer; r++) {
    const base = r * p.depth;
    let maxInRow = -128;
    for (let c = 0; c < p.depth; c++) maxInRow = Math.max(maxInRow, input[base + c]!);

    let sumOfExps = 0; // Q12.19
    for (let c = 0; c < p.depth; c++) {
      const diff = input[base + c]! - maxInRow;
      if (diff >= p.diffMin) {
        const scaled = saturatingRoundingDoublingHighMul(shiftLeftWrapping(diff, p.inputLeftShift), p.inputMultiplier);
        sumOfExps = wrapAdd(sumOfExps, roundingDivideByPOT(expOnNegativeValuesQ5(scaled), accumulationIntegerBits));
      }
    }
    const { scale: shiftedScale, numBitsOverUnit } = getReciprocal(sumOfExps, accumulationIntegerBits);
    const exponent = numBitsOverUnit + 31 - 8;

    for (let c = 0; c < p.depth; c++) {
      const diff = input[base + c]! - maxInRow;
      if (diff >= p.diffMin) {
        const scaled = saturatingRoundingDoublingHighMul(shiftLeftWrapping(diff, p.inputLeftShift), p.inputMultiplier);
        const e = expOnNegativeValuesQ5(scaled);
        const prod = saturatingRoundingDoublingHighMul(shiftedScale, e);
        const unsat = exponent > 31 ? 0 : roundingDivideByPOT(prod, exponent);
        output[base + c] = clamp(unsat - 128, -128, 127);
      } else {
        output[base + c] = -128;
      }
    }
  }
}

export interface ConvParams {
  batches: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  filterH: number;
  filterW: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  depthMultiplier: number;
  inputOffset: number;
  outputOffset: number;
  outputMultiplier: Int32Array;
  outputShift: Int32Array;
  actMin: number;
  actMax: number;
}

/** NHWC input, OHWI filter, per-output-channel requantization. */
export function conv2d(p: ConvParams, input: Int8Array, filter: Int8Array, bias: Int32Array | null, output: Int8Array): void {
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outH; oy++) {
      const inY0 = oy * p.strideH - p.padH;
      for (let ox = 0; ox < p.outW; ox++) {
        const inX0 = ox * p.strideW - p.padW;
        for (let oc = 0; oc < p.outC; oc++) {
          let acc = 0;
          for (let fy = 0; fy < p.filterH; fy++) {
            const iy = inY0 + fy;
            if (iy < 0 || iy >= p.inH) continue;
            for (let fx = 0; fx < p.filterW; fx++) {
              const ix = inX0 + fx;
              if (ix < 0 || ix >= p.inW) continue;
              const xBase = ((b * p.inH + iy) * p.inW + ix) * p.inC;
              const wBase = ((oc * p.filterH + fy) * p.filterW + fx) * p.inC;
              for (let ic = 0; ic < p.inC; ic++) {
                acc = (acc + Math.imul(filter[wBase + ic]!, input[xBase + ic]! + p.inputOffset)) | 0;
              }
            }
          }
          if (bias) acc = wrapAdd(acc, bias[oc]!);
          acc = multiplyByQuantizedMultiplier(acc, p.outputMultiplier[oc]!, p.outputShift[oc]!) + p.outputOffset;
          output[((b * p.outH + oy) * p.outW + ox) * p.outC + oc] = clamp(acc, p.actMin, p.actMax);
        }
      }
    }
  }
}

/** NHWC input, 1HWC filter (C = inC * depthMultiplier). */
export function depthwiseConv2d(
  p: ConvParams,
  input: Int8Array,
  filter: Int8Array,
  bias: Int32Array | null,
  output: Int8Array,
): void {
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outH; oy++) {
      const inY0 = oy * p.strideH - p.padH;
      for (let ox = 0; ox < p.outW; ox++) {
        const inX0 = ox * p.strideW - p.padW;
        for (let ic = 0; ic < p.inC; ic++) {
          for (let m = 0; m < p.depthMultiplier; m++) {
            const oc = ic * p.depthMultiplier + m;
            let acc = 0;
            for (let fy = 0; fy < p.filterH; fy++) {
              const iy = inY0 + fy;
              if (iy < 0 || iy >= p.inH) continue;
              for (let fx = 0; fx < p.filterW; fx++) {
                const ix = inX0 + fx;
                if (ix < 0 || ix >= p.inW) continue;
                const x = input[((b * p.inH + iy) * p.inW + ix) * p.inC + ic]!;
                const w = filter[(fy * p.filterW + fx) * p.outC + oc]!;
                acc = (acc + Math.imul(w, x + p.inputOffset)) | 0;
              }
            }
            if (bias) acc = wrapAdd(acc, bias[oc]!);
            acc = multiplyByQuantizedMultiplier(acc, p.outputMultiplier[oc]!, p.outputShift[oc]!) + p.outputOffset;
            output[((b * p.outH + oy) * p.outW + ox) * p.outC + oc] = clamp(acc, p.actMin, p.actMax);
          }
        }
      }
    }
  }
}

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
  f: (b: number, inY0: number, inX0: number, fy0: number, fy1: number, fx0: number, fx1: number, c: number, o: number) => void,
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

export type Padding = 'same' | 'valid';

/** TFLite output size (dilation 1). */
export function computeOutSize(padding: Padding, inSize: number, filterSize: number, stride: number): number {
  if (stride <= 0) return 0;
  if (padding === 'same') return Math.trunc((inSize + stride - 1) / stride);
  const n = inSize + stride - filterSize;
  return n < 0 ? 0 : Math.trunc(n / stride);
}

/** Leading (top/left) padding; the odd extra cell goes to the bottom/right. */
export function computePadding(stride: number, inSize: number, filterSize: number, outSize: number): number {
  const padding = Math.trunc(((outSize - 1) * stride + filterSize - inSize) / 2);
  return padding > 0 ? padding : 0;
}
