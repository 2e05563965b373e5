// testGraphs.ts — graphs the package tests serialize (src/ml/package/package.test.ts and the C++ loader test in
// wasm/tests/package): MLP artefacts of any layer sizes with random weights quantized by the project's quantizer
// (src/ml/mlp/ptq.ts), a small CNN, and a graph with every remaining op. All seeded, so both sides see the same bytes.
import { mulberry32 } from '../../shared/mulberry32';
import { Graph } from '../kernels/graph';
import {
  Add,
  ArgMax,
  AveragePool2D,
  Conv2D,
  Dequantize,
  DepthwiseConv2D,
  FullyConnected,
  Maximum,
  MaxPool2D,
  Minimum,
  Quantize,
  Relu,
  Relu6,
  Reshape,
  Softmax,
  Sub,
} from '../kernels/ops';
import { activation, constInt32, constInt8PerChannel, flatSize, type Tensor } from '../kernels/tensor';
import type { FloatMlp } from '../mlp/floatMlp';
import { SOFTMAX_OUTPUT, toArtefact, type Int8MlpArtefact } from '../mlp/int8Mlp';
import { calibrate, quantizeMlp } from '../mlp/ptq';
import { quantizeBiases, quantizeWeights, symmetricPerChannelScales } from '../quant/quantize';

type Rng = () => number;
const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

function randomFloats(rng: Rng, n: number, limit: number): Float32Array {
  return Float32Array.from({ length: n }, () => uniform(rng, -limit, limit));
}

/** An MLP `sizes[0]-sizes[1]-...` (ReLU hidden layers) with Glorot-uniform weights, calibrated on [0, 1] inputs. */
export function randomMlpArtefact(sizes: readonly number[], seed: number, perChannel = true): Int8MlpArtefact {
  const rng = mulberry32(seed);
  const mlp: FloatMlp = {
    layers: sizes.slice(1).map((units, i) => {
      const depth = sizes[i]!;
      const limit = Math.sqrt(6 / (depth + units));
      return {
        units,
        depth,
        kernel: randomFloats(rng, units * depth, limit),
        bias: randomFloats(rng, units, 0.1),
        activation: i === sizes.length - 2 ? 'none' : 'relu',
      };
    }),
  };
  const samples = Array.from({ length: 32 }, () => Float32Array.from({ length: sizes[0]! }, () => rng()));
  const name = `random-mlp ${sizes.join('-')}`;
  return toArtefact(quantizeMlp(mlp, calibrate(mlp, samples), { name, inputRange: [0, 1], perChannel }));
}

/** Random int8 inputs for a graph input tensor. */
export function randomInt8(seed: number, n: number): Int8Array {
  const rng = mulberry32(seed);
  return Int8Array.from({ length: n }, () => Math.floor(rng() * 256) - 128);
}

function constWeights(rng: Rng, name: string, shape: number[], axis: number) {
  const values = randomFloats(rng, flatSize(shape), 0.5);
  const scales = symmetricPerChannelScales(values, shape, axis);
  return {
    tensor: constInt8PerChannel(name, shape, quantizeWeights(values, shape, scales, axis), scales, axis),
    scales,
  };
}

function constBias(rng: Rng, name: string, n: number, inputScale: number, weightScales: Float32Array): Tensor {
  return constInt32(name, [n], quantizeBiases(randomFloats(rng, n, 0.2), inputScale, weightScales));
}

export interface TestGraph {
  graph: Graph;
  inputs: Tensor[];
  outputs: Tensor[];
}

/**
 * A small CNN on a 12x12x1 int8 image: Conv2D 3x3x4 (same, ReLU) -> DepthwiseConv2D 3x3 x2 (stride 2, valid)
 * -> MaxPool2D 2x2 -> AveragePool2D 1x1 -> Reshape -> FullyConnected 10 -> Softmax.
 */
export function smallCnn(seed: number): TestGraph {
  const rng = mulberry32(seed);
  const input = activation('image', 'int8', [1, 12, 12, 1], 1 / 255, -128);
  const c1 = constWeights(rng, 'conv_w', [4, 3, 3, 1], 0);
  const c1b = constBias(rng, 'conv_b', 4, input.quant.scale, c1.scales);
  const h1 = activation('conv', 'int8', [1, 12, 12, 4], 0.02, -128);
  const d1 = constWeights(rng, 'dw_w', [1, 3, 3, 8], 3);
  const d1b = constBias(rng, 'dw_b', 8, h1.quant.scale, d1.scales);
  const h2 = activation('dw', 'int8', [1, 5, 5, 8], 0.04, 3);
  const h3 = activation('maxpool', 'int8', [1, 2, 2, 8], 0.04, 3);
  const h4 = activation('avgpool', 'int8', [1, 2, 2, 8], 0.04, 3);
  const flat = activation('flat', 'int8', [1, 32], 0.04, 3);
  const fc = constWeights(rng, 'fc_w', [10, 32], 0);
  const fcb = constBias(rng, 'fc_b', 10, flat.quant.scale, fc.scales);
  const logits = activation('logits', 'int8', [1, 10], 0.1, 0);
  const probs = activation('probs', 'int8', [1, 10], SOFTMAX_OUTPUT.scale, SOFTMAX_OUTPUT.zeroPoint);
  const ops = [
    new Conv2D(input, c1.tensor, c1b, h1, { padding: 'same', activation: 'relu' }),
    new DepthwiseConv2D(h1, d1.tensor, d1b, h2, { strideH: 2, strideW: 2, depthMultiplier: 2 }),
    new MaxPool2D(h2, h3, { filterH: 2, filterW: 2, strideH: 2, strideW: 2 }),
    new AveragePool2D(h3, h4, { filterH: 1, filterW: 1, strideH: 1, strideW: 1, padding: 'same' }),
    new Reshape(h4, flat),
    new FullyConnected(flat, fc.tensor, fcb, logits),
    new Softmax(logits, probs),
  ];
  return { graph: new Graph(ops), inputs: [input], outputs: [logits, probs] };
}

/**
 * The ops the CNN and the MLP leave out, on a float32 input [1, 3, 4, 2]: Quantize (float -> int8), Relu, Relu6,
 * Add, Sub, Minimum, Maximum, Quantize (int8 -> int8), ArgMax and Dequantize (int8 -> float32).
 */
export function elementwiseGraph(): TestGraph {
  const shape = [1, 3, 4, 2];
  const x = activation('x', 'float32', shape);
  const q = activation('q', 'int8', shape, 0.05, -10);
  const r = activation('relu', 'int8', shape, 0.05, -10);
  const r6 = activation('relu6', 'int8', shape, 0.05, -10);
  const sum = activation('sum', 'int8', shape, 0.1, -20);
  const diff = activation('diff', 'int8', shape, 0.05, -10);
  const lo = activation('min', 'int8', shape, 0.05, -10);
  const hi = activation('max', 'int8', shape, 0.05, -10);
  const requant = activation('requant', 'int8', shape, 0.02, 5);
  const index = activation('argmax', 'int32', [1, 3, 4]);
  const back = activation('y', 'float32', shape);
  const ops = [
    new Quantize(x, q),
    new Relu(q, r),
    new Relu6(q, r6),
    new Add(r, r6, sum, 'relu'),
    new Sub(q, r, diff),
    new Minimum(diff, r6, lo),
    new Maximum(lo, q, hi),
    new Quantize(hi, requant),
    new ArgMax(requant, index, -1),
    new Dequantize(requant, back),
  ];
  return { graph: new Graph(ops), inputs: [x], outputs: [sum, index, back] };
}

/** Float inputs in [-8, 8] for elementwiseGraph. */
export function randomFloat32(seed: number, n: number): Float32Array {
  return randomFloats(mulberry32(seed), n, 8);
}
