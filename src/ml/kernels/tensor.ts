// tensor.ts — tensors of the TS reference engine. Twin of wasm/nn/include/nn/tensor.h.

export type DType = 'int8' | 'int32' | 'float32';
export type TensorData = Int8Array | Int32Array | Float32Array;

export const MAX_DIMS = 4;

export function dtypeSize(t: DType): number {
  return t === 'int8' ? 1 : 4;
}
/** Codes shared with C++ nn::DType and the golden files. */
export function dtypeCode(t: DType): number {
  return t === 'int8' ? 0 : t === 'int32' ? 1 : 2;
}
export function dtypeFromCode(c: number): DType {
  if (c === 0) return 'int8';
  if (c === 1) return 'int32';
  if (c === 2) return 'float32';
  throw new Error(`tensor: unknown dtype code ${c}`);
}

/**
 * Per-tensor (scale, zeroPoint) or per-channel symmetric (channelScales along `axis`, zero point 0). Scales are
 * float32 values.
 */
export interface Quant {
  scale: number;
  zeroPoint: number;
  channelScales?: Float32Array;
  axis?: number;
}

export interface Tensor {
  name: string;
  dtype: DType;
  shape: number[];
  quant: Quant;
  /** Const tensors own their data; activations get a view into the graph's arena in Graph.prepare(). */
  data: TensorData | null;
  /** true: weights/bias ("flash"); false: activation in the arena ("SRAM"). */
  isConst: boolean;
  /** Activation that must survive to the end of invoke although an op consumes it. */
  keepAlive?: boolean;
  /** The tensor's index in the .tflite file it was imported from (src/ml/tflite); absent for tensors made here. */
  tfliteIndex?: number;
}

export function flatSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function tensorBytes(t: Tensor): number {
  return flatSize(t.shape) * dtypeSize(t.dtype);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function scaleAt(q: Quant, channel: number): number {
  return q.channelScales ? q.channelScales[channel]! : q.scale;
}

/** Bytes the quantization params of a const tensor take when stored: float scales + one int32 zero point. */
export function storedQuantBytes(q: Quant): number {
  return (q.channelScales ? q.channelScales.length : 1) * 4 + 4;
}

export function activation(name: string, dtype: DType, shape: number[], scale = 0, zeroPoint = 0): Tensor {
  return { name, dtype, shape, quant: { scale: Math.fround(scale), zeroPoint }, data: null, isConst: false };
}

export function constInt8(name: string, shape: number[], data: Int8Array, scale: number): Tensor {
  return { name, dtype: 'int8', shape, quant: { scale: Math.fround(scale), zeroPoint: 0 }, data, isConst: true };
}

export function constInt8PerChannel(
  name: string,
  shape: number[],
  data: Int8Array,
  scales: Float32Array,
  axis: number,
): Tensor {
  return {
    name,
    dtype: 'int8',
    shape,
    quant: { scale: scales[0] ?? 0, zeroPoint: 0, channelScales: scales, axis },
    data,
    isConst: true,
  };
}

export function constInt32(name: string, shape: number[], data: Int32Array): Tensor {
  return { name, dtype: 'int32', shape, quant: { scale: 0, zeroPoint: 0 }, data, isConst: true };
}

export function int8Data(t: Tensor): Int8Array {
  if (!(t.data instanceof Int8Array)) throw new Error(`tensor ${t.name}: no int8 data`);
  return t.data;
}
export function int32Data(t: Tensor): Int32Array {
  if (!(t.data instanceof Int32Array)) throw new Error(`tensor ${t.name}: no int32 data`);
  return t.data;
}
export function float32Data(t: Tensor): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new Error(`tensor ${t.name}: no float32 data`);
  return t.data;
}
