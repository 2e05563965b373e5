// quantize.ts — float <-> int8 conversions and quantization parameters (TFLite Micro scheme).
// Twin of wasm/nn/include/nn/quant_util.h and wasm/nn/src/quant_util.cc. Scales are float32 values (Math.fround) as in TFLite tensors; every float32
// operation here (division, product) is computed in double and rounded with Math.fround, which equals the float32
// IEEE result, so both sides agree bit for bit.

import { roundHalfAway } from './fixedpoint';

export type Activation = 'none' | 'relu' | 'relu6';

/** Activation codes used in golden files and C++ (nn::Activation): 0 none, 1 relu, 2 relu6. */
export function activationCode(a: Activation): number {
  return a === 'relu' ? 1 : a === 'relu6' ? 2 : 0;
}
export function activationFromCode(c: number): Activation {
  if (c === 0) return 'none';
  if (c === 1) return 'relu';
  if (c === 2) return 'relu6';
  throw new Error(`quant: unknown activation code ${c}`);
}

const f32 = Math.fround;

/** round half away from zero, saturated to [-1e9, 1e9]; NaN -> 0 (C++ RoundToInt). */
export function roundToInt(x: number): number {
  if (Number.isNaN(x)) return 0;
  const r = roundHalfAway(x);
  if (r > 1e9) return 1e9;
  if (r < -1e9) return -1e9;
  return r;
}

/** TFLM AffineQuantize: clamp(round(v / scale) + zeroPoint, qmin, qmax) with a float32 division. */
export function quantizeValue(v: number, scale: number, zeroPoint: number, qmin: number, qmax: number): number {
  const q = roundToInt(f32(f32(v) / f32(scale))) + zeroPoint;
  return q < qmin ? qmin : q > qmax ? qmax : q;
}

export function quantizeInt8(v: number, scale: number, zeroPoint: number): number {
  return quantizeValue(v, scale, zeroPoint, -128, 127);
}

/** Symmetric weight: zero point 0, range [-127, 127]. */
export function quantizeWeight(w: number, scale: number): number {
  return quantizeValue(w, scale, 0, -127, 127);
}

/** int32 bias: round(b / float32(inputScale * weightScale)), float32 division, saturated to int32. */
export function quantizeBias(b: number, inputScale: number, weightScale: number): number {
  const biasScale = f32(f32(inputScale) * f32(weightScale));
  const r = roundHalfAway(f32(f32(b) / biasScale));
  if (Number.isNaN(r)) return 0;
  if (r >= 2147483648) return 2147483647;
  if (r <= -2147483648) return -2147483648;
  return r;
}

/** TFLM Dequantize: float32(double(scale) * (q - zeroPoint)). */
export function dequantizeValue(q: number, scale: number, zeroPoint: number): number {
  return f32(f32(scale) * (q - zeroPoint));
}

export interface QuantParams {
  scale: number;
  zeroPoint: number;
}

/**
 * Asymmetric int8 parameters for a float range: TFLite's ChooseQuantizationParams (range widened to contain 0,
 * scale = (max - min) / 255, zero point from the endpoint with the smaller error, nudged to an integer in
 * [-128, 127]). A degenerate [0, 0] range gives scale 1, zero point 0. Inputs are taken as float32.
 */
export function chooseQuantParams(rmin: number, rmax: number): QuantParams {
  const lo = f32(rmin) < 0 ? f32(rmin) : 0;
  const hi = f32(rmax) > 0 ? f32(rmax) : 0;
  if (lo === hi) return { scale: 1, zeroPoint: 0 };
  const qmin = -128;
  const qmax = 127;
  const scale = (hi - lo) / (qmax - qmin);
  const zpFromMin = qmin - lo / scale;
  const zpFromMax = qmax - hi / scale;
  const zpFromMinError = Math.abs(qmin) + Math.abs(lo / scale);
  const zpFromMaxError = Math.abs(qmax) + Math.abs(hi / scale);
  const zp = zpFromMinError < zpFromMaxError ? zpFromMin : zpFromMax;
  let nudged: number;
  if (zp < qmin) nudged = qmin;
  else if (zp > qmax) nudged = qmax;
  else nudged = roundHalfAway(zp);
  return { scale: f32(scale), zeroPoint: nudged };
}

/** Clamp range of a fused activation in the output's quantized domain (TFLM CalculateActivationRangeQuantized). */
export function activationRangeInt8(act: Activation, scale: number, zeroPoint: number): { min: number; max: number } {
  let min = -128;
  let max = 127;
  if (act === 'relu' || act === 'relu6') {
    const q0 = zeroPoint + roundToInt(f32(0 / f32(scale)));
    if (q0 > min) min = q0;
  }
  if (act === 'relu6') {
    const q6 = zeroPoint + roundToInt(f32(6 / f32(scale)));
    if (q6 < max) max = q6;
  }
  return { min, max };
}

/** Symmetric per-tensor weight scale: float32(max|w| / 127); 1 for an all-zero tensor. */
export function symmetricScale(values: ArrayLike<number>): number {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(f32(values[i]!)));
  return maxAbs > 0 ? f32(maxAbs / 127) : 1;
}

/**
 * Symmetric per-channel weight scales along `axis` of `shape` (0 for FullyConnected [units, depth] and Conv2D OHWI,
 * 3 for DepthwiseConv2D 1HWC): float32(max|w_c| / 127), 1 for an all-zero channel.
 */
export function symmetricPerChannelScales(
  values: ArrayLike<number>,
  shape: readonly number[],
  axis: number,
): Float32Array {
  const channels = shape[axis]!;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    maxAbs[c] = Math.max(maxAbs[c]!, Math.abs(f32(values[i]!)));
  }
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) scales[c] = maxAbs[c]! > 0 ? maxAbs[c]! / 127 : 1;
  return scales;
}

/** Quantizes a float array to int8 activations with one (scale, zero point). */
export function quantizeArray(values: ArrayLike<number>, scale: number, zeroPoint: number): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = quantizeInt8(values[i]!, scale, zeroPoint);
  return out;
}

export function dequantizeArray(values: ArrayLike<number>, scale: number, zeroPoint: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = dequantizeValue(values[i]!, scale, zeroPoint);
  return out;
}

/**
 * Quantizes weights symmetrically; `scales` has one entry (per-tensor) or one per channel along `axis`.
 */
export function quantizeWeights(
  values: ArrayLike<number>,
  shape: readonly number[],
  scales: ArrayLike<number>,
  axis = 0,
): Int8Array {
  const out = new Int8Array(values.length);
  if (scales.length === 1) {
    for (let i = 0; i < values.length; i++) out[i] = quantizeWeight(values[i]!, scales[0]!);
    return out;
  }
  const channels = shape[axis]!;
  if (channels !== scales.length) throw new Error(`quant: ${scales.length} scales for ${channels} channels`);
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = quantizeWeight(values[i]!, scales[c]!);
  }
  return out;
}

/** int32 biases for per-tensor (one weight scale) or per-channel weight scales. */
export function quantizeBiases(
  values: ArrayLike<number>,
  inputScale: number,
  weightScales: ArrayLike<number>,
): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = quantizeBias(values[i]!, inputScale, weightScales.length === 1 ? weightScales[0]! : weightScales[i]!);
  }
  return out;
}
