// NumPy .npy files (format versions 1.0, 2.0 and 3.0, as numpy.lib.format writes them): the magic "\x93NUMPY", the
// version, the header's length (u16 in 1.0, u32 in 2.0 and 3.0), a Python dict literal with 'descr', 'fortran_order'
// and 'shape' (ASCII, or UTF-8 in 3.0), then the array's data.
//
// Into a model input: float arrays (f2 is not read; f4, f8) are real values, quantized with the input's scale and
// zero point; i1 arrays are the int8 values themselves; u1 arrays are the values of a uint8-quantized tensor, shifted
// by -128 to int8 (TFLite's uint8 → int8 convention: the same real values with the zero point moved by 128); the
// other integer arrays (i2, u2, i4, u4) must hold int8 values. A Fortran-ordered array is transposed to the row-major
// layout the model reads. The element count must be the model input's.
import { elementsOf, ModelInputError, quantizeReals, shapeText, type InputSpec } from './inputSpec';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

export interface NpyArray {
  /** e.g. "<f4" */
  descr: string;
  kind: 'f' | 'i' | 'u';
  shape: number[];
  fortranOrder: boolean;
  /** The elements in the file's order. */
  values: Float64Array;
}

const fail = (why: string): never => {
  throw new ModelInputError(`.npy: ${why}`);
};

const SUPPORTED: Record<string, number> = { f4: 4, f8: 8, i1: 1, u1: 1, i2: 2, u2: 2, i4: 4, u4: 4 };

function field(header: string, key: string, value: RegExp): RegExpExecArray {
  const m = new RegExp(`['"]${key}['"]\\s*:\\s*${value.source}`).exec(header);
  return m ?? fail(`the header has no valid '${key}' entry`);
}

/** Reads the header and the data; throws ModelInputError for anything malformed or unsupported. */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail(`format version ${major}.${bytes[7]} (1.0, 2.0 and 3.0 are read)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) fail('truncated header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.length) fail(`the header says ${headerLength} bytes, the file ends before`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, dataStart));
  if (!header.trimStart().startsWith('{')) fail('the header is not a dict literal');

  const descr = field(header, 'descr', /(['"])([^'"]*)\1/)[2]!;
  if (header.includes("'descr': [") || header.includes('"descr": [')) fail('structured dtypes are not model inputs');
  const order = descr[0]!;
  const code = /^[<>|=]/.test(descr) ? descr.slice(1) : descr;
  const size = SUPPORTED[code];
  if (size === undefined || !'<>|='.includes(order) || (size > 1 && order === '|'))
    fail(`dtype '${descr}' is not supported (f4, f8, i1, u1, i2, u2, i4, u4)`);
  const littleEndian = order !== '>';
  const fortranOrder = field(header, 'fortran_order', /(True|False)/)[1] === 'True';
  const shapeText = field(header, 'shape', /\(([^)]*)\)/)[1]!;
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : fail(`shape entry '${s}' is not a dimension`)));

  const count = shape.reduce((a, d) => a * d, 1);
  const dataBytes = bytes.length - dataStart;
  if (count * size !== dataBytes)
    fail(`shape (${shape.join(', ')}) of ${code} needs ${count * size} data bytes, the file has ${dataBytes}`);
  const values = new Float64Array(count);
  const kind = code[0] as 'f' | 'i' | 'u';
  const read: (at: number) => number =
    code === 'f4'
      ? (at) => view.getFloat32(at, littleEndian)
      : code === 'f8'
        ? (at) => view.getFloat64(at, littleEndian)
        : code === 'i1'
          ? (at) => view.getInt8(at)
          : code === 'u1'
            ? (at) => view.getUint8(at)
            : code === 'i2'
              ? (at) => view.getInt16(at, littleEndian)
              : code === 'u2'
                ? (at) => view.getUint16(at, littleEndian)
                : code === 'i4'
                  ? (at) => view.getInt32(at, littleEndian)
                  : (at) => view.getUint32(at, littleEndian);
  for (let i = 0; i < count; i++) values[i] = read(dataStart + i * size);
  return { descr, kind, shape, fortranOrder, values };
}

/** The elements of a Fortran-ordered (column-major) array in row-major order. */
export function toRowMajor(values: Float64Array, shape: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < values.length; c++) {
    let f = 0;
    for (let d = shape.length - 1; d >= 0; d--) f = f * shape[d]! + index[d]!;
    out[c] = values[f]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

/** A .npy file as the model's int8 input. */
export function npyToInput(bytes: Uint8Array, spec: InputSpec): Int8Array {
  const a = parseNpy(bytes);
  const n = elementsOf(spec);
  if (a.values.length !== n)
    fail(
      `shape (${a.shape.join(', ')}) has ${a.values.length} elements; the model's input ${shapeText(spec.shape)} ${n}`,
    );
  const values = a.fortranOrder ? toRowMajor(a.values, a.shape) : a.values;
  if (a.kind === 'f') return quantizeReals(values, spec);
  const shift = a.descr.endsWith('u1') ? -128 : 0;
  return Int8Array.from(values, (v, i) => {
    const q = v + shift;
    if (q < -128 || q > 127) fail(`element ${i} is ${v}: ${a.descr} inputs must hold int8 values`);
    return q;
  });
}
