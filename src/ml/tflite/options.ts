// options.ts — the builtin options tables of the operators the importer maps (BuiltinOptions union members),
// read into plain typed objects. Enum values are kept as their schema names, so an unsupported value can be named.
import { TfliteError } from './errors';
import type { Table } from './flatbuffer';
import {
  ACTIVATION_FUNCTIONS,
  ADD_SUB_OPTIONS,
  ARG_MAX_OPTIONS,
  CONV2D_OPTIONS,
  DEPTHWISE_OPTIONS,
  FULLY_CONNECTED_OPTIONS,
  OPTIONS_TYPE,
  PADDINGS,
  POOL2D_OPTIONS,
  RESHAPE_OPTIONS,
  SOFTMAX_OPTIONS,
  TENSOR_TYPES,
} from './schema';

export type TflitePadding = (typeof PADDINGS)[number] | `padding ${number}`;
export type TfliteActivation = (typeof ACTIVATION_FUNCTIONS)[number] | `activation ${number}`;

interface Windowed {
  padding: TflitePadding;
  strideW: number;
  strideH: number;
  activation: TfliteActivation;
}

export type TfliteOptions =
  | ({ kind: 'Conv2DOptions'; dilationW: number; dilationH: number } & Windowed)
  | ({ kind: 'DepthwiseConv2DOptions'; depthMultiplier: number; dilationW: number; dilationH: number } & Windowed)
  | ({ kind: 'Pool2DOptions'; filterW: number; filterH: number } & Windowed)
  | { kind: 'FullyConnectedOptions'; activation: TfliteActivation; weightsFormat: number; keepNumDims: boolean }
  | { kind: 'SoftmaxOptions'; beta: number }
  | { kind: 'AddOptions' | 'SubOptions'; activation: TfliteActivation }
  | { kind: 'ReshapeOptions'; newShape: number[] | null }
  | { kind: 'ArgMaxOptions'; outputType: string }
  /** A union member the importer does not read: only its type id is kept. */
  | { kind: 'other'; type: number };

function padding(t: Table, id: number): TflitePadding {
  const v = t.i8(id, 'padding');
  return PADDINGS[v] ?? `padding ${v}`;
}
function activation(t: Table, id: number): TfliteActivation {
  const v = t.i8(id, 'fused_activation_function');
  return ACTIVATION_FUNCTIONS[v] ?? `activation ${v}`;
}
function windowed(t: Table, f: { padding: number; strideW: number; strideH: number; activation: number }): Windowed {
  return {
    padding: padding(t, f.padding),
    strideW: t.i32(f.strideW, 'stride_w'),
    strideH: t.i32(f.strideH, 'stride_h'),
    activation: activation(t, f.activation),
  };
}

/** The options of one operator; null when the operator carries none (type NONE). */
export function readOptions(type: number, t: Table | null, what: string): TfliteOptions | null {
  if (type === 0) return null;
  if (!t) throw new TfliteError(`${what}: builtin options of type ${type} are missing`);
  switch (type) {
    case OPTIONS_TYPE.Conv2DOptions:
      return {
        kind: 'Conv2DOptions',
        ...windowed(t, CONV2D_OPTIONS),
        dilationW: t.i32(CONV2D_OPTIONS.dilationW, 'dilation_w_factor', 1),
        dilationH: t.i32(CONV2D_OPTIONS.dilationH, 'dilation_h_factor', 1),
      };
    case OPTIONS_TYPE.DepthwiseConv2DOptions:
      return {
        kind: 'DepthwiseConv2DOptions',
        ...windowed(t, DEPTHWISE_OPTIONS),
        depthMultiplier: t.i32(DEPTHWISE_OPTIONS.depthMultiplier, 'depth_multiplier'),
        dilationW: t.i32(DEPTHWISE_OPTIONS.dilationW, 'dilation_w_factor', 1),
        dilationH: t.i32(DEPTHWISE_OPTIONS.dilationH, 'dilation_h_factor', 1),
      };
    case OPTIONS_TYPE.Pool2DOptions:
      return {
        kind: 'Pool2DOptions',
        ...windowed(t, POOL2D_OPTIONS),
        filterW: t.i32(POOL2D_OPTIONS.filterW, 'filter_width'),
        filterH: t.i32(POOL2D_OPTIONS.filterH, 'filter_height'),
      };
    case OPTIONS_TYPE.FullyConnectedOptions:
      return {
        kind: 'FullyConnectedOptions',
        activation: activation(t, FULLY_CONNECTED_OPTIONS.activation),
        weightsFormat: t.i8(FULLY_CONNECTED_OPTIONS.weightsFormat, 'weights_format'),
        keepNumDims: t.bool(FULLY_CONNECTED_OPTIONS.keepNumDims, 'keep_num_dims'),
      };
    case OPTIONS_TYPE.SoftmaxOptions:
      return { kind: 'SoftmaxOptions', beta: t.f32(SOFTMAX_OPTIONS.beta, 'beta') };
    case OPTIONS_TYPE.AddOptions:
    case OPTIONS_TYPE.SubOptions:
      return {
        kind: type === OPTIONS_TYPE.AddOptions ? 'AddOptions' : 'SubOptions',
        activation: activation(t, ADD_SUB_OPTIONS.activation),
      };
    case OPTIONS_TYPE.ReshapeOptions:
      return { kind: 'ReshapeOptions', newShape: t.int32s(RESHAPE_OPTIONS.newShape, 'new_shape', 8) };
    case OPTIONS_TYPE.ArgMaxOptions: {
      const v = t.i8(ARG_MAX_OPTIONS.outputType, 'output_type');
      return { kind: 'ArgMaxOptions', outputType: TENSOR_TYPES[v] ?? `type ${v}` };
    }
    default:
      return { kind: 'other', type };
  }
}
