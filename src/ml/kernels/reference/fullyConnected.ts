// fullyConnected.ts — the FullyConnected reference kernel.

import { multiplyByQuantizedMultiplier, wrapAdd } from '../../quant/fixedpoint';
import { clamp } from './clamp';

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
