// activations.ts — the Relu/Relu6 and Softmax reference kernels.

import {
  expOnNegativeValuesQ5,
  getReciprocal,
  multiplyByQuantizedMultiplier,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
  shiftLeftWrapping,
  wrapAdd,
} from '../../quant/fixedpoint';
import { clamp } from './clamp';

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
