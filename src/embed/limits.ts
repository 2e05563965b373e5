// The embed's limits on what a host may send (docs/embed.md "Limits"): the size of one message and the rate of
// messages. Both are checked before a message is parsed, so a hostile host costs the board little.

/**
 * About the size of `value` as JSON text in bytes (strings counted in UTF-16 code units, their escapes not), or
 * Infinity once it passes `limit` — the walk stops there, so a huge message is not walked whole. Values JSON
 * cannot carry (functions, typed arrays, Blobs, cycles) count as Infinity too.
 */
export function jsonBytes(value: unknown, limit: number): number {
  let total = 0;
  /** The objects on the path to the current one: a cycle never ends in JSON (a shared object is counted twice). */
  const seen = new Set<object>();
  if (value === undefined) return Infinity;
  const walk = (x: unknown, depth: number): boolean => {
    if (total > limit || depth > 32) return false;
    if (x === null || x === undefined || typeof x === 'boolean')
      total += 5; // undefined: null in an array
    else if (typeof x === 'number') total += Number.isFinite(x) ? String(x).length : Infinity;
    else if (typeof x === 'string') total += x.length + 2;
    else if (Array.isArray(x)) {
      if (seen.has(x)) return false;
      seen.add(x);
      total += 2 + x.length;
      for (const item of x) if (!walk(item, depth + 1)) return false;
      seen.delete(x);
    } else if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      if (seen.has(x)) return false;
      seen.add(x);
      total += 2;
      for (const [k, item] of Object.entries(x as Record<string, unknown>)) {
        if (item === undefined) continue; // JSON leaves the member out
        total += k.length + 4;
        if (!walk(item, depth + 1)) return false;
      }
      seen.delete(x);
    } else return false;
    return total <= limit;
  };
  return walk(value, 0) ? total : Infinity;
}

/** A token bucket: `burst` messages at once, refilled at `perSecond`; `now` is in milliseconds. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
