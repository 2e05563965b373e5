// opRecords.ts — between TS reference ops (src/ml/kernels/ops) and op table records of the package format.
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
  type Op,
} from '../kernels/ops';
import type { Tensor } from '../kernels/tensor';
import { ACTIVATIONS, NO_TENSOR, OPS, PADDINGS } from './packageFormat';

/** The fields of one op record (packageFormat.ts OP); unused ones are 0. */
export interface OpRecord {
  opcode: number;
  activation: number;
  padding: number;
  reserved: number;
  inputs: [number, number, number];
  output: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  filterH: number;
  filterW: number;
  depthMultiplier: number;
  axis: number;
  beta: number;
}

export type OpRecordParams = Omit<OpRecord, 'opcode' | 'reserved' | 'inputs' | 'output'>;

const ZERO: OpRecordParams = {
  activation: 0,
  padding: 0,
  strideH: 0,
  strideW: 0,
  dilationH: 0,
  dilationW: 0,
  filterH: 0,
  filterW: 0,
  depthMultiplier: 0,
  axis: 0,
  beta: 0,
};

/** The parameter fields of a TS op (names as in packageFormat.ts OPS). */
function paramsOf(op: Op): OpRecordParams {
  const act = (a: string) => ACTIVATIONS.indexOf(a as (typeof ACTIVATIONS)[number]);
  const pad = (p: string) => PADDINGS.indexOf(p as (typeof PADDINGS)[number]);
  if (op instanceof FullyConnected) return { ...ZERO, activation: act(op.act) };
  if (op instanceof Conv2D || op instanceof DepthwiseConv2D) {
    const o = op.options;
    return {
      ...ZERO,
      activation: act(o.activation),
      padding: pad(o.padding),
      strideH: o.strideH,
      strideW: o.strideW,
      dilationH: o.dilationH,
      dilationW: o.dilationW,
      depthMultiplier: op instanceof DepthwiseConv2D ? op.options.depthMultiplier : 0,
    };
  }
  if (op instanceof MaxPool2D || op instanceof AveragePool2D) {
    const o = op.options;
    return {
      ...ZERO,
      activation: act(o.activation),
      padding: pad(o.padding),
      strideH: o.strideH,
      strideW: o.strideW,
      filterH: o.filterH,
      filterW: o.filterW,
    };
  }
  if (op instanceof Add || op instanceof Sub) return { ...ZERO, activation: act(op.act) };
  if (op instanceof Softmax) return { ...ZERO, beta: op.beta };
  if (op instanceof ArgMax) return { ...ZERO, axis: op.axis };
  return { ...ZERO };
}

/** The record of a TS op; `index` gives a tensor's position in the tensor table. */
export function recordOf(op: Op, index: (t: Tensor) => number): OpRecord {
  const opcode = OPS.findIndex((s) => s.name === op.name);
  if (opcode < 0) throw new Error(`package: op ${op.name} has no package code`);
  const inputs: [number, number, number] = [NO_TENSOR, NO_TENSOR, NO_TENSOR];
  op.inputs.forEach((t, i) => {
    if (t) inputs[i] = index(t);
  });
  return { opcode, reserved: 0, inputs, output: index(op.output), ...paramsOf(op) };
}

/** The TS op of a validated record (slot k of `inputs` is the tensor of record input k, null for NO_TENSOR). */
export function opOf(r: OpRecord, inputs: (Tensor | null)[], output: Tensor): Op {
  const [x, w, b] = inputs as [Tensor, Tensor, Tensor | null];
  const activation = ACTIVATIONS[r.activation]!;
  const padding = PADDINGS[r.padding]!;
  const strides = { strideH: r.strideH, strideW: r.strideW };
  const dilation = { dilationH: r.dilationH, dilationW: r.dilationW };
  const pool = { ...strides, filterH: r.filterH, filterW: r.filterW, padding, activation };
  switch (OPS[r.opcode]!.name) {
    case 'FullyConnected':
      return new FullyConnected(x, w, b, output, { activation });
    case 'Conv2D':
      return new Conv2D(x, w, b, output, { ...strides, ...dilation, padding, activation });
    case 'DepthwiseConv2D':
      return new DepthwiseConv2D(x, w, b, output, {
        ...strides,
        ...dilation,
        padding,
        activation,
        depthMultiplier: r.depthMultiplier,
      });
    case 'MaxPool2D':
      return new MaxPool2D(x, output, pool);
    case 'AveragePool2D':
      return new AveragePool2D(x, output, pool);
    case 'Add':
      return new Add(x, w, output, activation);
    case 'Sub':
      return new Sub(x, w, output, activation);
    case 'Minimum':
      return new Minimum(x, w, output);
    case 'Maximum':
      return new Maximum(x, w, output);
    case 'Relu':
      return new Relu(x, output);
    case 'Relu6':
      return new Relu6(x, output);
    case 'Reshape':
      return new Reshape(x, output);
    case 'Quantize':
      return new Quantize(x, output);
    case 'Dequantize':
      return new Dequantize(x, output);
    case 'Softmax':
      return new Softmax(x, output, r.beta);
    default:
      return new ArgMax(x, output, r.axis);
  }
}
