import { describe, expect, it } from 'vitest';
import {
  INT32_MAX,
  INT32_MIN,
  frexp,
  getReciprocal,
  expOnNegativeValuesQ5,
  multiplyByQuantizedMultiplier,
  quantizeMultiplier,
  roundHalfAway,
  roundingDivideByPOT,
  saturatingRoundingDoublingHighMul,
  saturatingShiftLeft,
} from './fixedpoint';

// Exact BigInt models of the C++ definitions (wasm/nn/include/nn/fixedpoint.h).
function srdhmBig(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n)); // BigInt division truncates toward zero, like C++
}
function rdbpotBig(x: number, e: number): number {
  // round(x / 2^e), ties away from zero
  const d = 1n << BigInt(e);
  const X = BigInt(x);
  const q = X / d;
  const r = X - q * d; // sign of X
  const twice = 2n * (r < 0n ? -r : r);
  if (twice > d || (twice === d && e > 0)) return Number(X < 0n ? q - 1n : q + 1n);
  return Number(q);
}
function mbqmBig(x: number, m: number, shift: number): number {
  const left = shift > 0 ? shift : 0;
  const right = shift > 0 ? 0 : -shift;
  const shifted = Number(BigInt.asIntN(32, BigInt(x) << BigInt(left)));
  return rdbpotBig(srdhmBig(shifted, m), right);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}
const EDGES = [
  0,
  1,
  -1,
  2,
  -2,
  3,
  INT32_MAX,
  INT32_MIN,
  INT32_MAX - 1,
  INT32_MIN + 1,
  1 << 30,
  -(1 << 30),
  (1 << 30) + 1,
  46341,
  -46341,
  65535,
  65536,
  -65536,
];

describe('saturatingRoundingDoublingHighMul', () => {
  it('saturates the single overflowing product', () => {
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN)).toBe(INT32_MAX);
    expect(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MAX)).toBe(INT32_MIN + 1);
    expect(saturatingRoundingDoublingHighMul(INT32_MAX, INT32_MAX)).toBe(INT32_MAX - 1);
  });

  it('rounds half toward +infinity (the nudge)', () => {
    // 3 * 2^30 / 2^31 = 1.5 -> 2 ; -3 * 2^30 / 2^31 = -1.5 -> -1
    expect(saturatingRoundingDoublingHighMul(3, 1 << 30)).toBe(2);
    expect(saturatingRoundingDoublingHighMul(-3, 1 << 30)).toBe(-1);
    expect(saturatingRoundingDoublingHighMul(1, 1 << 30)).toBe(1); // 0.5 -> 1
    expect(saturatingRoundingDoublingHighMul(-1, 1 << 30)).toBe(0); // -0.5 -> 0
  });

  it('matches the exact 64-bit definition on edges and 200k random pairs', () => {
    for (const a of EDGES)
      for (const b of EDGES) expect(saturatingRoundingDoublingHighMul(a, b), `${a} ${b}`).toBe(srdhmBig(a, b));
    const r = rng(1);
    for (let i = 0; i < 200_000; i++) {
      const a = r() | 0;
      const b = i % 2 ? r() | 0 : (r() >>> 16) - 32768;
      const got = saturatingRoundingDoublingHighMul(a, b);
      if (got !== srdhmBig(a, b)) expect(got, `${a} ${b}`).toBe(srdhmBig(a, b));
    }
  });
});

describe('roundingDivideByPOT', () => {
  it('rounds ties away from zero', () => {
    expect(roundingDivideByPOT(5, 1)).toBe(3);
    expect(roundingDivideByPOT(-5, 1)).toBe(-3);
    expect(roundingDivideByPOT(6, 2)).toBe(2); // 1.5 -> 2
    expect(roundingDivideByPOT(-6, 2)).toBe(-2);
    expect(roundingDivideByPOT(-7, 2)).toBe(-2); // -1.75
    expect(roundingDivideByPOT(7, 0)).toBe(7);
  });

  it('handles exponent 31 and the int32 extremes', () => {
    expect(roundingDivideByPOT(INT32_MIN, 31)).toBe(-1);
    expect(roundingDivideByPOT(INT32_MAX, 31)).toBe(1);
    expect(roundingDivideByPOT(1 << 30, 31)).toBe(1); // exactly 0.5
    expect(roundingDivideByPOT(-(1 << 30), 31)).toBe(-1);
    expect(roundingDivideByPOT((1 << 30) - 1, 31)).toBe(0);
  });

  it('matches the exact definition on random inputs', () => {
    const r = rng(2);
    for (let i = 0; i < 100_000; i++) {
      const x = r() | 0;
      const e = r() % 32;
      const got = roundingDivideByPOT(x, e);
      if (got !== rdbpotBig(x, e)) expect(got, `${x} ${e}`).toBe(rdbpotBig(x, e));
    }
  });
});

describe('multiplyByQuantizedMultiplier', () => {
  it('matches the exact definition for every shift, including negative shifts and wrapped left shifts', () => {
    const r = rng(3);
    for (const x of EDGES)
      for (const m of EDGES)
        for (let s = -31; s <= 30; s += 7) expect(multiplyByQuantizedMultiplier(x, m, s)).toBe(mbqmBig(x, m, s));
    for (let i = 0; i < 100_000; i++) {
      const x = r() | 0;
      const m = r() | 0;
      const s = (r() % 62) - 31;
      const got = multiplyByQuantizedMultiplier(x, m, s);
      if (got !== mbqmBig(x, m, s)) expect(got, `${x} ${m} ${s}`).toBe(mbqmBig(x, m, s));
    }
  });

  it('scales by multiplier/2^31 * 2^shift', () => {
    const { multiplier, shift } = quantizeMultiplier(0.25);
    expect(multiplyByQuantizedMultiplier(1000, multiplier, shift)).toBe(250);
    expect(multiplyByQuantizedMultiplier(-1002, multiplier, shift)).toBe(-251); // -250.5 -> -251 (away from zero)
    const three = quantizeMultiplier(3);
    expect(multiplyByQuantizedMultiplier(7, three.multiplier, three.shift)).toBe(21);
  });
});

describe('quantizeMultiplier', () => {
  it('represents m as multiplier * 2^(shift - 31) with multiplier in [2^30, 2^31)', () => {
    expect(quantizeMultiplier(1)).toEqual({ multiplier: 1 << 30, shift: 1 });
    expect(quantizeMultiplier(0.5)).toEqual({ multiplier: 1 << 30, shift: 0 });
    expect(quantizeMultiplier(0.75)).toEqual({ multiplier: 3 << 29, shift: 0 });
    expect(quantizeMultiplier(-0.75)).toEqual({ multiplier: -(3 << 29), shift: 0 });
    expect(quantizeMultiplier(0)).toEqual({ multiplier: 0, shift: 0 });
  });

  it('renormalises when rounding reaches 2^31', () => {
    // frexp(1 - 2^-33) = (1 - 2^-33, 0); * 2^31 = 2^31 - 0.25 -> rounds to 2^31 -> halve, shift + 1
    expect(quantizeMultiplier(1 - 2 ** -33)).toEqual({ multiplier: 1 << 30, shift: 1 });
    expect(quantizeMultiplier(1 - 2 ** -31)).toEqual({ multiplier: INT32_MAX, shift: 0 });
  });

  it('flushes multipliers below 2^-32 to zero', () => {
    expect(quantizeMultiplier(2 ** -32)).toEqual({ multiplier: 1 << 30, shift: -31 });
    expect(quantizeMultiplier(2 ** -33)).toEqual({ multiplier: 0, shift: 0 });
    expect(quantizeMultiplier(5e-324)).toEqual({ multiplier: 0, shift: 0 });
  });

  it('rounds the mantissa half away from zero', () => {
    // q * 2^31 = 2^30 + 0.5 exactly -> 2^30 + 1
    expect(quantizeMultiplier(0.5 + 2 ** -32).multiplier).toBe((1 << 30) + 1);
    expect(quantizeMultiplier(-(0.5 + 2 ** -32)).multiplier).toBe(-((1 << 30) + 1));
  });
});

describe('frexp and roundHalfAway', () => {
  it('frexp splits mantissa and exponent like C', () => {
    expect(frexp(8)).toEqual({ m: 0.5, e: 4 });
    expect(frexp(-3)).toEqual({ m: -0.75, e: 2 });
    expect(frexp(5e-324)).toEqual({ m: 0.5, e: -1073 });
    expect(frexp(0)).toEqual({ m: 0, e: 0 });
  });
  it('roundHalfAway differs from Math.round on negative ties', () => {
    expect(roundHalfAway(2.5)).toBe(3);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(Math.round(-2.5)).toBe(-2);
    expect(roundHalfAway(0.49999999999999994)).toBe(0);
  });
});

describe('softmax fixed-point helpers', () => {
  it('exp on negative values approximates exp within 1e-6', () => {
    for (let x = 0; x >= -31; x -= 0.37) {
      const raw = Math.round(x * 2 ** 26);
      expect(Math.abs(expOnNegativeValuesQ5(raw) / 2 ** 31 - Math.exp(raw / 2 ** 26))).toBeLessThan(1e-6);
    }
    expect(expOnNegativeValuesQ5(0)).toBe(INT32_MAX);
  });
  it('getReciprocal returns 1/x', () => {
    for (const v of [1, 1.25, 3, 10.5, 100]) {
      const raw = Math.round(v * 2 ** 19); // Q12.19
      const { scale, numBitsOverUnit } = getReciprocal(raw, 12);
      expect(Math.abs((scale / 2 ** 31) * 2 ** -numBitsOverUnit - 1 / v)).toBeLessThan(1e-6);
    }
  });
  it('saturatingShiftLeft saturates', () => {
    expect(saturatingShiftLeft(1 << 28, 3)).toBe(INT32_MAX);
    expect(saturatingShiftLeft(-(1 << 28), 3)).toBe(INT32_MIN);
    expect(saturatingShiftLeft(-5, 2)).toBe(-20);
  });
});
