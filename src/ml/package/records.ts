// records.ts — reading and writing the fixed-size records of packageFormat.ts (little-endian) by field name.
import type { Field, Layout } from './packageFormat';

export type FieldValue = number | number[];
export type RecordValues = Record<string, FieldValue>;

function get(view: DataView, at: number, f: Field): number {
  switch (f.type) {
    case 'u8':
      return view.getUint8(at);
    case 'u16':
      return view.getUint16(at, true);
    case 'i32':
      return view.getInt32(at, true);
    case 'f32':
      return view.getFloat32(at, true);
    default:
      return view.getUint32(at, true);
  }
}

function set(view: DataView, at: number, f: Field, v: number): void {
  switch (f.type) {
    case 'u8':
      return view.setUint8(at, v);
    case 'u16':
      return view.setUint16(at, v, true);
    case 'i32':
      return view.setInt32(at, v, true);
    case 'f32':
      return view.setFloat32(at, v, true);
    default:
      return view.setUint32(at, v, true);
  }
}

const SIZE = { char4: 4, u8: 1, u16: 2, u32: 4, i32: 4, f32: 4 } as const;

/** All fields of the record at `base` (char4 fields read as a little-endian u32). */
export function readRecord(view: DataView, base: number, l: Layout): RecordValues {
  const out: RecordValues = {};
  for (const f of l.fields) {
    const at = base + l.offsets[f.name]!;
    out[f.name] = f.count
      ? Array.from({ length: f.count }, (_, i) => get(view, at + i * SIZE[f.type], f))
      : get(view, at, f);
  }
  return out;
}

/** Writes `values` (every field of the layout) into the record at `base`; char4 fields take a 4-character string. */
export function writeRecord(
  view: DataView,
  base: number,
  l: Layout,
  values: Record<string, FieldValue | string>,
): void {
  for (const f of l.fields) {
    const v = values[f.name];
    if (v === undefined) throw new Error(`package: record field ${f.name} has no value`);
    const at = base + l.offsets[f.name]!;
    if (typeof v === 'string') {
      for (let i = 0; i < 4; i++) view.setUint8(at + i, v.charCodeAt(i));
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => set(view, at + i * SIZE[f.type], f, x));
    } else {
      set(view, at, f, v);
    }
  }
}

/** The raw bits of a scalar field as an unsigned number (an f32 -0 or NaN is not 0). */
export function rawBits(view: DataView, base: number, l: Layout, name: string): number {
  const at = base + l.offsets[name]!;
  const size = SIZE[l.fields.find((f) => f.name === name)!.type];
  return size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
}
