// elementwise.ts — 4-D broadcasting and the Add/Sub and Minimum/Maximum reference kernels.

import { multiplyByQuantizedMultiplier, shiftLeftWrapping, wrapAdd, wrapSub } from '../../quant/fixedpoint';
import { clamp } from './clamp';

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
