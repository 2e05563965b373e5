// operators.ts — one .tflite operator as engine ops (src/ml/kernels/ops): the options, fused activations and operand
// roles each supported builtin needs. A mapper either returns the engine ops or the reasons the operator cannot run.
import {
  Add,
  ArgMax,
  AveragePool2D,
  Conv2D,
  DepthwiseConv2D,
  Dequantize,
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
  type Op,
} from '../kernels/ops';
import type { Padding } from '../kernels/reference';
import type { Tensor } from '../kernels/tensor';
import type { Activation } from '../quant/quantize';
import type { TfliteOptions } from './options';
import type { TfliteModel, TfliteOperator } from './reader';
import type { TensorRole } from './tensors';

/** Raised inside a mapper; collected per operator so one error can list every problem of the model. */
export class Unsupported extends Error {}

/** Builds engine tensors once per .tflite tensor and makes the intermediate tensors an operator needs. */
export interface TensorPool {
  get(index: number, role: TensorRole): Tensor;
  /** A new activation sharing `like`'s dtype and quantization. */
  derived(like: Tensor, shape: number[], suffix: string): Tensor;
}

export interface MapContext {
  model: TfliteModel;
  op: TfliteOperator;
  tensors: TensorPool;
}

type Mapper = (c: MapContext) => Op[];

function fail(message: string): never {
  throw new Unsupported(message);
}

function operand(c: MapContext, slot: number, role: TensorRole, optional = false): Tensor | null {
  const index = c.op.inputs[slot];
  if (index === undefined || index < 0) {
    if (optional) return null;
    return fail(`input ${slot} is missing`);
  }
  return c.tensors.get(index, role);
}
const input = (c: MapContext, slot: number, role: TensorRole = 'activation') => operand(c, slot, role)!;

function output(c: MapContext, role: TensorRole = 'activation'): Tensor {
  if (c.op.outputs.length !== 1) fail(`${c.op.outputs.length} outputs (1 supported)`);
  return c.tensors.get(c.op.outputs[0]!, role);
}

function options<K extends TfliteOptions['kind']>(c: MapContext, kind: K): Extract<TfliteOptions, { kind: K }> {
  const o = c.op.options;
  if (!o || o.kind !== kind) fail(`builtin options are not ${kind}`);
  return o as Extract<TfliteOptions, { kind: K }>;
}

function activation(a: string): Activation {
  if (a === 'NONE') return 'none';
  if (a === 'RELU') return 'relu';
  if (a === 'RELU6') return 'relu6';
  return fail(`fused activation ${a} is not supported (NONE, RELU, RELU6 are)`);
}

function padding(p: string): Padding {
  if (p === 'SAME') return 'same';
  if (p === 'VALID') return 'valid';
  return fail(`padding ${p} is not supported`);
}

function window(o: { strideH: number; strideW: number; padding: string; activation: string }) {
  return { strideH: o.strideH, strideW: o.strideW, padding: padding(o.padding), activation: activation(o.activation) };
}
function dilated(o: {
  strideH: number;
  strideW: number;
  padding: string;
  activation: string;
  dilationH: number;
  dilationW: number;
}) {
  return { ...window(o), dilationH: o.dilationH, dilationW: o.dilationW };
}

const conv2d: Mapper = (c) => {
  const o = options(c, 'Conv2DOptions');
  const [x, w, b, y] = [input(c, 0), input(c, 1, 'weights'), operand(c, 2, 'bias', true), output(c)];
  return [new Conv2D(x, w, b, y, dilated(o))];
};

const depthwise: Mapper = (c) => {
  const o = options(c, 'DepthwiseConv2DOptions');
  const [x, w, b, y] = [input(c, 0), input(c, 1, 'weights'), operand(c, 2, 'bias', true), output(c)];
  // The multiplier follows from the shapes (the option is redundant and ignored by TFLite since 2.0).
  const inC = x.shape[3] ?? 0;
  const outC = w.shape[3] ?? 0;
  if (inC < 1 || outC % inC !== 0) fail(`filter channels ${outC} are not a multiple of input channels ${inC}`);
  return [new DepthwiseConv2D(x, w, b, y, { ...dilated(o), depthMultiplier: outC / inC })];
};

const pool =
  (average: boolean): Mapper =>
  (c) => {
    const o = options(c, 'Pool2DOptions');
    const p = { ...window(o), filterH: o.filterH, filterW: o.filterW };
    const [x, y] = [input(c, 0), output(c)];
    return [average ? new AveragePool2D(x, y, p) : new MaxPool2D(x, y, p)];
  };

const fullyConnected: Mapper = (c) => {
  const o = options(c, 'FullyConnectedOptions');
  if (o.weightsFormat !== 0) fail(`weights format ${o.weightsFormat} is not supported (DEFAULT is)`);
  const act = activation(o.activation);
  let x = input(c, 0);
  const [w, b, y] = [input(c, 1, 'weights'), operand(c, 2, 'bias', true), output(c)];
  const depth = w.shape[1] ?? 0;
  if (w.shape.length !== 2 || depth < 1) fail(`weights shape [${w.shape}] is not [units, depth]`);
  const ops: Op[] = [];
  // TFLite flattens the input to [elements / depth, depth]; the engine reads the last dimension as the depth.
  if (x.shape[x.shape.length - 1] !== depth) {
    const n = x.shape.reduce((a, d) => a * d, 1);
    if (n % depth !== 0) fail(`input of ${n} elements does not divide into rows of depth ${depth}`);
    const flat = c.tensors.derived(x, [n / depth, depth], 'flattened');
    ops.push(new Reshape(x, flat));
    x = flat;
  }
  ops.push(new FullyConnected(x, w, b, y, { activation: act }));
  return ops;
};

const addSub =
  (subtract: boolean): Mapper =>
  (c) => {
    const o = options(c, subtract ? 'SubOptions' : 'AddOptions');
    const [a, b, y] = [input(c, 0), input(c, 1), output(c)];
    return [subtract ? new Sub(a, b, y, activation(o.activation)) : new Add(a, b, y, activation(o.activation))];
  };

const softmax: Mapper = (c) => {
  const o = options(c, 'SoftmaxOptions');
  return [new Softmax(input(c, 0), output(c), o.beta)];
};

/** RESHAPE, SQUEEZE, EXPAND_DIMS: the output tensor's shape is the result (a shape operand, if any, is not read). */
const reshape: Mapper = (c) => [new Reshape(input(c, 0), output(c))];

const quantize: Mapper = (c) => {
  const index = c.op.inputs[0] ?? -1;
  const isFloat = c.model.tensors[index]?.type === 'float32';
  return [new Quantize(input(c, 0, isFloat ? 'float' : 'activation'), output(c))];
};

const argMax: Mapper = (c) => {
  const o = options(c, 'ArgMaxOptions');
  if (o.outputType !== 'int32') fail(`output type ${o.outputType} is not supported (int32 is)`);
  const axisTensor = input(c, 1, 'bias');
  const axis = axisTensor.data![0];
  if (axisTensor.data!.length !== 1 || axis === undefined) fail('the axis must be one constant int32');
  return [new ArgMax(input(c, 0), output(c, 'index'), axis)];
};

export const MAPPERS: Readonly<Record<string, Mapper>> = {
  CONV_2D: conv2d,
  DEPTHWISE_CONV_2D: depthwise,
  AVERAGE_POOL_2D: pool(true),
  MAX_POOL_2D: pool(false),
  FULLY_CONNECTED: fullyConnected,
  ADD: addSub(false),
  SUB: addSub(true),
  SOFTMAX: softmax,
  RESHAPE: reshape,
  SQUEEZE: reshape,
  EXPAND_DIMS: reshape,
  QUANTIZE: quantize,
  DEQUANTIZE: (c) => [new Dequantize(input(c, 0), output(c, 'float'))],
  RELU: (c) => [new Relu(input(c, 0), output(c))],
  RELU6: (c) => [new Relu6(input(c, 0), output(c))],
  MAXIMUM: (c) => [new Maximum(input(c, 0), input(c, 1), output(c))],
  MINIMUM: (c) => [new Minimum(input(c, 0), input(c, 1), output(c))],
  ARG_MAX: argMax,
};
