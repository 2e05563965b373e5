// packageFormat.ts — the one description of the model package: the body of a model image (docs/model-package.md),
// a serialized wasm/nn graph that the firmware loads at run time instead of a compiled-in model.
//
// Little-endian, fixed-size records, every section inside the body:
//   header (HEADER_FIELDS) | tensor table (TENSOR_FIELDS x numTensors) | op table (OP_FIELDS x numOps)
//   | io table (u16 graph inputs, u16 graph outputs) | const data (16-byte aligned blobs) | self-test vectors
//
// The TS writer and reader (writer.ts, reader.ts) take offsets, codes and limits from here, and the C++ loader
// (wasm/nn/src/model_loader.cc) from wasm/nn/include/nn/package_format.h, which packageHeader.ts generates from this
// file (npm run gen:contracts; package.test.ts fails when the committed header is stale).
import type { Activation } from '../quant/quantize';
import type { Padding } from '../kernels/reference';
import type { DType } from '../kernels/tensor';

export const PACKAGE_MAGIC = 'NNPK';
export const PACKAGE_VERSION = 1;

export type FieldType = 'char4' | 'u8' | 'u16' | 'u32' | 'i32' | 'f32';
export interface Field {
  name: string;
  type: FieldType;
  /** Array length (dims, input indices); 1 when absent. */
  count?: number;
  doc: string;
}

const FIELD_BYTES: Record<FieldType, number> = { char4: 4, u8: 1, u16: 2, u32: 4, i32: 4, f32: 4 };

export interface Layout {
  fields: readonly Field[];
  offsets: Readonly<Record<string, number>>;
  bytes: number;
}

/** Packs fields in order; each field is aligned to its own size, so a record is readable with plain loads. */
export function layout(fields: readonly Field[]): Layout {
  const offsets: Record<string, number> = {};
  let at = 0;
  for (const f of fields) {
    const size = FIELD_BYTES[f.type];
    if (at % Math.min(size, 4) !== 0) throw new Error(`packageFormat: ${f.name} is misaligned at ${at}`);
    offsets[f.name] = at;
    at += size * (f.count ?? 1);
  }
  return { fields, offsets, bytes: at };
}

export const HEADER = layout([
  { name: 'magic', type: 'char4', doc: `"${PACKAGE_MAGIC}"` },
  { name: 'version', type: 'u16', doc: `format version (${PACKAGE_VERSION})` },
  { name: 'headerBytes', type: 'u16', doc: 'size of this header' },
  { name: 'totalBytes', type: 'u32', doc: 'size of the whole body' },
  { name: 'flags', type: 'u32', doc: 'reserved, 0' },
  { name: 'numTensors', type: 'u16', doc: 'tensor table records' },
  { name: 'numOps', type: 'u16', doc: 'op table records, in execution order' },
  { name: 'numInputs', type: 'u16', doc: 'graph inputs (io table)' },
  { name: 'numOutputs', type: 'u16', doc: 'graph outputs (io table)' },
  { name: 'tensorTableOffset', type: 'u32', doc: 'from the body start' },
  { name: 'opTableOffset', type: 'u32', doc: 'from the body start' },
  { name: 'ioTableOffset', type: 'u32', doc: 'from the body start' },
  { name: 'constDataOffset', type: 'u32', doc: 'from the body start, 16-byte aligned' },
  { name: 'constDataBytes', type: 'u32', doc: 'size of the const data section' },
  { name: 'arenaBytes', type: 'u32', doc: 'arena the graph needs (planned activations + persistent data)' },
  { name: 'numSelfTests', type: 'u16', doc: 'self-test vectors (at least 1)' },
  { name: 'reserved0', type: 'u16', doc: 'reserved, 0' },
  { name: 'selfTestOffset', type: 'u32', doc: 'from the body start' },
  { name: 'selfTestBytes', type: 'u32', doc: 'numSelfTests x (input bytes + output bytes)' },
  { name: 'reserved1', type: 'u32', doc: 'reserved, 0' },
]);

export const TENSOR = layout([
  { name: 'dtype', type: 'u8', doc: 'DTYPES code' },
  { name: 'rank', type: 'u8', doc: '0..4' },
  { name: 'storage', type: 'u8', doc: 'STORAGES code: activation (in the arena) or const (in the body)' },
  { name: 'quantType', type: 'u8', doc: 'QUANT_TYPES code' },
  { name: 'dims', type: 'i32', count: 4, doc: 'dimensions; unused ones 0' },
  { name: 'scale', type: 'f32', doc: 'per-tensor scale (0 when per-channel)' },
  { name: 'zeroPoint', type: 'i32', doc: 'per-tensor zero point' },
  { name: 'quantAxis', type: 'i32', doc: 'per-channel: the channel axis; else 0' },
  { name: 'numChannels', type: 'u32', doc: 'per-channel: number of scales (= dims[quantAxis]); else 0' },
  { name: 'scalesOffset', type: 'u32', doc: 'per-channel: f32 scales, in the const data section; else 0' },
  { name: 'dataOffset', type: 'u32', doc: 'const: data in the const data section, 16-byte aligned; else 0' },
  { name: 'dataBytes', type: 'u32', doc: 'const: elements x element size; else 0' },
]);

export const OP = layout([
  { name: 'opcode', type: 'u8', doc: 'OPS code' },
  { name: 'activation', type: 'u8', doc: 'ACTIVATIONS code (fused activation)' },
  { name: 'padding', type: 'u8', doc: 'PADDINGS code' },
  { name: 'reserved', type: 'u8', doc: 'reserved, 0' },
  { name: 'inputs', type: 'u16', count: 3, doc: `tensor indices; ${0xffff} = none (missing bias, unused slot)` },
  { name: 'output', type: 'u16', doc: 'tensor index' },
  { name: 'strideH', type: 'i32', doc: 'stride' },
  { name: 'strideW', type: 'i32', doc: 'stride' },
  { name: 'dilationH', type: 'i32', doc: 'dilation factor (TFLite dilation_*_factor)' },
  { name: 'dilationW', type: 'i32', doc: 'dilation factor (TFLite dilation_*_factor)' },
  { name: 'filterH', type: 'i32', doc: 'pooling window' },
  { name: 'filterW', type: 'i32', doc: 'pooling window' },
  { name: 'depthMultiplier', type: 'i32', doc: 'depthwise channel multiplier' },
  { name: 'axis', type: 'i32', doc: 'ArgMax axis (negative counts from the end)' },
  { name: 'beta', type: 'f32', doc: 'Softmax beta' },
]);

/** Index of "no tensor" in an op's input slots. */
export const NO_TENSOR = 0xffff;
export const CONST_ALIGNMENT = 16;
export const TABLE_ALIGNMENT = 4;

// Codes: the index in these lists (DTYPES and ACTIVATIONS and PADDINGS equal nn::DType, nn::Activation and
// nn::Padding, which the loader casts to).
export const DTYPES: readonly DType[] = ['int8', 'int32', 'float32'];
export const STORAGES = ['activation', 'const'] as const;
export const QUANT_TYPES = ['perTensor', 'perChannel'] as const;
export const ACTIVATIONS: readonly Activation[] = ['none', 'relu', 'relu6'];
export const PADDINGS: readonly Padding[] = ['same', 'valid'];

/** Op record fields besides opcode, inputs and output; a field an op does not list must be 0. */
export type OpParam =
  'activation' | 'padding' | 'strides' | 'dilation' | 'filter' | 'depthMultiplier' | 'axis' | 'beta';

export interface OpSpec {
  name: string;
  /** Input slots in order; optional ones (bias) may be NO_TENSOR. */
  inputs: readonly { name: string; optional?: boolean }[];
  params: readonly OpParam[];
}

const IN = [{ name: 'input' }];
const TWO = [{ name: 'input1' }, { name: 'input2' }];
const WEIGHTED = (w: string) => [{ name: 'input' }, { name: w }, { name: 'bias', optional: true }];

/** Every op of wasm/nn; the code is the index. */
export const OPS: readonly OpSpec[] = [
  { name: 'FullyConnected', inputs: WEIGHTED('weights'), params: ['activation'] },
  { name: 'Conv2D', inputs: WEIGHTED('filter'), params: ['activation', 'padding', 'strides', 'dilation'] },
  {
    name: 'DepthwiseConv2D',
    inputs: WEIGHTED('filter'),
    params: ['activation', 'padding', 'strides', 'dilation', 'depthMultiplier'],
  },
  { name: 'MaxPool2D', inputs: IN, params: ['activation', 'padding', 'strides', 'filter'] },
  { name: 'AveragePool2D', inputs: IN, params: ['activation', 'padding', 'strides', 'filter'] },
  { name: 'Add', inputs: TWO, params: ['activation'] },
  { name: 'Sub', inputs: TWO, params: ['activation'] },
  { name: 'Minimum', inputs: TWO, params: [] },
  { name: 'Maximum', inputs: TWO, params: [] },
  { name: 'Relu', inputs: IN, params: [] },
  { name: 'Relu6', inputs: IN, params: [] },
  { name: 'Reshape', inputs: IN, params: [] },
  { name: 'Quantize', inputs: IN, params: [] },
  { name: 'Dequantize', inputs: IN, params: [] },
  { name: 'Softmax', inputs: IN, params: ['beta'] },
  { name: 'ArgMax', inputs: IN, params: ['axis'] },
];

/** Op record fields behind each parameter. */
export const PARAM_FIELDS: Readonly<Record<OpParam, readonly string[]>> = {
  activation: ['activation'],
  padding: ['padding'],
  strides: ['strideH', 'strideW'],
  dilation: ['dilationH', 'dilationW'],
  filter: ['filterH', 'filterW'],
  depthMultiplier: ['depthMultiplier'],
  axis: ['axis'],
  beta: ['beta'],
};

/**
 * Limits a package must respect. They keep every size computation in 32 bits, bound the memory the reader allocates
 * and the work one inference does (so a hostile package cannot hang the device), and match wasm/nn's Graph
 * (64 ops, 128 activation tensors).
 */
export const LIMITS = {
  maxTensors: 256,
  maxActivations: 128,
  maxOps: 64,
  maxInputs: 4,
  maxOutputs: 8,
  maxSelfTests: 16,
  /** Every dimension and every integer op parameter (stride, dilation, window, depth multiplier). */
  maxDim: 32767,
  /** Elements of one tensor. */
  maxElements: 1 << 24,
  /** Arena a package may declare (the simulated board has 320 KB of SRAM). */
  maxArenaBytes: 1 << 20,
  /**
   * Work of one inference: the sum over ops of output elements x taps (FullyConnected: depth; Conv2D: KH*KW*Cin;
   * DepthwiseConv2D and pools: KH*KW; other ops: 1) plus the input elements (2^25 is 300 times the MNIST MLP).
   */
  maxWork: 1 << 25,
} as const;

/** Bytes of the io table (u16 per graph input and output). */
export function ioTableBytes(numInputs: number, numOutputs: number): number {
  return 2 * (numInputs + numOutputs);
}

export function alignTo(v: number, a: number): number {
  return Math.ceil(v / a) * a;
}
