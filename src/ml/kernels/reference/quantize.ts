// quantize.ts — the requantize, quantize and dequantize reference kernels.

import { multiplyByQuantizedMultiplier } from '../../quant/fixedpoint';
import { dequantizeValue, quantizeInt8 } from '../../quant/quantize';
import { clamp } from './clamp';

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

export function quantizeFloat(
  scale: number,
  zeroPoint: number,
  n: number,
  input: Float32Array,
  output: Int8Array,
): void {
  for (let i = 0; i < n; i++) output[i] = quantizeInt8(input[i]!, scale, zeroPoint);
}

export function dequantize(scale: number, zeroPoint: number, n: number, input: Int8Array, output: Float32Array): void {
  for (let i = 0; i < n; i++) output[i] = dequantizeValue(input[i]!, scale, zeroPoint);
}
