// generate.ts — builds the shared int8 golden vectors, deterministically from a seeded PRNG.
//
// Each case is written in float (inputs, weights, biases) with the quantization parameters of every tensor; the
// expected int8 outputs come from the TS engine (runner.ts). Output ranges are chosen from float64 reference results
// (floatRef.ts) the way a converter calibrates them. The C++ driver and the TS tests read the same file.
// Regenerate: `npx tsx scripts/gen-nn-golden.ts` (or UPDATE_GOLDEN=1 npx vitest run src/ml/golden).
import type { Activation } from '../quant/quantize';
import { encodeGolden, type GoldenCase } from './format';
import {
  argMaxCase,
  convCase,
  depthwiseCase,
  elementwiseCase,
  fcCase,
  mlpCase,
  poolCase,
  quantizeTiesCase,
  softmaxCase,
  unaryCase,
} from './opCases';
import {
  chooseQuantParamsCase,
  multiplyByQuantizedMultiplierCase,
  plannerCase,
  quantizeMultiplierCase,
} from './tableCases';
import { mulberry32 } from '../../shared/mulberry32';

export const GOLDEN_SEED = 0x5eed2018;
export const GOLDEN_FILE = 'wasm/tests/nn/golden/nn_golden.bin';

/** The goldens' PRNG (mulberry32). */
export const makeRng = mulberry32;

// ---- all cases ----------------------------------------------------------------------------------------------------

export function buildGoldenCases(seed = GOLDEN_SEED): GoldenCase[] {
  const rng = makeRng(seed);
  const cases: GoldenCase[] = [];
  // FullyConnected: depths around the 16-lane SIMD width, unit counts around the 4-row blocks.
  const fc: [number, number, number, boolean, Activation, boolean][] = [
    [1, 1, 1, false, 'none', true],
    [1, 15, 3, true, 'relu', true],
    [1, 16, 4, true, 'none', true],
    [1, 17, 5, false, 'relu6', true],
    [2, 33, 10, true, 'relu', true],
    [3, 64, 7, true, 'none', false],
    [1, 100, 33, true, 'relu', true],
    [1, 784, 6, true, 'none', true],
    [2, 48, 16, false, 'relu', true],
    [1, 31, 9, true, 'relu6', true],
  ];
  fc.forEach(([b, d, u, pc, act, wb]) =>
    cases.push(
      fcCase(rng, `fc_b${b}_d${d}_u${u}_${pc ? 'pc' : 'pt'}_${act}${wb ? '' : '_nobias'}`, b, d, u, pc, act, wb),
    ),
  );

  cases.push(elementwiseCase(rng, 'add_same_shape', 'Add', [2, 3, 4, 5], [2, 3, 4, 5], 'none'));
  cases.push(elementwiseCase(rng, 'add_broadcast_channels_relu', 'Add', [1, 4, 4, 3], [3], 'relu'));
  cases.push(elementwiseCase(rng, 'add_broadcast_two_sided', 'Add', [1, 4, 1, 3], [1, 1, 5, 3], 'none'));
  cases.push(elementwiseCase(rng, 'add_scalar_relu6', 'Add', [37], [1], 'relu6'));
  cases.push(elementwiseCase(rng, 'sub_same_shape', 'Sub', [3, 17], [3, 17], 'none'));
  cases.push(elementwiseCase(rng, 'sub_broadcast_relu', 'Sub', [2, 1, 6], [5, 1], 'relu'));
  cases.push(elementwiseCase(rng, 'sub_scalar_first', 'Sub', [1], [4, 9], 'none'));
  cases.push(elementwiseCase(rng, 'minimum_same_shape', 'Minimum', [5, 7], [5, 7], 'none'));
  cases.push(elementwiseCase(rng, 'minimum_broadcast', 'Minimum', [2, 3, 4], [4], 'none'));
  cases.push(elementwiseCase(rng, 'maximum_same_shape', 'Maximum', [40], [40], 'none'));
  cases.push(elementwiseCase(rng, 'maximum_broadcast', 'Maximum', [3, 1, 4], [1, 5, 1], 'none'));

  cases.push(argMaxCase(rng, 'argmax_last_axis_ties', [6, 10], -1, true));
  cases.push(argMaxCase(rng, 'argmax_middle_axis', [4, 3, 5], 1, false));
  cases.push(argMaxCase(rng, 'argmax_first_axis', [7, 3], 0, false));

  cases.push(unaryCase(rng, 'relu_same_params', 'Relu', [3, 20], [3, 20], true));
  cases.push(unaryCase(rng, 'relu_requantize', 'Relu', [64], [64], false));
  cases.push(unaryCase(rng, 'relu6_same_params', 'Relu6', [2, 30], [2, 30], true));
  cases.push(unaryCase(rng, 'relu6_requantize', 'Relu6', [50], [50], false));
  cases.push(unaryCase(rng, 'reshape', 'Reshape', [2, 3, 4], [6, 4], true));
  cases.push(unaryCase(rng, 'quantize_float', 'Quantize', [100], [100], true, 'float32'));
  cases.push(quantizeTiesCase());
  cases.push(unaryCase(rng, 'quantize_requantize_a', 'Quantize', [80], [80], false));
  cases.push(unaryCase(rng, 'quantize_requantize_b', 'Quantize', [2, 40], [2, 40], false));
  cases.push(unaryCase(rng, 'dequantize_a', 'Dequantize', [64], [64], true));
  cases.push(unaryCase(rng, 'dequantize_b', 'Dequantize', [3, 7], [3, 7], true));

  cases.push(softmaxCase(rng, 'softmax_logits', [3, 10], 0.1, 1));
  cases.push(softmaxCase(rng, 'softmax_small_scale', [2, 10], 0.02, 1));
  cases.push(softmaxCase(rng, 'softmax_pot_scale', [1, 16], 1 / 16, 1));
  cases.push(softmaxCase(rng, 'softmax_large_scale', [4, 8], 0.5, 1));
  cases.push(softmaxCase(rng, 'softmax_beta_half', [2, 12], 0.2, 0.5));
  cases.push(softmaxCase(rng, 'softmax_depth1', [5, 1], 0.1, 1));
  cases.push(softmaxCase(rng, 'softmax_wide', [1, 300], 0.05, 1));
  cases.push(softmaxCase(rng, 'softmax_ties', [2, 30], 0.08, 1, true));

  cases.push(convCase(rng, 'conv_3x3_s1_same_relu_pc', [1, 7, 7, 3], 4, 3, 3, 1, 1, 'same', 'relu', true));
  cases.push(convCase(rng, 'conv_3x3_s2_valid_pc', [1, 9, 8, 2], 5, 3, 3, 2, 2, 'valid', 'none', true));
  cases.push(convCase(rng, 'conv_2x2_s2_same_pt', [2, 5, 6, 2], 3, 2, 2, 2, 2, 'same', 'none', false));
  cases.push(convCase(rng, 'conv_1x1_pc', [1, 4, 4, 8], 6, 1, 1, 1, 1, 'valid', 'relu6', true));
  cases.push(convCase(rng, 'conv_5x3_s21_same_relu6', [1, 8, 7, 3], 4, 5, 3, 2, 1, 'same', 'relu6', true));

  cases.push(depthwiseCase(rng, 'dw_3x3_s1_same_relu_pc', [1, 6, 6, 4], 1, 3, 3, 1, 1, 'same', 'relu', true));
  cases.push(depthwiseCase(rng, 'dw_3x3_s2_valid_dm2_pc', [1, 7, 7, 3], 2, 3, 3, 2, 2, 'valid', 'none', true));
  cases.push(depthwiseCase(rng, 'dw_2x2_s1_valid_pt', [1, 5, 5, 2], 1, 2, 2, 1, 1, 'valid', 'relu6', false));
  cases.push(depthwiseCase(rng, 'dw_3x3_s2_same_dm3_b2', [2, 5, 5, 3], 3, 3, 3, 2, 2, 'same', 'none', true));

  cases.push(poolCase(rng, 'maxpool_2x2_s2_valid', 'MaxPool2D', [1, 8, 8, 3], 2, 2, 2, 2, 'valid', 'none'));
  cases.push(poolCase(rng, 'maxpool_3x3_s2_same', 'MaxPool2D', [2, 7, 7, 2], 3, 3, 2, 2, 'same', 'none'));
  cases.push(poolCase(rng, 'maxpool_3x3_s1_same_relu', 'MaxPool2D', [1, 5, 5, 4], 3, 3, 1, 1, 'same', 'relu'));
  cases.push(poolCase(rng, 'avgpool_2x2_s2_valid', 'AveragePool2D', [1, 8, 8, 3], 2, 2, 2, 2, 'valid', 'none'));
  cases.push(poolCase(rng, 'avgpool_3x3_s2_same', 'AveragePool2D', [2, 7, 7, 2], 3, 3, 2, 2, 'same', 'none'));
  cases.push(poolCase(rng, 'avgpool_3x3_s1_same_relu6', 'AveragePool2D', [1, 5, 6, 4], 3, 3, 1, 1, 'same', 'relu6'));

  cases.push(mlpCase(rng, 'mlp_64_32_16_10_softmax', [64, 32, 16, 10], ['relu', 'relu', 'none'], true));
  cases.push(mlpCase(rng, 'mlp_20_12_5', [20, 12, 5], ['relu6', 'none'], false));

  cases.push(quantizeMultiplierCase(rng));
  cases.push(multiplyByQuantizedMultiplierCase(rng));
  cases.push(chooseQuantParamsCase(rng));
  for (let i = 0; i < 40; i++) cases.push(plannerCase(rng, i));
  return cases;
}

export function generateGoldenBytes(seed = GOLDEN_SEED): Uint8Array {
  return encodeGolden(buildGoldenCases(seed));
}
