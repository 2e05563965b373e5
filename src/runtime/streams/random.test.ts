import { describe, expect, it } from 'vitest';
import { gaussian, hash32, Rng, uniform } from './random';

describe('random', () => {
  it('is a pure function of (seed, index)', () => {
    expect(hash32(7, 123)).toBe(hash32(7, 123));
    expect(hash32(7, 123)).not.toBe(hash32(8, 123));
    expect(hash32(7, 2 ** 33)).not.toBe(hash32(7, 0));
  });

  it('gives uniforms in (0,1) and roughly standard normals', () => {
    let sum = 0;
    let sq = 0;
    const n = 20_000;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = uniform(1, i);
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      const g = gaussian(1, i);
      sum += g;
      sq += g * g;
    }
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
  });

  it('Rng repeats from its seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 10; i++) expect(a.int(0, 100)).toBe(b.int(0, 100));
  });
});
