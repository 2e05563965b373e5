// Counter-based pseudo-random numbers: value i of stream `seed` is a hash of (seed, i), so any sample can be drawn
// in any order and a stream is reproduced exactly from its seed.

/** 32-bit mix of (seed, index) (a splitmix/murmur-style finaliser). */
export function hash32(seed: number, index: number): number {
  let h =
    (Math.imul(seed | 0, 0x9e3779b1) ^
      Math.imul(index | 0, 0x85ebca77) ^
      Math.imul(Math.floor(index / 2 ** 32), 0xc2b2ae3d)) >>>
    0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in (0, 1). */
export function uniform(seed: number, index: number): number {
  return (hash32(seed, index) + 0.5) / 2 ** 32;
}

/** Standard normal (Box–Muller on two counter-based uniforms). */
export function gaussian(seed: number, index: number): number {
  const u1 = uniform(seed, 2 * index);
  const u2 = uniform(seed ^ 0x5bd1e995, 2 * index + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A sequential generator (for tests and placement of anomalies). */
export class Rng {
  private i = 0;
  constructor(private readonly seed: number) {}
  next(): number {
    return uniform(this.seed, this.i++);
  }
  int(lo: number, hiExclusive: number): number {
    return lo + Math.floor(this.next() * (hiExclusive - lo));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length)];
  }
}
