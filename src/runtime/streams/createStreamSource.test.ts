import { describe, expect, it } from 'vitest';
import { createStreamSource } from './createStreamSource';
import { parseCsvTrace } from './parseCsvTrace';

describe('createStreamSource', () => {
  it('builds each kind from a plain description, starting where asked', () => {
    expect(createStreamSource({ kind: 'manual', celsius: 30 }).valueAt(5)).toBe(30);
    const syn = createStreamSource({ kind: 'synthetic', options: { seed: 9 } }, 7_000_000);
    expect(syn.kind).toBe('synthetic');
    const r = parseCsvTrace('0,10\n300,11\n600,12\n');
    if (!r.ok) throw new Error('parse');
    const csv = createStreamSource(structuredClone({ kind: 'csv' as const, trace: r.trace }), 5_000_000);
    expect([4.9, 5, 6, 7.5].map((s) => csv.valueAt(s * 1e6))).toEqual([10, 10, 11, 12]);
    expect(() => createStreamSource({ kind: 'radio' } as never)).toThrow(/radio/);
  });
});
