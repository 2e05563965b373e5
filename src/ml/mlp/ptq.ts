// ptq.ts — post-training int8 quantization of a float MLP, TFLite Micro scheme:
//   weights   symmetric int8 (zero point 0, range [-127, 127]), per-channel (one scale per unit) or per-tensor;
//   biases    int32 with scale input_scale * weight_scale[unit], zero point 0;
//   activations asymmetric int8 from the min/max each tensor reaches on calibration data (what the TFLite
//             converter does with a representative dataset), range widened to contain 0;
//   softmax   output scale 1/256, zero point -128.
import {
  chooseQuantParams,
  quantizeBiases,
  quantizeWeights,
  symmetricPerChannelScales,
  symmetricScale,
} from '../quant/quantize';
import { forwardFloat, type FloatMlp } from './floatMlp';
import { SOFTMAX_OUTPUT, type Int8Mlp, type QParams } from './int8Mlp';

export interface PtqOptions {
  name: string;
  /** Float range of the model input, e.g. [0, 1] for pixels / 255. */
  inputRange: [number, number];
  perChannel: boolean;
}

export interface CalibrationRanges {
  /** Per layer output [min, max] after the fused activation. */
  layers: [number, number][];
  samples: number;
}

export function calibrate(mlp: FloatMlp, samples: Iterable<ArrayLike<number>>): CalibrationRanges {
  const ranges: [number, number][] = mlp.layers.map(() => [Infinity, -Infinity]);
  let n = 0;
  for (const x of samples) {
    forwardFloat(mlp, x, (i, out) => {
      const r = ranges[i]!;
      for (const v of out) {
        if (v < r[0]) r[0] = v;
        if (v > r[1]) r[1] = v;
      }
    });
    n++;
  }
  if (n === 0) throw new Error('ptq: no calibration samples');
  return { layers: ranges, samples: n };
}

export function quantizeMlp(mlp: FloatMlp, ranges: CalibrationRanges, options: PtqOptions): Int8Mlp {
  const inputQ = chooseQuantParams(options.inputRange[0], options.inputRange[1]);
  let inQ: QParams = inputQ;
  const layers = mlp.layers.map((l, i) => {
    const shape = [l.units, l.depth];
    const scales = options.perChannel
      ? symmetricPerChannelScales(l.kernel, shape, 0)
      : Float32Array.of(symmetricScale(l.kernel));
    const [lo, hi] = ranges.layers[i]!;
    const output = chooseQuantParams(l.activation === 'relu' ? 0 : lo, hi);
    const layer = {
      units: l.units,
      depth: l.depth,
      activation: l.activation,
      weights: quantizeWeights(l.kernel, shape, scales, 0),
      weightScales: scales,
      bias: quantizeBiases(l.bias, inQ.scale, scales),
      output,
    };
    inQ = output;
    return layer;
  });
  return {
    name: options.name,
    input: { ...inputQ, depth: mlp.layers[0]!.depth },
    layers,
    softmax: { ...SOFTMAX_OUTPUT },
  };
}
