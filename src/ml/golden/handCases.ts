// handCases.ts — kernel cases with expected outputs written by hand, one or more per op, as TFLM's kernel tests
// have them (tensorflow/lite/micro/kernels/*_test.cc): small inputs in float, each tensor's quantization
// parameters, and the int8 (or int32/float) output worked out on paper in the comment beside it. The generated
// goldens (generate.ts) take their expected values from our own TS engine; these do not, so they check that
// both engines compute what the op means, not only that they agree.
//
// The TS engine runs them in handCases.test.ts; wasm/tests/nn/nn.test.ts runs the same table through the C++
// library from wasm/tests/nn/golden/nn_hand.bin (encodeGolden of this table; a test keeps the file fresh).
// Regenerate the file: `npx tsx scripts/gen-nn-golden.ts`.
import type { GoldenCase, GoldenTensor } from './format';

export const HAND_FILE = 'wasm/tests/nn/golden/nn_hand.bin';

const NONE = 0;
const RELU = 1;
const SAME = 0;
const VALID = 1;

function input(
  shape: number[],
  values: number[],
  scale: number,
  zeroPoint: number,
  dtype: 'int8' | 'float32' = 'int8',
): GoldenTensor {
  return {
    role: 'input',
    dtype,
    shape,
    scales: dtype === 'int8' ? [scale] : [],
    zeroPoint,
    axis: 0,
    data: Float32Array.from(values),
  };
}
function weights(shape: number[], values: number[], scales: number[], axis = 0): GoldenTensor {
  return { role: 'weights', dtype: 'int8', shape, scales, zeroPoint: 0, axis, data: Float32Array.from(values) };
}
/** Biases in float; quantized with scale inputScale × weight scale of their channel. */
function bias(values: number[], inputScale: number): GoldenTensor {
  return {
    role: 'bias',
    dtype: 'int32',
    shape: [values.length],
    scales: [inputScale],
    zeroPoint: 0,
    axis: 0,
    data: Float32Array.from(values),
  };
}
function int8Out(shape: number[], values: number[], scale: number, zeroPoint: number): GoldenTensor {
  return { role: 'expected', dtype: 'int8', shape, scales: [scale], zeroPoint, axis: 0, data: Int8Array.from(values) };
}

export const HAND_CASES: GoldenCase[] = [
  {
    // x = [1, -0.5, 2] (scale 0.5, zp -1 → q [1, -2, 3], q - zp = [2, -1, 4]); W (scale 0.25) = [[2, 1, -1], [4, -2, 3]];
    // b = [-0.5, -1] / (0.5·0.25) = [-4, -8]. acc0 = 4 - 1 - 4 - 4 = -5, acc1 = 8 + 2 + 12 - 8 = 14.
    // Output scale 0.125, zp 0: multiplier 0.5·0.25/0.125 = 1 → [-5, 14]; ReLU clamps at zp → [0, 14].
    name: 'hand_fc_relu',
    op: 'FullyConnected',
    params: [RELU],
    tensors: [
      input([1, 3], [1, -0.5, 2], 0.5, -1),
      weights([2, 3], [0.5, 0.25, -0.25, 1, -0.5, 0.75], [0.25]),
      bias([-0.5, -1], 0.5),
      int8Out([1, 2], [0, 14], 0.125, 0),
    ],
  },
  {
    // The same layer into scale 1/128, zp 10: multiplier 16 → acc·16 + 10 = [-80 + 10, 224 + 10] = [-70, 127 (saturated)].
    name: 'hand_fc_saturate',
    op: 'FullyConnected',
    params: [NONE],
    tensors: [
      input([1, 3], [1, -0.5, 2], 0.5, -1),
      weights([2, 3], [0.5, 0.25, -0.25, 1, -0.5, 0.75], [0.25]),
      bias([-0.5, -1], 0.5),
      int8Out([1, 2], [-70, 127], 1 / 128, 10),
    ],
  },
  {
    // Per-channel weights: row 0 scale 1 (q [1, 2]), row 1 scale 0.5 (q [4, -2]); x = [3, -1] (scale 1, zp 0), no bias.
    // acc = [3 - 2, 12 + 2] = [1, 14]; output scale 0.5: multipliers 1/0.5 = 2 and 0.5/0.5 = 1 → [2, 14].
    name: 'hand_fc_per_channel',
    op: 'FullyConnected',
    params: [NONE],
    tensors: [input([1, 2], [3, -1], 1, 0), weights([2, 2], [1, 2, 2, -1], [1, 0.5]), int8Out([1, 2], [2, 14], 0.5, 0)],
  },
  {
    // All scales 0.5: a = [1, -2, 60, 3] (zp 0 → [2, -4, 120, 6]), b = [0.5, 1.5, 10, -4] (zp 2 → q - zp = [1, 3, 20, -8]).
    // Sum in steps of 0.5: [3, -1, 140, -2]; output zp -3 → [0, -4, 137 → 127, -5].
    name: 'hand_add',
    op: 'Add',
    params: [NONE],
    tensors: [
      input([1, 4], [1, -2, 60, 3], 0.5, 0),
      input([1, 4], [0.5, 1.5, 10, -4], 0.5, 2),
      int8Out([1, 4], [0, -4, 127, -5], 0.5, -3),
    ],
  },
  {
    // Differences of the same operands: [1, -7, 100, 14]; output zp -3 → [-2, -10, 97, 11]; ReLU clamps at zp → [-2, -3, 97, 11].
    name: 'hand_sub_relu',
    op: 'Sub',
    params: [RELU],
    tensors: [
      input([1, 4], [1, -2, 60, 3], 0.5, 0),
      input([1, 4], [0.5, 1.5, 10, -4], 0.5, 2),
      int8Out([1, 4], [-2, -3, 97, 11], 0.5, -3),
    ],
  },
  {
    // Broadcast of b [1, 2] over a [2, 2], scale 0.5, zp 1: a = [1, -1, 3, 0.5] → [3, -1, 7, 2]; b = [0, 2] → [1, 5].
    // Elementwise minimum: [min(3, 1), min(-1, 5), min(7, 1), min(2, 5)] = [1, -1, 1, 2].
    name: 'hand_minimum_broadcast',
    op: 'Minimum',
    params: [],
    tensors: [
      input([2, 2], [1, -1, 3, 0.5], 0.5, 1),
      input([1, 2], [0, 2], 0.5, 1),
      int8Out([2, 2], [1, -1, 1, 2], 0.5, 1),
    ],
  },
  {
    // Maximum of the same: [3, 5, 7, 5].
    name: 'hand_maximum_broadcast',
    op: 'Maximum',
    params: [],
    tensors: [
      input([2, 2], [1, -1, 3, 0.5], 0.5, 1),
      input([1, 2], [0, 2], 0.5, 1),
      int8Out([2, 2], [3, 5, 7, 5], 0.5, 1),
    ],
  },
  {
    // Rows [1, 5, 5] and [-3, -7, 0] along the last axis: the first of equal maxima (1), then 2.
    name: 'hand_argmax_ties',
    op: 'ArgMax',
    params: [-1],
    tensors: [
      input([2, 3], [1, 5, 5, -3, -7, 0], 1, 0),
      { role: 'expected', dtype: 'int32', shape: [2], scales: [], zeroPoint: 0, axis: 0, data: Int32Array.of(1, 2) },
    ],
  },
  {
    // x = [-3, -0.5, 0, 2, 60] (scale 0.5, zp -2: q - zp = [-6, -1, 0, 4, 120]); ReLU → [0, 0, 0, 4, 120] steps of 0.5;
    // output scale 0.25, zp 5: ×2 + 5 → [5, 5, 5, 13, 245 → 127].
    name: 'hand_relu_rescale',
    op: 'Relu',
    params: [],
    tensors: [input([5], [-3, -0.5, 0, 2, 60], 0.5, -2), int8Out([5], [5, 5, 5, 13, 127], 0.25, 5)],
  },
  {
    // Scale 0.5, zp 0 in and out: x = [-1, 2.5, 6, 7.5] → [-2, 5, 12, 15]; clamp to [0, 6/0.5 = 12] → [0, 5, 12, 12].
    name: 'hand_relu6',
    op: 'Relu6',
    params: [],
    tensors: [input([4], [-1, 2.5, 6, 7.5], 0.5, 0), int8Out([4], [0, 5, 12, 12], 0.5, 0)],
  },
  {
    // [2, 3] to [3, 2]: the bytes pass through unchanged.
    name: 'hand_reshape',
    op: 'Reshape',
    params: [],
    tensors: [input([2, 3], [1, -2, 3, -4, 5, -6], 1, 0), int8Out([3, 2], [1, -2, 3, -4, 5, -6], 1, 0)],
  },
  {
    // Float to int8, scale 0.5, zp 3: round(v / 0.5) + 3, halves away from zero, saturated:
    // 0 → 3; 1.2 → 2.4 → 5; -2.6 → -5.2 → -2; 70 → 143 → 127; -70 → -137 → -128; 0.25 → 0.5 → 1 → 4; -0.25 → -1 → 2.
    name: 'hand_quantize_float',
    op: 'Quantize',
    params: [],
    tensors: [
      input([7], [0, 1.2, -2.6, 70, -70, 0.25, -0.25], 0, 0, 'float32'),
      int8Out([7], [3, 5, -2, 127, -128, 4, 2], 0.5, 3),
    ],
  },
  {
    // int8 to int8: scale 0.5, zp 0 (q [1, -3, 60, -60, 0]) into scale 0.25, zp -10: q·2 - 10 → [-8, -16, 110, -130 → -128, -10].
    name: 'hand_quantize_requantize',
    op: 'Quantize',
    params: [],
    tensors: [input([5], [0.5, -1.5, 30, -30, 0], 0.5, 0), int8Out([5], [-8, -16, 110, -128, -10], 0.25, -10)],
  },
  {
    // Scale 0.25, zp -4: [1, -2, 0, 30, 40] → q [0, -12, -4, 116, 156 → 127]; (q + 4)·0.25 → [1, -2, 0, 30, 32.75].
    name: 'hand_dequantize',
    op: 'Dequantize',
    params: [],
    tensors: [
      input([5], [1, -2, 0, 30, 40], 0.25, -4),
      {
        role: 'expected',
        dtype: 'float32',
        shape: [5],
        scales: [],
        zeroPoint: 0,
        axis: 0,
        data: Float32Array.of(1, -2, 0, 30, 32.75),
      },
    ],
  },
  {
    // Output scale 1/256, zp -128 (p = (q + 128) / 256). Rows: [0.5, 0.5] → p 1/2 → 0; [12.7, -12.8] (scale 0.1: the
    // full int8 range apart, e^-25.5 ≈ 8e-12) → p ≈ [1, 0] → [256 - 128 → 127, -128]; and mirrored.
    name: 'hand_softmax_pairs',
    op: 'Softmax',
    params: [1],
    tensors: [
      input([3, 2], [0.5, 0.5, 12.7, -12.8, -12.8, 12.7], 0.1, 0),
      int8Out([3, 2], [0, 0, 127, -128, -128, 127], 1 / 256, -128),
    ],
  },
  {
    // Four equal logits share the mass: p 1/4 → 64 - 128 = -64 each.
    name: 'hand_softmax_uniform',
    op: 'Softmax',
    params: [1],
    tensors: [input([1, 4], [2, 2, 2, 2], 0.1, 3), int8Out([1, 4], [-64, -64, -64, -64], 1 / 256, -128)],
  },
  {
    // Input 3×3×1 = 1..9 (scale 1, zp 0); two 2×2 filters, stride 1, valid → 2×2×2 output (scale 1, zp 0).
    // Filter 0 (scale 1) [[1, 2], [3, -1]], bias 2: windows (1,2,4,5) → 1 + 4 + 12 - 5 + 2 = 14; (2,3,5,6) → 19;
    // (4,5,7,8) → 29; (5,6,8,9) → 34. Filter 1 (scale 0.5, q all 1, i.e. 0.5 each), bias 0: window sums 12, 16, 24, 28
    // times 0.5 → 6, 8, 12, 14. Channels interleave (NHWC).
    name: 'hand_conv_valid_per_channel',
    op: 'Conv2D',
    params: [1, 1, VALID, NONE],
    tensors: [
      input([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 0),
      weights([2, 2, 2, 1], [1, 2, 3, -1, 0.5, 0.5, 0.5, 0.5], [1, 0.5], 0),
      bias([2, 0], 1),
      int8Out([1, 2, 2, 2], [14, 6, 19, 8, 29, 12, 34, 14], 1, 0),
    ],
  },
  {
    // Same padding, stride 2 on a 1×3×3×1 input of 1..9 with a 3×3 filter of ones (scale 1): one output per 2 input
    // positions, padding 1 on each side: out(0,0) = 1+2+4+5 = 12, out(0,1) = 2+3+5+6 = 16, out(1,0) = 4+5+7+8 = 24,
    // out(1,1) = 5+6+8+9 = 28. Output scale 0.5, zp -100: acc·2 - 100 → [-76, -68, -52, -44].
    name: 'hand_conv_same_stride2',
    op: 'Conv2D',
    params: [2, 2, SAME, NONE],
    tensors: [
      input([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 0),
      weights([1, 3, 3, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1], [1], 0),
      int8Out([1, 2, 2, 1], [-76, -68, -52, -44], 0.5, -100),
    ],
  },
  {
    // Dilation 2, same padding (TFLM conv.cc / ComputePaddingHeightWidth): a 2×2 filter [[1, 2], [3, 4]] (scale 1)
    // spans 3×3, so the 3×3 input 1..9 (scale 1, zp 0) keeps its size and the padding is ((3 - 1)·1 + 3 - 3) / 2 = 1.
    // Output (y, x) reads input rows y - 1 and y + 1, columns x - 1 and x + 1 (outside the image skipped):
    // (0,0) 5·4 = 20; (0,1) 4·3 + 6·4 = 36; (0,2) 5·3 = 15; (1,0) 2·2 + 8·4 = 36; (1,1) 1 + 3·2 + 7·3 + 9·4 = 64;
    // (1,2) 2 + 8·3 = 26; (2,0) 5·2 = 10; (2,1) 4 + 6·2 = 16; (2,2) 5. An undilated 2×2 filter would give 2×2 sums.
    name: 'hand_conv_dilated_same',
    op: 'Conv2D',
    params: [1, 1, SAME, NONE, 2, 2],
    tensors: [
      input([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 0),
      weights([1, 2, 2, 1], [1, 2, 3, 4], [1], 0),
      int8Out([1, 3, 3, 1], [20, 36, 15, 36, 64, 26, 10, 16, 5], 1, 0),
    ],
  },
  {
    // Depthwise, dilation 2, valid: the 2×2 filter's taps are the four corners of the 3×3 input, one output pixel.
    // Input (scale 1, zp 0) ch0 = 1..9, ch1 = [-1, 0, 1, 0, 5, 0, 2, 0, -2]; filter ch0 all 1, ch1 [1, 2, 3, 4].
    // ch0: 1 + 3 + 7 + 9 = 20; ch1: -1 + 1·2 + 2·3 - 2·4 = -1 (the centre 5 is never read).
    name: 'hand_depthwise_dilated',
    op: 'DepthwiseConv2D',
    params: [1, 1, VALID, 1, NONE, 2, 2],
    tensors: [
      input([1, 3, 3, 2], [1, -1, 2, 0, 3, 1, 4, 0, 5, 5, 6, 0, 7, 2, 8, 0, 9, -2], 1, 0),
      weights([1, 2, 2, 2], [1, 1, 1, 2, 1, 3, 1, 4], [1], 3),
      int8Out([1, 1, 1, 2], [20, -1], 1, 0),
    ],
  },
  {
    // Two channels, 2×2 filter, depth multiplier 1, valid → one pixel. Input (scale 0.5): ch0 [1, 2, 3, 4], ch1
    // [-1, 0.5, 1, 2] → q ch0 [2, 4, 6, 8], ch1 [-2, 1, 2, 4]. Filter (scale 1): ch0 all 1, ch1 [1, -1, 0, 2]; bias
    // [0.5, -1] / 0.5 = [1, -2]. acc ch0 = 20 + 1 = 21; ch1 = -2 - 1 + 0 + 8 - 2 = 3. Output scale 0.5: multiplier 1.
    name: 'hand_depthwise',
    op: 'DepthwiseConv2D',
    params: [1, 1, VALID, 1, NONE],
    tensors: [
      input([1, 2, 2, 2], [1, -1, 2, 0.5, 3, 1, 4, 2], 0.5, 0),
      weights([1, 2, 2, 2], [1, 1, 1, -1, 1, 0, 1, 2], [1], 3),
      bias([0.5, -1], 0.5),
      int8Out([1, 1, 1, 2], [21, 3], 0.5, 0),
    ],
  },
  {
    // Depth multiplier 2 on one channel: 1×2×2×1 input [1, 2, 3, 4] (scale 1), filters [1, 1, 1, 1] and [1, 0, 0, -1]:
    // [10, -3]; ReLU → [10, 0].
    name: 'hand_depthwise_multiplier_relu',
    op: 'DepthwiseConv2D',
    params: [1, 1, VALID, 2, RELU],
    tensors: [
      input([1, 2, 2, 1], [1, 2, 3, 4], 1, 0),
      weights([1, 2, 2, 2], [1, 1, 1, 0, 1, 0, 1, -1], [1], 3),
      int8Out([1, 1, 1, 2], [10, 0], 1, 0),
    ],
  },
  {
    // 2×2 windows, stride 2, of the 2×4 input [[1, 5, -3, 2], [7, 0, -8, -1]]: max 7 and 2.
    name: 'hand_maxpool',
    op: 'MaxPool2D',
    params: [2, 2, 2, 2, VALID, NONE],
    tensors: [input([1, 2, 4, 1], [1, 5, -3, 2, 7, 0, -8, -1], 1, 0), int8Out([1, 1, 2, 1], [7, 2], 1, 0)],
  },
  {
    // Averages of the same windows: 13/4 = 3.25 → 3; -10/4 = -2.5 → -3 (half away from zero).
    name: 'hand_avgpool_rounding',
    op: 'AveragePool2D',
    params: [2, 2, 2, 2, VALID, NONE],
    tensors: [input([1, 2, 4, 1], [1, 5, -3, 2, 7, 0, -8, -1], 1, 0), int8Out([1, 1, 2, 1], [3, -3], 1, 0)],
  },
  {
    // Same padding averages only the cells inside the input: 1×3 input [2, 4, 9], 1×2 windows, stride 2 → windows
    // (2, 4) and (9): [3, 9].
    name: 'hand_avgpool_same_edge',
    op: 'AveragePool2D',
    params: [1, 2, 1, 2, SAME, NONE],
    tensors: [input([1, 1, 3, 1], [2, 4, 9], 1, 0), int8Out([1, 1, 2, 1], [3, 9], 1, 0)],
  },
];
