// tensors.ts — engine tensors (src/ml/kernels) from .tflite tensors: dtype, shape, quantization and constant data,
// each checked against what the engine accepts. Constant data is copied out of the file (little-endian), so the
// graph does not keep the file's buffer alive and int32 data is aligned.
import { PACKAGE_LIMITS } from '../package';
import type { DType, Quant, Tensor } from '../kernels/tensor';
import type { TfliteModel, TfliteTensor } from './reader';

/** What a tensor of one operator is used as; decides its dtype, whether it is constant, how it is quantized. */
export type TensorRole = 'activation' | 'weights' | 'bias' | 'float' | 'index';

const ROLES: Readonly<Record<TensorRole, { dtype: DType; isConst: boolean; quantized: boolean }>> = {
  activation: { dtype: 'int8', isConst: false, quantized: true },
  weights: { dtype: 'int8', isConst: true, quantized: true },
  bias: { dtype: 'int32', isConst: true, quantized: false },
  float: { dtype: 'float32', isConst: false, quantized: false },
  index: { dtype: 'int32', isConst: false, quantized: false },
};

const ENGINE_DTYPES: Readonly<Record<string, DType>> = { int8: 'int8', int32: 'int32', float32: 'float32' };

export function describe(t: TfliteTensor): string {
  return `tensor ${t.index}${t.name ? ` (${t.name})` : ''}`;
}

function checkShape(t: TfliteTensor): string | null {
  if (t.shape.length > 4) return `${describe(t)} has rank ${t.shape.length} (at most 4 supported)`;
  let n = 1;
  for (const d of t.shape) {
    if (d < 1 || d > PACKAGE_LIMITS.maxDim)
      return `${describe(t)} has dimension ${d} (1..${PACKAGE_LIMITS.maxDim} supported)`;
    n *= d;
  }
  if (n > PACKAGE_LIMITS.maxElements) return `${describe(t)} has ${n} elements (at most ${PACKAGE_LIMITS.maxElements})`;
  return null;
}

function quantOf(t: TfliteTensor, role: TensorRole): Quant | string {
  const q = t.quantization;
  if (!ROLES[role].quantized) return { scale: 0, zeroPoint: 0 }; // int32 bias scales are implied by input x filter
  if (!q) return `${describe(t)} has no quantization parameters`;
  const zps = q.zeroPoints;
  if (q.scales.length === 1) {
    const zeroPoint = zps[0] ?? 0;
    if (zeroPoint < -128 || zeroPoint > 127) return `${describe(t)} zero point ${zeroPoint} is outside [-128, 127]`;
    return { scale: q.scales[0]!, zeroPoint };
  }
  if (role !== 'weights') return `${describe(t)}: per-channel quantization of an activation is not supported`;
  const axis = q.quantizedDimension;
  if (axis < 0 || axis >= t.shape.length || t.shape[axis] !== q.scales.length) {
    return `${describe(t)}: ${q.scales.length} per-channel scales do not match dimension ${axis} of [${t.shape}]`;
  }
  if (zps.some((z) => z !== 0)) return `${describe(t)}: per-channel weights must be symmetric (zero points 0)`;
  return { scale: q.scales[0]!, zeroPoint: 0, channelScales: q.scales, axis };
}

function constData(dtype: DType, bytes: Uint8Array, n: number): Int8Array | Int32Array | Float32Array {
  if (dtype === 'int8') return new Int8Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dtype === 'int32') {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, true);
    return out;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/**
 * The engine tensor of a .tflite tensor in the given role, or the reason it cannot be one. Weights and biases must
 * be constant, activations must not be.
 */
export function engineTensor(model: TfliteModel, t: TfliteTensor, role: TensorRole): Tensor | string {
  const dtype = ENGINE_DTYPES[t.type];
  const { dtype: wanted, isConst: mustBeConst } = ROLES[role];
  if (dtype !== wanted) {
    const hint =
      t.type === 'float32'
        ? ': a float model (only full-integer int8 models are supported)'
        : t.type === 'uint8'
          ? ': a uint8-quantized model (only int8 quantization is supported)'
          : '';
    return `${describe(t)} is ${t.type}, expected ${wanted}${hint}`;
  }
  if (t.isSparse) return `${describe(t)} is sparse (not supported)`;
  if (t.isVariable) return `${describe(t)} is a variable tensor (not supported)`;
  const shapeError = checkShape(t);
  if (shapeError) return shapeError;
  const quant = quantOf(t, role);
  if (typeof quant === 'string') return quant;
  const bytes = model.buffers[t.buffer]!;
  const isConst = bytes.length > 0;
  if (mustBeConst && !isConst) return `${describe(t)} (${role}) must be constant`;
  if (!mustBeConst && isConst) return `${describe(t)}: a constant operand is not supported here`;
  const n = t.shape.reduce((a, d) => a * d, 1);
  const size = dtype === 'int8' ? 1 : 4;
  if (isConst && bytes.length !== n * size) {
    return `${describe(t)}: buffer ${t.buffer} holds ${bytes.length} bytes, shape [${t.shape}] of ${dtype} needs ${n * size}`;
  }
  return {
    name: t.name || `tensor_${t.index}`,
    dtype,
    shape: [...t.shape],
    quant: { ...quant, scale: Math.fround(quant.scale) },
    data: isConst ? constData(dtype, bytes, n) : null,
    isConst,
    tfliteIndex: t.index,
  };
}
