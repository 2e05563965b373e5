// int8Mlp.ts — an int8 MLP quantized with the TFLite Micro scheme, the artefact it is stored as, and the TS
// reference graph that runs it (src/ml/kernels, bit-exact with the firmware's wasm/nn).
//
// Graph: Input int8 [1, depth] -> FullyConnected (fused ReLU or none) x N -> logits int8 [1, classes]
//        -> Softmax int8 (scale 1/256, zero point -128) and ArgMax int32 [1] over the logits.

import {
  activation as activationTensor,
  constInt32,
  constInt8,
  constInt8PerChannel,
  type Tensor,
} from '../kernels/tensor';
import { ArgMax, FullyConnected, Softmax, type Op } from '../kernels/ops';
import { Graph, type GraphStats, type LayerStats } from '../kernels/graph';
import { quantizeInt8 } from '../quant/quantize';
import type { DenseActivation } from './floatMlp';

export interface QParams {
  scale: number;
  zeroPoint: number;
}

export interface Int8Dense {
  units: number;
  depth: number;
  activation: DenseActivation;
  /** [units, depth] symmetric int8. */
  weights: Int8Array;
  /** One scale (per-tensor) or one per unit (per-channel, axis 0); float32 values. */
  weightScales: Float32Array;
  /** int32, scale input_scale * weight_scale[unit]. */
  bias: Int32Array;
  output: QParams;
}

export interface Int8Mlp {
  name: string;
  input: QParams & { depth: number };
  layers: Int8Dense[];
  /** Softmax output parameters (TFLM requires scale 1/256, zero point -128). */
  softmax: QParams;
}

export const SOFTMAX_OUTPUT: QParams = { scale: 1 / 256, zeroPoint: -128 };

// ---- artefact (JSON) ------------------------------------------------------------------------------------------------

export interface Int8MlpArtefact {
  format: 'tinyml-sim/int8-mlp@1';
  name: string;
  input: QParams & { depth: number };
  layers: {
    op: 'FullyConnected';
    units: number;
    depth: number;
    activation: DenseActivation;
    /** base64 of the int8 weights [units, depth]. */
    weights: string;
    weightScales: number[];
    /** base64 of the int32 little-endian biases. */
    bias: string;
    output: QParams;
  }[];
  softmax: QParams;
  /** Anything the producer wants to record (accuracy, training settings, figures). */
  meta?: Record<string, unknown>;
}

// atob/btoa exist in browsers, workers and Node, so the artefact loads anywhere.
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function toArtefact(m: Int8Mlp, meta?: Record<string, unknown>): Int8MlpArtefact {
  return {
    format: 'tinyml-sim/int8-mlp@1',
    name: m.name,
    input: { ...m.input },
    layers: m.layers.map((l) => ({
      op: 'FullyConnected',
      units: l.units,
      depth: l.depth,
      activation: l.activation,
      weights: toBase64(new Uint8Array(l.weights.buffer, l.weights.byteOffset, l.weights.byteLength)),
      weightScales: Array.from(l.weightScales),
      bias: toBase64(new Uint8Array(l.bias.buffer, l.bias.byteOffset, l.bias.byteLength)),
      output: { ...l.output },
    })),
    softmax: { ...m.softmax },
    ...(meta ? { meta } : {}),
  };
}

export function fromArtefact(a: Int8MlpArtefact): Int8Mlp {
  if (a.format !== 'tinyml-sim/int8-mlp@1') throw new Error(`int8Mlp: unknown artefact format ${String(a.format)}`);
  return {
    name: a.name,
    input: { ...a.input },
    layers: a.layers.map((l, i) => {
      const w = fromBase64(l.weights);
      const b = fromBase64(l.bias);
      if (w.length !== l.units * l.depth)
        throw new Error(`int8Mlp: layer ${i} has ${w.length} weights, expected ${l.units * l.depth}`);
      if (b.length !== l.units * 4)
        throw new Error(`int8Mlp: layer ${i} has ${b.length / 4} biases, expected ${l.units}`);
      if (l.weightScales.length !== 1 && l.weightScales.length !== l.units)
        throw new Error(`int8Mlp: layer ${i} has ${l.weightScales.length} scales`);
      return {
        units: l.units,
        depth: l.depth,
        activation: l.activation,
        weights: new Int8Array(w.buffer, w.byteOffset, w.length),
        weightScales: Float32Array.from(l.weightScales),
        bias: new Int32Array(b.buffer, b.byteOffset, l.units),
        output: { ...l.output },
      };
    }),
    softmax: { ...a.softmax },
  };
}

// ---- reference graph ------------------------------------------------------------------------------------------------

export interface Int8MlpGraph {
  graph: Graph;
  input: Tensor;
  logits: Tensor;
  scores: Tensor;
  prediction: Tensor;
  /** Runs the graph on an already quantized input. */
  invoke(input: Int8Array): { logits: Int8Array; scores: Int8Array; prediction: number };
  layerStats(): LayerStats[];
  stats(): GraphStats;
}

/** Builds and prepares the TS reference graph (FullyConnected kernel 'simd' mirrors the -msimd128 firmware build). */
export function buildInt8Graph(m: Int8Mlp): Int8MlpGraph {
  const input = activationTensor('input', 'int8', [1, m.input.depth], m.input.scale, m.input.zeroPoint);
  const ops: Op[] = [];
  let x = input;
  m.layers.forEach((l, i) => {
    const shape = [l.units, l.depth];
    const w =
      l.weightScales.length === 1
        ? constInt8(`fc${i + 1}_weights`, shape, l.weights, l.weightScales[0]!)
        : constInt8PerChannel(`fc${i + 1}_weights`, shape, l.weights, l.weightScales, 0);
    const b = constInt32(`fc${i + 1}_bias`, [l.units], l.bias);
    const name = i === m.layers.length - 1 ? 'logits' : `fc${i + 1}_out`;
    const y = activationTensor(name, 'int8', [1, l.units], l.output.scale, l.output.zeroPoint);
    ops.push(new FullyConnected(x, w, b, y, { activation: l.activation }));
    x = y;
  });
  const logits = x;
  const classes = logits.shape[1]!;
  const scores = activationTensor('scores', 'int8', [1, classes], m.softmax.scale, m.softmax.zeroPoint);
  const prediction = activationTensor('prediction', 'int32', [1]);
  ops.push(new Softmax(logits, scores), new ArgMax(logits, prediction));
  const graph = new Graph(ops);
  graph.prepare();
  return {
    graph,
    input,
    logits,
    scores,
    prediction,
    invoke(q: Int8Array) {
      (input.data as Int8Array).set(q);
      graph.invoke();
      return {
        logits: (logits.data as Int8Array).slice(),
        scores: (scores.data as Int8Array).slice(),
        prediction: (prediction.data as Int32Array)[0]!,
      };
    },
    layerStats: () => ops.map((_, i) => graph.layerStats(i)),
    stats: () => graph.stats(),
  };
}

/** Quantizes 0..255 pixels the way the firmware does: QuantizeInt8(float(p) / 255.0f, scale, zero point). */
export function quantizePixels(pixels: ArrayLike<number>, input: QParams): Int8Array {
  const out = new Int8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++)
    out[i] = quantizeInt8(Math.fround(pixels[i]! / 255), input.scale, input.zeroPoint);
  return out;
}
