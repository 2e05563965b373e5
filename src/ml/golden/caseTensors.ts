// caseTensors.ts — the pieces golden cases are built from: seeded random floats, quantization parameters chosen the
// way a converter calibrates them, golden tensors by role, and finish() which fills the expected outputs.

import { chooseQuantParams, symmetricPerChannelScales, symmetricScale } from '../quant/quantize';
import type { GoldenCase, GoldenData, GoldenTensor } from './format';
import { runGoldenCase } from './runner';

export type Rng = () => number;
export const f32 = Math.fround;

export function uniform(rng: Rng, lo: number, hi: number): number {
  return f32(lo + (hi - lo) * rng());
}
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
export function floats(rng: Rng, n: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform(rng, lo, hi);
  return out;
}
export function size(shape: readonly number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}
function minMax(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]!);
    hi = Math.max(hi, v[i]!);
  }
  return [lo, hi];
}

export interface ActParams {
  scale: number;
  zeroPoint: number;
}

/** Asymmetric params for a random float range that contains 0 (or lies on one side of it). */
export function randomActParams(rng: Rng): ActParams {
  const kind = rng();
  const span = f32(0.5 + rng() * 8);
  if (kind < 0.25) return chooseQuantParams(0, span); // post-ReLU
  if (kind < 0.5) return chooseQuantParams(-span, span);
  return chooseQuantParams(-span * rng(), span * rng() + 0.1);
}

/** Floats covering the representable range of (scale, zp), overshooting it by 10% on both sides (tests clamping). */
export function activationFloats(rng: Rng, n: number, p: ActParams, overshoot = 0.1): Float32Array {
  const lo = (-128 - p.zeroPoint) * p.scale;
  const hi = (127 - p.zeroPoint) * p.scale;
  const pad = (hi - lo) * overshoot;
  return floats(rng, n, lo - pad, hi + pad);
}

export function input(
  shape: number[],
  data: Float32Array,
  p: ActParams,
  dtype: GoldenTensor['dtype'] = 'int8',
): GoldenTensor {
  return { role: 'input', dtype, shape, scales: [p.scale], zeroPoint: p.zeroPoint, axis: 0, data };
}
export function expected(shape: number[], dtype: GoldenTensor['dtype'], p: ActParams): GoldenTensor {
  const n = size(shape);
  const data: GoldenData =
    dtype === 'int8' ? new Int8Array(n) : dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  return { role: 'expected', dtype, shape, scales: [p.scale], zeroPoint: p.zeroPoint, axis: 0, data };
}
export function weights(shape: number[], data: Float32Array, perChannel: boolean, axis: number): GoldenTensor {
  const scales = perChannel ? Array.from(symmetricPerChannelScales(data, shape, axis)) : [symmetricScale(data)];
  return { role: 'weights', dtype: 'int8', shape, scales, zeroPoint: 0, axis, data };
}
export function bias(n: number, data: Float32Array, inputScale: number): GoldenTensor {
  return { role: 'bias', dtype: 'int32', shape: [n], scales: [inputScale], zeroPoint: 0, axis: 0, data };
}
export function rawTensor(data: GoldenData, role: GoldenTensor['role'] = 'raw'): GoldenTensor {
  const dtype =
    data instanceof Int8Array
      ? 'int8'
      : data instanceof Int32Array
        ? 'int32'
        : data instanceof Float32Array
          ? 'float32'
          : 'float64';
  return { role, dtype, shape: [data.length], scales: [], zeroPoint: 0, axis: 0, data };
}

/** Output params calibrated on the float result (optionally widened so a few values also saturate). */
export function outputParams(values: ArrayLike<number>, widen = 1): ActParams {
  const [lo, hi] = minMax(values);
  return chooseQuantParams(lo * widen, hi * widen);
}

/** Fills the expected tensors by running the TS engine. */
export function finish(c: GoldenCase): GoldenCase {
  const results = runGoldenCase(c);
  const expectedTensors = c.tensors.filter((t) => t.role === 'expected');
  results.forEach((r, i) => {
    const t = expectedTensors[i]!;
    t.data = r;
    if (t.shape.reduce((a, d) => a * d, 1) !== r.length) t.shape = [r.length];
  });
  return c;
}
