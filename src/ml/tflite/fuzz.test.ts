// 10,000 seeded mutants of the MLPerf Tiny models and a small dilated-conv model: byte flips (half of them in the
// FlatBuffer tables), truncations, inserted and deleted ranges, offset-like fields pointed out of range or at
// themselves, huge vector lengths. Each mutant either imports or throws TfliteError — no other exception, no hang —
// and no typed array the reader and importer create is larger than the file, no ArrayBuffer (the graph's arena)
// larger than the import arena bound.
import { describe, expect, it } from 'vitest';
import { MLPERF_MODELS, readFixture } from './fixtures';
import { MAX_IMPORT_ARENA_BYTES } from './importer';
import { importTflite, TfliteError } from './index';
import { buildTflite, dilatedConvSpec } from './testModels';

const MUTANTS = 10_000;
const SEED = 0x7f11e;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const small = buildTflite(dilatedConvSpec());

interface Base {
  name: string;
  bytes: Uint8Array;
  /** 4-aligned positions holding a value that could be a uoffset to later in the file (tables, vectors, strings). */
  offsets: number[];
}

function offsetLike(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let p = 0; p + 4 <= bytes.length; p += 4) {
    const v = view.getUint32(p, true);
    if (v >= 4 && v % 4 === 0 && p + v < bytes.length && v < 4096) out.push(p);
  }
  return out;
}

const bases: Base[] = [
  ...MLPERF_MODELS.map((m) => ({ name: m.name, bytes: readFixture(m.file) })),
  { name: 'dilated conv', bytes: small },
].map((b) => ({ ...b, offsets: offsetLike(b.bytes) }));

type Kind = 'flip' | 'truncate' | 'insert' | 'delete' | 'offset' | 'length';

function mutate(rand: () => number, base: Base): { bytes: Uint8Array; kind: Kind } {
  const int = (n: number) => Math.floor(rand() * n);
  const src = base.bytes;
  const r = rand();
  if (r < 0.3) {
    const out = src.slice();
    const flips = 1 + int(8);
    for (let i = 0; i < flips; i++) {
      // Half near an offset-like field (the tables), half anywhere (mostly weights).
      const at =
        rand() < 0.5 ? Math.min(out.length - 1, base.offsets[int(base.offsets.length)]! + int(32)) : int(out.length);
      out[at] = out[at]! ^ (1 << int(8));
    }
    return { bytes: out, kind: 'flip' };
  }
  if (r < 0.45) return { bytes: src.slice(0, int(src.length)), kind: 'truncate' };
  if (r < 0.6) {
    const at = int(src.length);
    const extra = Uint8Array.from({ length: 1 + int(64) }, () => int(256));
    const out = new Uint8Array(src.length + extra.length);
    out.set(src.subarray(0, at));
    out.set(extra, at);
    out.set(src.subarray(at), at + extra.length);
    return { bytes: out, kind: 'insert' };
  }
  if (r < 0.75) {
    const n = Math.min(src.length, 1 + int(64));
    const at = int(src.length - n + 1);
    const out = new Uint8Array(src.length - n);
    out.set(src.subarray(0, at));
    out.set(src.subarray(at + n), at);
    return { bytes: out, kind: 'delete' };
  }
  const out = src.slice();
  const view = new DataView(out.buffer);
  if (r < 0.95) {
    const p = base.offsets[int(base.offsets.length)]!;
    const choices = [out.length - p + int(1024), 0xffffffff, 0x80000000, 0, -p >>> 0, int(2 ** 32)];
    view.setUint32(p, choices[int(choices.length)]!, true);
    return { bytes: out, kind: 'offset' };
  }
  const p = 4 * int(out.length >> 2);
  view.setUint32(p, [0xffffffff, 0x3fffffff, out.length, 1 << 24][int(4)]!, true);
  return { bytes: out, kind: 'length' };
}

/**
 * Records the largest typed array and the largest ArrayBuffer created with a length (views over existing buffers
 * allocate nothing).
 */
function trackAllocations(): { largestArray: () => number; largestBuffer: () => number; restore: () => void } {
  const names = [
    'ArrayBuffer',
    'Int8Array',
    'Uint8Array',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
  ] as const;
  const g = globalThis as unknown as Record<string, unknown>;
  const originals = names.map((n) => g[n]);
  let largestArray = 0;
  let largestBuffer = 0;
  names.forEach((n, i) => {
    const ctor = originals[i] as { new (...a: unknown[]): object; BYTES_PER_ELEMENT?: number };
    const per = ctor.BYTES_PER_ELEMENT ?? 1;
    g[n] = new Proxy(ctor, {
      construct(target, args: unknown[]) {
        const a = args[0];
        const count = typeof a === 'number' ? a : a && typeof a === 'object' && 'length' in a ? Number(a.length) : 0;
        if (n === 'ArrayBuffer') largestBuffer = Math.max(largestBuffer, count);
        else largestArray = Math.max(largestArray, count * per);
        return Reflect.construct(target, args);
      },
    });
  });
  return {
    largestArray: () => largestArray,
    largestBuffer: () => largestBuffer,
    restore: () => names.forEach((n, i) => (g[n] = originals[i])),
  };
}

describe('importTflite on 10,000 mutated files', () => {
  it('each imports or throws TfliteError; bounded time and allocations', () => {
    const rand = mulberry32(SEED);
    const outcome: Record<string, number> = {};
    const unexpected: string[] = [];
    let slowest = 0;
    let worstRatio = 0;
    let largestArena = 0;
    const start = performance.now();
    for (let i = 0; i < MUTANTS; i++) {
      const base = bases[i % bases.length]!;
      const { bytes, kind } = mutate(rand, base);
      const tracker = trackAllocations();
      const t0 = performance.now();
      let verdict: string;
      try {
        importTflite(bytes);
        verdict = 'imported';
      } catch (e) {
        verdict = e instanceof TfliteError ? 'refused' : 'other';
        if (verdict === 'other' && unexpected.length < 5)
          unexpected.push(`mutant ${i} (${base.name}, ${kind}): ${String(e)}`);
      } finally {
        tracker.restore();
      }
      slowest = Math.max(slowest, performance.now() - t0);
      worstRatio = Math.max(worstRatio, tracker.largestArray() / Math.max(1, bytes.length));
      largestArena = Math.max(largestArena, tracker.largestBuffer());
      outcome[`${kind} ${verdict}`] = (outcome[`${kind} ${verdict}`] ?? 0) + 1;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `tflite fuzz: ${MUTANTS} mutants in ${seconds.toFixed(1)} s, slowest ${slowest.toFixed(0)} ms, ` +
        `largest typed array ${(worstRatio * 100).toFixed(1)} % of the file, largest arena ${largestArena} bytes`,
      outcome,
    );
    expect(unexpected).toEqual([]);
    const total = (v: string) => Object.entries(outcome).reduce((a, [k, n]) => a + (k.endsWith(v) ? n : 0), 0);
    expect(total('other')).toBe(0);
    // Not vacuous: most structural mutants are refused, and some mutants still import.
    expect(total('refused')).toBeGreaterThan(MUTANTS * 0.4);
    expect(total('imported')).toBeGreaterThan(MUTANTS * 0.05);
    expect(worstRatio).toBeLessThanOrEqual(1);
    expect(largestArena).toBeLessThanOrEqual(MAX_IMPORT_ARENA_BYTES);
    expect(slowest).toBeLessThan(2000);
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});
