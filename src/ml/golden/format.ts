// format.ts — the binary container of the shared int8 golden vectors (wasm/tests/nn/golden/nn_golden.bin).
// Read by the TS tests (this file) and by the C++ test driver (wasm/tests/nn/golden_reader.h). Little-endian:
//
//   "NNG1"  u32 version(=1)  u32 numCases  case*
//   case:   str name  str op  u32 nParams  f64 params[nParams]  u32 nTensors  tensor*
//   str:    u16 byteLength  utf8 bytes
//   tensor: u8 role  u8 dtype  u8 storage  u8 rank  i32 dims[rank]  u32 nScales  f32 scales[nScales]
//           i32 zeroPoint  i32 axis  u32 nElems  data[nElems] (element type = storage)
//
// dtype/storage codes: 0 int8, 1 int32, 2 float32, 3 float64. `dtype` is the tensor's type at run time, `storage`
// the type of the stored values. Roles say how a reader turns stored values into the kernel's operands:
//   input (0)        float32 values; an int8 tensor is quantized with quantizeInt8(v, scales[0], zeroPoint)
//   weights (1)      float32 values quantized symmetrically with scales[] (one, or one per channel along `axis`)
//   bias (2)         float32 values; scales[0] holds the layer's INPUT scale, the weight scales are those of the
//                    weights tensor just before it: quantizeBias(b, scales[0], weightScale[c])
//   expected (3)     the expected output, stored in its run-time type (compared with zero tolerance)
//   raw (4)          values used as they are (multiplier tables, planner problems, statistics)
//   intermediate (5) shape and quantization of a hidden activation; no data

import type { Padding } from '../kernels/reference';
import type { Activation } from '../quant/quantize';

export type GoldenRole = 'input' | 'weights' | 'bias' | 'expected' | 'raw' | 'intermediate';
export type GoldenDType = 'int8' | 'int32' | 'float32' | 'float64';
export type GoldenData = Int8Array | Int32Array | Float32Array | Float64Array;

export interface GoldenTensor {
  role: GoldenRole;
  dtype: GoldenDType;
  shape: number[];
  scales: number[];
  zeroPoint: number;
  axis: number;
  /** Stored values (element type = storage dtype). */
  data: GoldenData;
}

export interface GoldenCase {
  name: string;
  op: string;
  params: number[];
  tensors: GoldenTensor[];
}

// The codes below are the format's one source: wasm/tests/nn/golden_format.h is generated from them
// (formatHeader.ts, npm run gen:contracts) and golden.test.ts fails when the committed header is stale.
/** Role and dtype codes: the index in these lists. */
export const GOLDEN_ROLES: readonly GoldenRole[] = ['input', 'weights', 'bias', 'expected', 'raw', 'intermediate'];
export const GOLDEN_DTYPES: readonly GoldenDType[] = ['int8', 'int32', 'float32', 'float64'];
/** Op parameter codes: activations (activationCode) and paddings (the index in GOLDEN_PADDINGS). */
export const GOLDEN_ACTIVATIONS: readonly Activation[] = ['none', 'relu', 'relu6'];
export const GOLDEN_PADDINGS: readonly Padding[] = ['same', 'valid'];
export const GOLDEN_MAGIC = 'NNG1';
export const GOLDEN_VERSION = 1;
const ROLES = GOLDEN_ROLES;
const DTYPES = GOLDEN_DTYPES;
const MAGIC = GOLDEN_MAGIC;
const VERSION = GOLDEN_VERSION;

function storageOf(data: GoldenData): GoldenDType {
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  return 'float64';
}

function elementSize(t: GoldenDType): number {
  return t === 'int8' ? 1 : t === 'float64' ? 8 : 4;
}

export function encodeGolden(cases: readonly GoldenCase[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const enc = new TextEncoder();
  const push = (bytes: Uint8Array) => chunks.push(bytes);
  const u8 = (v: number) => push(Uint8Array.of(v));
  const u16 = (v: number) => {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, true);
    push(b);
  };
  const u32 = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    push(b);
  };
  const i32 = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    push(b);
  };
  const str = (s: string) => {
    const b = enc.encode(s);
    u16(b.length);
    push(b);
  };
  const typed = (data: GoldenData) => {
    // Copy into a little-endian byte array element by element (portable regardless of host endianness).
    const t = storageOf(data);
    const b = new Uint8Array(data.length * elementSize(t));
    const v = new DataView(b.buffer);
    for (let i = 0; i < data.length; i++) {
      const x = data[i]!;
      if (t === 'int8') v.setInt8(i, x);
      else if (t === 'int32') v.setInt32(i * 4, x, true);
      else if (t === 'float32') v.setFloat32(i * 4, x, true);
      else v.setFloat64(i * 8, x, true);
    }
    push(b);
  };

  push(enc.encode(MAGIC));
  u32(VERSION);
  u32(cases.length);
  for (const c of cases) {
    str(c.name);
    str(c.op);
    u32(c.params.length);
    typed(Float64Array.from(c.params));
    u32(c.tensors.length);
    for (const t of c.tensors) {
      u8(ROLES.indexOf(t.role));
      u8(DTYPES.indexOf(t.dtype));
      u8(DTYPES.indexOf(storageOf(t.data)));
      u8(t.shape.length);
      t.shape.forEach(i32);
      u32(t.scales.length);
      typed(Float32Array.from(t.scales));
      i32(t.zeroPoint);
      i32(t.axis);
      u32(t.data.length);
      typed(t.data);
    }
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

export function decodeGolden(bytes: Uint8Array): GoldenCase[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder();
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new Error(`golden: truncated at byte ${pos}`);
  };
  const u8 = () => (need(1), view.getUint8(pos++));
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const str = () => {
    const n = u16();
    need(n);
    pos += n;
    return dec.decode(bytes.subarray(pos - n, pos));
  };
  const typed = (t: GoldenDType, n: number): GoldenData => {
    need(n * elementSize(t));
    const out =
      t === 'int8'
        ? new Int8Array(n)
        : t === 'int32'
          ? new Int32Array(n)
          : t === 'float32'
            ? new Float32Array(n)
            : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (t === 'int8') out[i] = view.getInt8(pos + i);
      else if (t === 'int32') out[i] = view.getInt32(pos + i * 4, true);
      else if (t === 'float32') out[i] = view.getFloat32(pos + i * 4, true);
      else out[i] = view.getFloat64(pos + i * 8, true);
    }
    pos += n * elementSize(t);
    return out;
  };
  const dtype = (code: number): GoldenDType => {
    const t = DTYPES[code];
    if (!t) throw new Error(`golden: bad dtype code ${code}`);
    return t;
  };

  need(4);
  if (dec.decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('golden: bad magic');
  pos = 4;
  const version = u32();
  if (version !== VERSION) throw new Error(`golden: version ${version}, expected ${VERSION}`);
  const numCases = u32();
  const cases: GoldenCase[] = [];
  for (let c = 0; c < numCases; c++) {
    const name = str();
    const op = str();
    const params = Array.from(typed('float64', u32()));
    const numTensors = u32();
    const tensors: GoldenTensor[] = [];
    for (let k = 0; k < numTensors; k++) {
      const role = ROLES[u8()];
      if (!role) throw new Error(`golden: bad role in case ${name}`);
      const dt = dtype(u8());
      const storage = dtype(u8());
      const rank = u8();
      const shape = Array.from({ length: rank }, i32);
      const scales = Array.from(typed('float32', u32()));
      const zeroPoint = i32();
      const axis = i32();
      const data = typed(storage, u32());
      tensors.push({ role, dtype: dt, shape, scales, zeroPoint, axis, data });
    }
    cases.push({ name, op, params, tensors });
  }
  if (pos !== bytes.length) throw new Error(`golden: ${bytes.length - pos} trailing bytes`);
  return cases;
}
