// reader.ts — readTflite: a typed view of a .tflite file's first subgraph (tensors, operators, buffers) over the
// bounds-checked FlatReader. Only what the schema says is read; nothing is interpreted beyond types and enums.
import { FlatReader, type Table } from './flatbuffer';
import { TfliteError } from './errors';
import { readOptions, type TfliteOptions } from './options';
import {
  BUFFER,
  BUILTIN_CUSTOM,
  FILE_IDENTIFIER,
  MODEL,
  OPERATOR,
  OPERATOR_CODE,
  QUANTIZATION,
  SUBGRAPH,
  TENSOR,
  TENSOR_TYPES,
  builtinName,
  type TfliteTensorType,
} from './schema';

/** Counts beyond what any microcontroller model has; they bound the reader's work on a hostile file. */
export const READER_LIMITS = {
  operatorCodes: 1024,
  subgraphs: 256,
  tensors: 4096,
  operators: 4096,
  buffers: 8192,
  /** Tensor rank and operator inputs/outputs. */
  rank: 8,
  operands: 64,
  subgraphIo: 256,
  /** Scales and zero points of one tensor (one per channel). */
  channels: 65536,
} as const;

export interface TfliteQuantization {
  /** One scale per tensor, or one per channel along `quantizedDimension`. */
  scales: Float32Array;
  zeroPoints: number[];
  quantizedDimension: number;
}

export interface TfliteTensor {
  index: number;
  name: string;
  type: TfliteTensorType | `type ${number}`;
  shape: number[];
  /** Index into `buffers`; 0 is the always-empty buffer. */
  buffer: number;
  quantization: TfliteQuantization | null;
  isVariable: boolean;
  isSparse: boolean;
}

export interface TfliteOperator {
  index: number;
  /** The builtin operator's schema name (e.g. CONV_2D), or CUSTOM(<code>) for a custom op. */
  opName: string;
  builtinCode: number;
  version: number;
  /** Tensor indices; -1 marks an omitted optional input. */
  inputs: number[];
  outputs: number[];
  options: TfliteOptions | null;
}

export interface TfliteModel {
  version: number;
  description: string;
  subgraphCount: number;
  tensors: TfliteTensor[];
  operators: TfliteOperator[];
  inputs: number[];
  outputs: number[];
  /** Buffer contents as views into the file (no copy); empty for buffer 0 and for tensors without data. */
  buffers: Uint8Array[];
}

interface OperatorCode {
  builtinCode: number;
  customCode: string;
  version: number;
}

function readOperatorCode(t: Table): OperatorCode {
  // Files from before schema 3a carry the code in the int8 field only; newer ones keep it there clamped to 127
  // (PLACEHOLDER_FOR_GREATER_OP_CODES) and store the real code in builtin_code: the larger of the two is the code.
  const deprecated = t.i8(OPERATOR_CODE.deprecatedBuiltinCode, 'deprecated_builtin_code');
  const builtin = t.i32(OPERATOR_CODE.builtinCode, 'builtin_code');
  return {
    builtinCode: Math.max(deprecated, builtin),
    customCode: t.string(OPERATOR_CODE.customCode, 'custom_code'),
    version: t.i32(OPERATOR_CODE.version, 'version', 1),
  };
}

function readQuantization(t: Table | null, index: number): TfliteQuantization | null {
  if (!t) return null;
  if (t.u8(QUANTIZATION.detailsType, 'details_type') !== 0) {
    throw new TfliteError(`tensor ${index}: custom quantization (QuantizationDetails) is not supported`);
  }
  const scales = t.float32s(QUANTIZATION.scale, 'scale', READER_LIMITS.channels);
  const zeroPoints = t.int64s(QUANTIZATION.zeroPoint, 'zero_point', READER_LIMITS.channels);
  if (!scales || scales.length === 0) return null;
  return {
    scales,
    zeroPoints: zeroPoints ?? [],
    quantizedDimension: t.i32(QUANTIZATION.quantizedDimension, 'quantized_dimension'),
  };
}

function readTensor(t: Table, index: number, numBuffers: number): TfliteTensor {
  const shape = t.int32s(TENSOR.shape, 'shape', READER_LIMITS.rank) ?? [];
  const typeCode = t.i8(TENSOR.type, 'type');
  const buffer = t.u32(TENSOR.buffer, 'buffer');
  if (buffer >= numBuffers)
    throw new TfliteError(`tensor ${index}: buffer ${buffer} does not exist (${numBuffers} buffers)`);
  return {
    index,
    name: t.string(TENSOR.name, 'name'),
    type: TENSOR_TYPES[typeCode] ?? `type ${typeCode}`,
    shape,
    buffer,
    quantization: readQuantization(t.table(TENSOR.quantization, 'quantization'), index),
    isVariable: t.bool(TENSOR.isVariable, 'is_variable'),
    isSparse: t.has(TENSOR.sparsity),
  };
}

function operandList(list: number[] | null, numTensors: number, what: string, allowOmitted: boolean): number[] {
  const out = list ?? [];
  out.forEach((i, k) => {
    if ((i === -1 && allowOmitted) || (i >= 0 && i < numTensors)) return;
    throw new TfliteError(`${what} ${k} names tensor ${i}, which does not exist (${numTensors} tensors)`);
  });
  return out;
}

function readBuffer(t: Table, index: number): Uint8Array {
  if (t.u64(BUFFER.offset, 'offset') !== 0n || t.u64(BUFFER.size, 'size') !== 0n) {
    throw new TfliteError(
      `buffer ${index} is stored outside the flatbuffer (offset/size, used by models over 2 GB): not supported`,
    );
  }
  return t.bytes(BUFFER.data, 'data') ?? new Uint8Array(0);
}

/** The typed view of a .tflite file (its first subgraph). Throws TfliteError on anything malformed. */
export function readTflite(bytes: Uint8Array): TfliteModel {
  const r = new FlatReader(bytes);
  if (bytes.length < 8) r.fail(`not a .tflite file: ${bytes.length} bytes is too short`);
  const id = r.identifier();
  if (id !== FILE_IDENTIFIER) {
    r.fail(`not a .tflite file: file identifier is ${JSON.stringify(id)}, expected "${FILE_IDENTIFIER}"`);
  }
  const model = r.root();
  const version = model.u32(MODEL.version, 'version');
  if (version !== 3) r.fail(`schema version ${version} is not supported (expected 3)`);
  const codes = model
    .tables(MODEL.operatorCodes, 'operator_codes', READER_LIMITS.operatorCodes)
    .map((t) => readOperatorCode(t));
  const buffers = model.tables(MODEL.buffers, 'buffers', READER_LIMITS.buffers).map((t, i) => readBuffer(t, i));
  const subgraphs = model.tables(MODEL.subgraphs, 'subgraphs', READER_LIMITS.subgraphs);
  const sg = subgraphs[0];
  if (!sg) return r.fail('the model has no subgraph');
  const tensors = sg
    .tables(SUBGRAPH.tensors, 'tensors', READER_LIMITS.tensors)
    .map((t, i) => readTensor(t, i, buffers.length));
  const n = tensors.length;
  const inputs = operandList(
    sg.int32s(SUBGRAPH.inputs, 'inputs', READER_LIMITS.subgraphIo),
    n,
    'subgraph input',
    false,
  );
  const outputs = operandList(
    sg.int32s(SUBGRAPH.outputs, 'outputs', READER_LIMITS.subgraphIo),
    n,
    'subgraph output',
    false,
  );
  const operators = sg.tables(SUBGRAPH.operators, 'operators', READER_LIMITS.operators).map((t, index) => {
    const opcodeIndex = t.u32(OPERATOR.opcodeIndex, 'opcode_index');
    const code = codes[opcodeIndex];
    if (!code)
      throw new TfliteError(`operator ${index}: opcode index ${opcodeIndex} does not exist (${codes.length} codes)`);
    const opName = code.builtinCode === BUILTIN_CUSTOM ? `CUSTOM(${code.customCode})` : builtinName(code.builtinCode);
    const what = `operator ${index} (${opName})`;
    const ins = operandList(t.int32s(OPERATOR.inputs, 'inputs', READER_LIMITS.operands), n, `${what}: input`, true);
    const outs = operandList(
      t.int32s(OPERATOR.outputs, 'outputs', READER_LIMITS.operands),
      n,
      `${what}: output`,
      false,
    );
    const optionsType = t.u8(OPERATOR.builtinOptionsType, 'builtin_options_type');
    const optionsTable = t.table(OPERATOR.builtinOptions, 'builtin_options');
    return {
      index,
      opName,
      builtinCode: code.builtinCode,
      version: code.version,
      inputs: ins,
      outputs: outs,
      options: readOptions(optionsType, optionsTable, what),
    };
  });
  return {
    version,
    description: model.string(MODEL.description, 'description'),
    subgraphCount: subgraphs.length,
    tensors,
    operators,
    inputs,
    outputs,
    buffers,
  };
}
