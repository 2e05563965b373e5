// The embed's limits on what a host may send (docs/embed.md "Limits"): the size of one message and the rate of
// messages. Both are checked before a message is parsed, so a hostile host costs the board little.

/**
 * The size of `value` as JSON text in bytes (strings counted as UTF-16 code units, a close upper bound for ASCII),
 * or Infinity once it passes `limit` — the walk stops there, so a huge message is not walked whole. Values JSON
 * cannot carry (functions, typed arrays, Blobs, cycles) count as Infinity too.
 */
export function jsonBytes(value: unknown, limit: number): number {
  let total = 0;
  const seen = new Set<object>();
  const walk = (x: unknown, depth: number): boolean => {
    if (total > limit || depth > 32) return false;
    if (x === null || typeof x === 'boolean') total += 5;
    else if (typeof x === 'number') total += Number.isFinite(x) ? 24 : Infinity;
    else if (typeof x === 'string') total += x.length + 2;
    else if (Array.isArray(x)) {
      if (seen.has(x)) return false;
      seen.add(x);
      total += 2 + x.length;
      for (const item of x) if (!walk(item, depth + 1)) return false;
    } else if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      if (seen.has(x)) return false;
      seen.add(x);
      total += 2;
      for (const [k, item] of Object.entries(x as Record<string, unknown>)) {
        total += k.length + 4;
        if (!walk(item, depth + 1)) return false;
      }
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
