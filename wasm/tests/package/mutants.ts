// mutants.ts — seeded hostile edits of model packages for the loader fuzz test: bit flips anywhere, record fields
// (header, tensor, op and io table) set to boundary or random values, truncation and extension, and random bytes
// in the tables. A mutant is a base, a length and byte patches, so the C++ driver can apply it to its own copy.
import { mulberry32 } from '../../../src/shared/mulberry32';
import { HEADER, OP, TENSOR, type Layout } from '../../../src/ml/package/packageFormat';
import { readRecord } from '../../../src/ml/package/records';

export interface Mutant {
  base: number;
  length: number;
  patches: [offset: number, value: number][];
  kind: 'bit flips' | 'field' | 'length' | 'table bytes';
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);

const SIZE = { char4: 4, u8: 1, u16: 2, u32: 4, i32: 4, f32: 4 } as const;

/** Every scalar field of the base's records: absolute offset and size. */
function fieldsOf(bytes: Uint8Array): { at: number; size: number; float: boolean }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = readRecord(view, 0, HEADER) as Record<string, number>;
  const out: { at: number; size: number; float: boolean }[] = [];
  const add = (base: number, l: Layout) => {
    for (const f of l.fields) {
      for (let k = 0; k < (f.count ?? 1); k++)
        out.push({ at: base + l.offsets[f.name]! + k * SIZE[f.type], size: SIZE[f.type], float: f.type === 'f32' });
    }
  };
  add(0, HEADER);
  for (let i = 0; i < h.numTensors!; i++) add(h.tensorTableOffset! + i * TENSOR.bytes, TENSOR);
  for (let i = 0; i < h.numOps!; i++) add(h.opTableOffset! + i * OP.bytes, OP);
  for (let k = 0; k < h.numInputs! + h.numOutputs!; k++)
    out.push({ at: h.ioTableOffset! + 2 * k, size: 2, float: false });
  return out;
}

const FLOATS = [NaN, Infinity, -Infinity, -1, 0, -0, 1e-30, 1e-45, 1e30, 3.4e38, 1 / 256, 0.5];

function fieldValue(rng: Rng, old: number, size: number, float: boolean): number {
  if (float) {
    const f = new DataView(new ArrayBuffer(4));
    f.setFloat32(0, pick(rng, FLOATS));
    return f.getUint32(0);
  }
  const max = size === 4 ? 0x1_0000_0000 : 1 << (8 * size);
  const choices = [0, 1, 2, 3, 4, 16, 64, max - 1, max / 2, max / 2 - 1, old + 1, old - 1, old * 2, int(rng, max)];
  if (size >= 2) choices.push(0xffff, 0x7fff, 0x8000, 32767, 32768);
  if (size === 4) choices.push(0xfffffff0, 0x7ffffff0, 1 << 24, (1 << 24) + 1);
  return (((pick(rng, choices) % max) + max) % max) >>> 0;
}

function patchesOf(at: number, size: number, value: number): [number, number][] {
  return Array.from({ length: size }, (_, k) => [at + k, Math.floor(value / 2 ** (8 * k)) & 0xff] as [number, number]);
}

export function makeMutants(bases: readonly Uint8Array[], count: number, seed: number): Mutant[] {
  const rng = mulberry32(seed);
  const fields = bases.map(fieldsOf);
  const tablesEnd = bases.map((b) =>
    new DataView(b.buffer, b.byteOffset).getUint32(HEADER.offsets.constDataOffset!, true),
  );
  return Array.from({ length: count }, () => {
    const base = int(rng, bases.length);
    const bytes = bases[base]!;
    const r = rng();
    if (r < 0.4) {
      const patches: [number, number][] = [];
      for (let k = 1 + int(rng, 4); k > 0; k--) {
        const at = int(rng, bytes.length);
        const prior = patches.find((p) => p[0] === at)?.[1] ?? bytes[at]!;
        patches.push([at, prior ^ (1 << int(rng, 8))]);
      }
      return { base, length: bytes.length, patches, kind: 'bit flips' };
    }
    if (r < 0.75) {
      const f = pick(rng, fields[base]!);
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const old = f.size === 1 ? bytes[f.at]! : f.size === 2 ? view.getUint16(f.at, true) : view.getUint32(f.at, true);
      return {
        base,
        length: bytes.length,
        patches: patchesOf(f.at, f.size, fieldValue(rng, old, f.size, f.float)),
        kind: 'field',
      };
    }
    if (r < 0.9) {
      const length = rng() < 0.8 ? int(rng, bytes.length) : bytes.length + 1 + int(rng, 64);
      return { base, length, patches: [], kind: 'length' };
    }
    const patches: [number, number][] = [];
    for (let k = 1 + int(rng, 8); k > 0; k--) patches.push([int(rng, tablesEnd[base]!), int(rng, 256)]);
    return { base, length: bytes.length, patches, kind: 'table bytes' };
  });
}

/** The mutant's bytes, as the driver builds them (truncated, or extended with zeros; patches in order). */
export function applyMutant(bases: readonly Uint8Array[], m: Mutant): Uint8Array {
  const out = new Uint8Array(m.length);
  out.set(bases[m.base]!.subarray(0, Math.min(m.length, bases[m.base]!.length)));
  for (const [at, v] of m.patches) if (at < m.length) out[at] = v;
  return out;
}

/** The driver's `check` input file (format in package_driver.cc). */
export function encodeCases(bases: readonly Uint8Array[], mutants: readonly Mutant[]): Uint8Array {
  const words: number[] = [bases.length];
  const chunks: Uint8Array[] = [];
  const flush = () => {
    chunks.push(new Uint8Array(Uint32Array.from(words).buffer));
    words.length = 0;
  };
  for (const b of bases) {
    words.push(b.length);
    flush();
    const padded = new Uint8Array(Math.ceil(b.length / 4) * 4);
    padded.set(b);
    chunks.push(padded);
  }
  words.push(mutants.length);
  for (const m of mutants) {
    words.push(m.base, m.length, m.patches.length);
    for (const [at, v] of m.patches) words.push(at, v);
  }
  flush();
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
