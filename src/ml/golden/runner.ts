// runner.ts — runs one golden case with the TS engine (src/ml/kernels + src/ml/quant), exactly as the C++ test
// driver (wasm/tests/nn/nn_golden_test.cc) runs it with wasm/nn: quantize the stored floats with each tensor's
// params, build the op (or graph), prepare, invoke, and return one result per `expected` tensor, in order.

import { multiplyByQuantizedMultiplier, quantizeMultiplier } from '../quant/fixedpoint';
import {
  activationFromCode,
  chooseQuantParams,
  dequantizeValue,
  quantizeBias,
  quantizeInt8,
  quantizeWeights,
  type Activation,
} from '../quant/quantize';
import { Graph, type GraphStats, type LayerStats } from '../kernels/graph';
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
  type FcKernel,
  type Op,
} from '../kernels/ops';
import { planGreedy, planLinear } from '../kernels/planner';
import { activation, constInt32, constInt8, constInt8PerChannel, type DType, type Tensor } from '../kernels/tensor';
import { GOLDEN_PADDINGS, type GoldenCase, type GoldenData, type GoldenTensor } from './format';

export const PADDINGS = GOLDEN_PADDINGS;

/** Quantized operand values of a golden tensor, as both engines compute them. */
export function quantizedValues(c: GoldenCase, index: number): Int8Array | Int32Array | Float32Array {
  const t = c.tensors[index]!;
  const n = t.data.length;
  if (t.role === 'input') {
    if (t.dtype === 'float32') return Float32Array.from(t.data);
    const out = new Int8Array(n);
    for (let i = 0; i < n; i++) out[i] = quantizeInt8(t.data[i]!, t.scales[0]!, t.zeroPoint);
    return out;
  }
  if (t.role === 'weights') return quantizeWeights(t.data, t.shape, t.scales, t.axis);
  if (t.role === 'bias') {
    const w = c.tensors[index - 1];
    if (!w || w.role !== 'weights') throw new Error(`golden ${c.name}: bias must follow its weights`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++)
      out[i] = quantizeBias(t.data[i]!, t.scales[0]!, w.scales.length === 1 ? w.scales[0]! : w.scales[i]!);
    return out;
  }
  throw new Error(`golden ${c.name}: tensor ${index} (${t.role}) has no quantized form`);
}

/** Real values the quantized operand stands for (for the float sanity check). */
export function dequantizedValues(c: GoldenCase, index: number): Float64Array {
  const t = c.tensors[index]!;
  const q = quantizedValues(c, index);
  const out = new Float64Array(q.length);
  if (t.role === 'input') {
    for (let i = 0; i < q.length; i++)
      out[i] = t.dtype === 'float32' ? q[i]! : dequantizeValue(q[i]!, t.scales[0]!, t.zeroPoint);
  } else if (t.role === 'weights') {
    let inner = 1;
    for (let i = t.axis + 1; i < t.shape.length; i++) inner *= t.shape[i]!;
    const channels = t.shape[t.axis]!;
    for (let i = 0; i < q.length; i++) {
      const s = t.scales.length === 1 ? t.scales[0]! : t.scales[Math.floor(i / inner) % channels]!;
      out[i] = q[i]! * s;
    }
  } else {
    const w = c.tensors[index - 1]!;
    for (let i = 0; i < q.length; i++)
      out[i] = q[i]! * Math.fround(t.scales[0]! * (w.scales.length === 1 ? w.scales[0]! : w.scales[i]!));
  }
  return out;
}

function specTensor(name: string, t: GoldenTensor): Tensor {
  if (t.dtype === 'float64') throw new Error(`golden: ${name} cannot be float64`);
  return activation(name, t.dtype as DType, [...t.shape], t.scales[0] ?? 0, t.zeroPoint);
}

function constTensor(c: GoldenCase, index: number): Tensor {
  const t = c.tensors[index]!;
  const name = `${c.name}/t${index}`;
  if (t.role === 'bias') return constInt32(name, [...t.shape], quantizedValues(c, index) as Int32Array);
  const data = quantizedValues(c, index) as Int8Array;
  if (t.scales.length > 1) return constInt8PerChannel(name, [...t.shape], data, Float32Array.from(t.scales), t.axis);
  return constInt8(name, [...t.shape], data, t.scales[0]!);
}

function indicesOf(c: GoldenCase, role: GoldenTensor['role']): number[] {
  return c.tensors.flatMap((t, i) => (t.role === role ? [i] : []));
}

function act(code: number | undefined): Activation {
  return activationFromCode(code ?? 0);
}

/** Int32 summary of a graph's figures, as stored in golden `expected` tensors (same order as the C++ driver). */
export function statsVector(stats: GraphStats, layers: LayerStats[]): Int32Array {
  const v = [
    stats.macs,
    stats.weightBytes,
    stats.biasBytes,
    stats.scaleBytes,
    stats.multiplierBytes,
    stats.quantParamBytes,
    stats.flashBytes,
    stats.plannedBytes,
    stats.persistentBytes,
    stats.arenaBytes,
    stats.unplannedBytes,
    stats.peakLiveBytes,
  ];
  for (const l of layers) v.push(l.macs, l.persistentBytes, l.activationBytes, l.liveBytes, l.quantParamBytes);
  return Int32Array.from(v);
}

function runGraph(ops: Op[], inputs: { tensor: Tensor; values: Int8Array | Float32Array }[]): Graph {
  const graph = new Graph(ops);
  graph.prepare();
  for (const { tensor, values } of inputs) (tensor.data as Int8Array | Float32Array).set(values);
  graph.invoke();
  return graph;
}

function copyOut(t: Tensor): GoldenData {
  const d = t.data!;
  return d instanceof Int8Array
    ? Int8Array.from(d)
    : d instanceof Int32Array
      ? Int32Array.from(d)
      : Float32Array.from(d);
}

/** Single-op cases: all `input` tensors feed the op in order; the one `expected` tensor is its output. */
function buildSingleOp(
  c: GoldenCase,
  kernel: FcKernel,
): { op: Op; inputs: { tensor: Tensor; values: Int8Array | Float32Array }[]; output: Tensor } {
  const inIdx = indicesOf(c, 'input');
  const inputs = inIdx.map((i) => ({
    tensor: specTensor(`${c.name}/in${i}`, c.tensors[i]!),
    values: quantizedValues(c, i) as Int8Array | Float32Array,
  }));
  const wIdx = indicesOf(c, 'weights');
  const bIdx = indicesOf(c, 'bias');
  const weights = wIdx.length ? constTensor(c, wIdx[0]!) : null;
  const bias = bIdx.length ? constTensor(c, bIdx[0]!) : null;
  const expected = c.tensors[indicesOf(c, 'expected')[0]!]!;
  const output = specTensor(`${c.name}/out`, expected);
  const x = inputs[0]!.tensor;
  const p = c.params;
  let op: Op;
  switch (c.op) {
    case 'FullyConnected':
      op = new FullyConnected(x, weights!, bias, output, { activation: act(p[0]), kernel });
      break;
    case 'Add':
      op = new Add(x, inputs[1]!.tensor, output, act(p[0]));
      break;
    case 'Sub':
      op = new Sub(x, inputs[1]!.tensor, output, act(p[0]));
      break;
    case 'Minimum':
      op = new Minimum(x, inputs[1]!.tensor, output);
      break;
    case 'Maximum':
      op = new Maximum(x, inputs[1]!.tensor, output);
      break;
    case 'ArgMax':
      op = new ArgMax(x, output, p[0] ?? -1);
      break;
    case 'Relu':
      op = new Relu(x, output);
      break;
    case 'Relu6':
      op = new Relu6(x, output);
      break;
    case 'Reshape':
      op = new Reshape(x, output);
      break;
    case 'Quantize':
      op = new Quantize(x, output);
      break;
    case 'Dequantize':
      op = new Dequantize(x, output);
      break;
    case 'Softmax':
      op = new Softmax(x, output, p[0] ?? 1);
      break;
    case 'Conv2D':
      op = new Conv2D(x, weights!, bias, output, {
        strideH: p[0],
        strideW: p[1],
        padding: PADDINGS[p[2]!],
        activation: act(p[3]),
        dilationH: p[4] ?? 1,
        dilationW: p[5] ?? 1,
      });
      break;
    case 'DepthwiseConv2D':
      op = new DepthwiseConv2D(x, weights!, bias, output, {
        strideH: p[0],
        strideW: p[1],
        padding: PADDINGS[p[2]!],
        depthMultiplier: p[3],
        activation: act(p[4]),
        dilationH: p[5] ?? 1,
        dilationW: p[6] ?? 1,
      });
      break;
    case 'MaxPool2D':
    case 'AveragePool2D': {
      const options = {
        filterH: p[0],
        filterW: p[1],
        strideH: p[2],
        strideW: p[3],
        padding: PADDINGS[p[4]!],
        activation: act(p[5]),
      };
      op = c.op === 'MaxPool2D' ? new MaxPool2D(x, output, options) : new AveragePool2D(x, output, options);
      break;
    }
    default:
      throw new Error(`golden ${c.name}: unknown op ${c.op}`);
  }
  return { op, inputs, output };
}

/**
 * "MLP": params [numLayers, act_0 .. act_{L-1}, softmax(0|1)]; tensors: input, then per layer weights, bias and an
 * intermediate (its output), then the expected final output, then expected statistics for the 'reference' and the
 * 'simd' FullyConnected kernels.
 */
function runMlp(c: GoldenCase, kernel: FcKernel): { output: GoldenData; stats: Int32Array } {
  const layers = c.params[0]!;
  const softmax = c.params[1 + layers] === 1;
  const input = specTensor(`${c.name}/in`, c.tensors[0]!);
  const ops: Op[] = [];
  let x = input;
  let k = 1;
  const expectedIdx = indicesOf(c, 'expected');
  for (let l = 0; l < layers; l++) {
    const w = constTensor(c, k);
    const b = constTensor(c, k + 1);
    const isLast = l === layers - 1;
    const outSpec = c.tensors[k + 2]!;
    const out = specTensor(`${c.name}/h${l}`, outSpec.role === 'intermediate' ? outSpec : c.tensors[expectedIdx[0]!]!);
    ops.push(new FullyConnected(x, w, b, out, { activation: act(c.params[1 + l]), kernel }));
    x = out;
    k += isLast && !softmax ? 2 : 3;
  }
  let output = x;
  if (softmax) {
    output = specTensor(`${c.name}/out`, c.tensors[expectedIdx[0]!]!);
    ops.push(new Softmax(x, output));
  }
  const graph = runGraph(ops, [{ tensor: input, values: quantizedValues(c, 0) as Int8Array }]);
  return {
    output: copyOut(output),
    stats: statsVector(
      graph.stats(),
      ops.map((_, i) => graph.layerStats(i)),
    ),
  };
}

function raw(c: GoldenCase, i: number): GoldenData {
  return c.tensors[indicesOf(c, 'raw')[i]!]!.data;
}

/** Planner case: raw int32 [size, first, last] * n; expected greedy then linear: offsets followed by required bytes. */
export function plannerProblem(data: GoldenData): { size: number; firstUse: number; lastUse: number }[] {
  const buffers = [];
  for (let i = 0; i + 2 < data.length; i += 3)
    buffers.push({ size: data[i]!, firstUse: data[i + 1]!, lastUse: data[i + 2]! });
  return buffers;
}

/** Results of a case, one per `expected` tensor in order. kernel selects the mirrored FullyConnected kernel. */
export function runGoldenCase(c: GoldenCase, kernel: FcKernel = 'simd'): GoldenData[] {
  switch (c.op) {
    case 'QuantizeMultiplier': {
      const m = raw(c, 0);
      const out = new Int32Array(m.length * 2);
      m.forEach((v, i) => {
        const q = quantizeMultiplier(v);
        out[2 * i] = q.multiplier;
        out[2 * i + 1] = q.shift;
      });
      return [out];
    }
    case 'MultiplyByQuantizedMultiplier': {
      const t = raw(c, 0);
      const out = new Int32Array(t.length / 3);
      for (let i = 0; i < out.length; i++)
        out[i] = multiplyByQuantizedMultiplier(t[3 * i]!, t[3 * i + 1]!, t[3 * i + 2]!);
      return [out];
    }
    case 'ChooseQuantParams': {
      const r = raw(c, 0);
      const scales = new Float32Array(r.length / 2);
      const zps = new Int32Array(r.length / 2);
      for (let i = 0; i < scales.length; i++) {
        const q = chooseQuantParams(r[2 * i]!, r[2 * i + 1]!);
        scales[i] = q.scale;
        zps[i] = q.zeroPoint;
      }
      return [scales, zps];
    }
    case 'Planner': {
      const buffers = plannerProblem(raw(c, 0));
      const g = planGreedy(buffers);
      const l = planLinear(buffers);
      return [Int32Array.from([...g.offsets, g.requiredBytes]), Int32Array.from([...l.offsets, l.requiredBytes])];
    }
    case 'MLP': {
      const r = runMlp(c, 'reference');
      const s = runMlp(c, 'simd');
      return [r.output, r.stats, s.stats];
    }
    default: {
      const { op, inputs, output } = buildSingleOp(c, kernel);
      runGraph([op], inputs);
      return [copyOut(output)];
    }
  }
}
