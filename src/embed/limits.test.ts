import { describe, expect, it } from 'vitest';
import { jsonBytes, TokenBucket } from './limits';

describe('jsonBytes', () => {
  it('is close to the JSON text length of plain data (escapes in strings are not counted)', () => {
    const samples = [
      { protocol: 'tinyml-sim', v: 1, type: 'get', id: 1, payload: { what: 'lcd' } },
      { type: 'digit', payload: { pixels: new Array(784).fill(255) } },
      { files: { 'main.cpp': 'int main() {\n  return 0;\n}\n'.repeat(100) } },
      [null, true, 'x', [], {}],
    ];
    for (const s of samples) {
      const exact = JSON.stringify(s).length;
      expect(jsonBytes(s, 1e9)).toBeGreaterThan(exact * 0.85);
      expect(jsonBytes(s, 1e9)).toBeLessThan(exact * 1.15);
    }
  });

  it('stops at the limit', () => {
    expect(jsonBytes({ text: 'x'.repeat(300_000) }, 256 * 1024)).toBe(Infinity);
    expect(jsonBytes(new Array(1_000_000).fill(0), 1024)).toBe(Infinity);
    expect(jsonBytes({ text: 'x'.repeat(1000) }, 256 * 1024)).toBeLessThan(1100);
  });

  it('counts what JSON cannot carry as too large', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 0;
    for (let i = 0; i < 100; i++) deep = [deep];
    for (const x of [new Uint8Array(4), () => 1, new Map(), cyclic, deep, Number.POSITIVE_INFINITY])
      expect(jsonBytes({ x }, 1e9)).toBe(Infinity);
    expect(jsonBytes(undefined, 1e9)).toBe(Infinity);
  });

  it('counts an object used twice twice, as JSON writes it', () => {
    const point = [120, 40];
    expect(jsonBytes({ stroke: [point, point] }, 1e9)).toBe(
      jsonBytes(
        {
          stroke: [
            [120, 40],
            [120, 40],
          ],
        },
        1e9,
      ),
    );
  });

  it('leaves out undefined members, as JSON does', () => {
    expect(jsonBytes({ type: 'run', payload: undefined }, 1e9)).toBe(jsonBytes({ type: 'run' }, 1e9));
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then refills at its rate', () => {
    const bucket = new TokenBucket(3, 10, 0);
    expect([0, 0, 0, 0].map((t) => bucket.take(t))).toEqual([true, true, true, false]);
    expect(bucket.take(50)).toBe(false); // half a token
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100)).toBe(false);
    // A long pause refills the burst, never more.
    expect([10_000, 10_000, 10_000, 10_000].map((t) => bucket.take(t))).toEqual([true, true, true, false]);
  });
});
