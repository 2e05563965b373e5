// testModels.ts — small .tflite files written with the flatbuffers Builder for the tests: the schema's field ids from
// schema.ts, any operator code, options table and tensor type, so unsupported ops, float models, dilated
// convolutions and malformed options can be built without a converter.
import { Builder } from 'flatbuffers';
import {
  OPTIONS_TYPE,
  BUFFER,
  FILE_IDENTIFIER,
  MODEL,
  OPERATOR,
  OPERATOR_CODE,
  QUANTIZATION,
  SUBGRAPH,
  TENSOR,
  TENSOR_TYPES,
  type TfliteTensorType,
} from './schema';

export interface SpecTensor {
  shape: number[];
  type: TfliteTensorType;
  /** Constant data (little-endian bytes); absent for activations. */
  data?: Uint8Array;
  scales?: number[];
  zeroPoints?: number[];
  quantizedDimension?: number;
  name?: string;
  /** Mark the tensor's buffer as stored outside the flatbuffer (Buffer.offset/size, models over 2 GB). */
  externalBuffer?: boolean;
}

export interface SpecOperator {
  /** BuiltinOperator code. */
  code: number;
  inputs: number[];
  outputs: number[];
  /** BuiltinOptions union type and the table's fields as [field id, kind, value]. */
  options?: { type: number; fields: [number, 'i8' | 'i32' | 'f32' | 'bool', number][] };
}

export interface SpecModel {
  tensors: SpecTensor[];
  operators: SpecOperator[];
  inputs: number[];
  outputs: number[];
  /** Write the code only in deprecated_builtin_code (files from before schema 3a). */
  deprecatedCodesOnly?: boolean;
}

function intVector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]!);
  return b.endVector();
}
function floatVector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
  return b.endVector();
}
function longVector(b: Builder, values: readonly number[]): number {
  b.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) b.addInt64(BigInt(values[i]!));
  return b.endVector();
}
function tableVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
  return b.endVector();
}

export function buildTflite(spec: SpecModel): Uint8Array {
  const b = new Builder(1024);
  // Buffers: 0 is the empty one; each constant tensor gets its own.
  const bufferOf: number[] = [];
  const bufferTables: number[] = [];
  const emptyBuffer = () => {
    b.startObject(3);
    return b.endObject();
  };
  bufferTables.push(emptyBuffer());
  for (const t of spec.tensors) {
    if (t.externalBuffer) {
      b.startObject(3);
      b.addFieldInt64(BUFFER.offset, 1n << 31n, 0n);
      b.addFieldInt64(BUFFER.size, BigInt(t.shape.reduce((a, d) => a * d, 1)), 0n);
      bufferOf.push(bufferTables.length);
      bufferTables.push(b.endObject());
      continue;
    }
    if (!t.data) {
      bufferOf.push(0);
      continue;
    }
    b.startVector(1, t.data.length, 16);
    for (let i = t.data.length - 1; i >= 0; i--) b.addInt8(t.data[i]!);
    const data = b.endVector();
    b.startObject(3);
    b.addFieldOffset(BUFFER.data, data, 0);
    bufferOf.push(bufferTables.length);
    bufferTables.push(b.endObject());
  }
  const tensors = spec.tensors.map((t, i) => {
    const name = b.createString(t.name ?? `t${i}`);
    const shape = intVector(b, t.shape);
    let quant = 0;
    if (t.scales) {
      const scale = floatVector(b, t.scales);
      const zp = longVector(b, t.zeroPoints ?? t.scales.map(() => 0));
      b.startObject(7);
      b.addFieldOffset(QUANTIZATION.scale, scale, 0);
      b.addFieldOffset(QUANTIZATION.zeroPoint, zp, 0);
      b.addFieldInt32(QUANTIZATION.quantizedDimension, t.quantizedDimension ?? 0, 0);
      quant = b.endObject();
    }
    b.startObject(7);
    b.addFieldOffset(TENSOR.shape, shape, 0);
    b.addFieldInt8(TENSOR.type, TENSOR_TYPES.indexOf(t.type), 0);
    b.addFieldInt32(TENSOR.buffer, bufferOf[i]!, 0);
    b.addFieldOffset(TENSOR.name, name, 0);
    if (quant) b.addFieldOffset(TENSOR.quantization, quant, 0);
    return b.endObject();
  });
  const codes = [...new Set(spec.operators.map((o) => o.code))];
  const codeTables = codes.map((code) => {
    b.startObject(4);
    b.addFieldInt8(OPERATOR_CODE.deprecatedBuiltinCode, Math.min(code, 127), 0);
    if (!spec.deprecatedCodesOnly) b.addFieldInt32(OPERATOR_CODE.builtinCode, code, 0);
    b.addFieldInt32(OPERATOR_CODE.version, 1, 1);
    return b.endObject();
  });
  const operators = spec.operators.map((o) => {
    let options = 0;
    if (o.options) {
      b.startObject(8);
      for (const [id, kind, value] of o.options.fields) {
        if (kind === 'i32') b.addFieldInt32(id, value, null);
        else if (kind === 'f32') b.addFieldFloat32(id, value, null);
        else b.addFieldInt8(id, value, null);
      }
      options = b.endObject();
    }
    const inputs = intVector(b, o.inputs);
    const outputs = intVector(b, o.outputs);
    b.startObject(8);
    b.addFieldInt32(OPERATOR.opcodeIndex, codes.indexOf(o.code), 0);
    b.addFieldOffset(OPERATOR.inputs, inputs, 0);
    b.addFieldOffset(OPERATOR.outputs, outputs, 0);
    if (o.options) {
      b.addFieldInt8(OPERATOR.builtinOptionsType, o.options.type, 0);
      b.addFieldOffset(OPERATOR.builtinOptions, options, 0);
    }
    return b.endObject();
  });
  const tensorVec = tableVector(b, tensors);
  const inputs = intVector(b, spec.inputs);
  const outputs = intVector(b, spec.outputs);
  const opVec = tableVector(b, operators);
  b.startObject(5);
  b.addFieldOffset(SUBGRAPH.tensors, tensorVec, 0);
  b.addFieldOffset(SUBGRAPH.inputs, inputs, 0);
  b.addFieldOffset(SUBGRAPH.outputs, outputs, 0);
  b.addFieldOffset(SUBGRAPH.operators, opVec, 0);
  const subgraph = b.endObject();
  const codeVec = tableVector(b, codeTables);
  const subgraphVec = tableVector(b, [subgraph]);
  const bufferVec = tableVector(b, bufferTables);
  const description = b.createString('test model');
  b.startObject(8);
  b.addFieldInt32(MODEL.version, 3, 0);
  b.addFieldOffset(MODEL.operatorCodes, codeVec, 0);
  b.addFieldOffset(MODEL.subgraphs, subgraphVec, 0);
  b.addFieldOffset(MODEL.description, description, 0);
  b.addFieldOffset(MODEL.buffers, bufferVec, 0);
  b.finish(b.endObject(), FILE_IDENTIFIER);
  return b.asUint8Array().slice();
}

export const int8Bytes = (values: readonly number[]) => new Uint8Array(Int8Array.from(values).buffer);
export const int32Bytes = (values: readonly number[]) => new Uint8Array(Int32Array.from(values).buffer);

/**
 * The hand case hand_conv_dilated_same (src/ml/golden/handCases.ts) as a .tflite: input 1×3×3×1 (scale 1, zp 0),
 * 2×2 filter [[1, 2], [3, 4]] (scale 1), no bias, dilation 2, same padding, stride 1, fused `activation` code.
 */
export function dilatedConvSpec(activation = 0): SpecModel {
  const act = (shape: number[]): SpecTensor => ({ shape, type: 'int8', scales: [1], zeroPoints: [0] });
  return {
    tensors: [act([1, 3, 3, 1]), { ...act([1, 2, 2, 1]), data: int8Bytes([1, 2, 3, 4]) }, act([1, 3, 3, 1])],
    operators: [
      {
        code: 3, // CONV_2D
        inputs: [0, 1, -1],
        outputs: [2],
        options: {
          type: OPTIONS_TYPE.Conv2DOptions,
          fields: [
            [0, 'i8', 0], // SAME
            [1, 'i32', 1],
            [2, 'i32', 1],
            [3, 'i8', activation],
            [4, 'i32', 2],
            [5, 'i32', 2],
          ],
        },
      },
    ],
    inputs: [0],
    outputs: [2],
  };
}
