// fixedpoint.ts — the integer arithmetic every int8 kernel shares (TFLite Micro / gemmlowp semantics).
// Twin of wasm/nn/include/nn/fixedpoint.h and QuantizeMultiplier in wasm/nn/src/quant_util.cc: same functions, same results for
// every int32 input (proven by the shared golden vectors in wasm/tests/nn/golden).
//
// Numbers are JS doubles holding int32 values. 64-bit products are formed exactly with a 16-bit split (no BigInt on
// the hot path); `| 0` gives two's-complement wrap-around like the C++ int32 arithmetic.

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

const TWO_15 = 32768;
const TWO_16 = 65536;
const TWO_30 = 1073741824;
const TWO_31 = 2147483648;

/**
 * round(a * b / 2^31), ties toward +infinity (TFLM's nudge: +2^30 for non-negative products, 1 - 2^30 for negative
 * ones, then truncating division). a == b == INT32_MIN saturates to INT32_MAX.
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const negative = a < 0 !== b < 0 && a !== 0 && b !== 0;
  const u = Math.abs(a); // <= 2^31
  const v = Math.abs(b);
  const vh = Math.floor(v / TWO_16); // <= 2^15
  const vl = v - vh * TWO_16; // < 2^16
  const hi = u * vh; // < 2^47, exact
  const lo = u * vl; // < 2^47, exact
  // |ab| = hi * 2^16 + lo = hiH * 2^31 + (hiL * 2^16 + lo), hiL < 2^15
  const hiH = Math.floor(hi / TWO_15);
  const hiL = hi - hiH * TWO_15;
  // |ab| + nudge' where nudge' = 2^30 (ab >= 0) or 2^30 - 1 (ab < 0: trunc((ab + 1 - 2^30) / 2^31) = -floor((|ab| + 2^30 - 1) / 2^31))
  const rest = hiL * TWO_16 + lo + (negative ? TWO_30 - 1 : TWO_30); // < 2^48, exact
  const q = hiH + Math.floor(rest / TWO_31);
  return (negative ? -q : q) | 0;
}

/** x / 2^exponent rounded to nearest, ties away from zero. exponent in [0, 31]. */
export function roundingDivideByPOT(x: number, exponent: number): number {
  const mask = (2 ** exponent - 1) | 0;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return ((x >> exponent) + (remainder > threshold ? 1 : 0)) | 0;
}

/** x * 2^shift modulo 2^32, shift in [0, 31]. */
export function shiftLeftWrapping(x: number, shift: number): number {
  return (x << shift) | 0;
}

/** Saturating x * 2^exponent, exponent in [0, 30]. */
export function saturatingShiftLeft(x: number, exponent: number): number {
  const threshold = 2 ** (31 - exponent) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return (x << exponent) | 0;
}

/** x * M * 2^shift, M = multiplier / 2^31; shift in [-31, 30]. */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  const left = shift > 0 ? shift : 0;
  const right = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shiftLeftWrapping(x, left), multiplier), right);
}

export function wrapAdd(a: number, b: number): number {
  return (a + b) | 0;
}
export function wrapSub(a: number, b: number): number {
  return (a - b) | 0;
}
export function wrapMul(a: number, b: number): number {
  return Math.imul(a, b);
}

const frexpView = new DataView(new ArrayBuffer(8));

/** C frexp: x = m * 2^e with 0.5 <= |m| < 1 (m = x, e = 0 for 0, NaN, +-Infinity). */
export function frexp(x: number): { m: number; e: number } {
  if (x === 0 || !Number.isFinite(x)) return { m: x, e: 0 };
  let adjust = 0;
  let v = x;
  if (Math.abs(v) < 2.2250738585072014e-308) {
    v *= 2 ** 64; // subnormal: normalise first
    adjust = -64;
  }
  frexpView.setFloat64(0, v);
  const hi = frexpView.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  frexpView.setUint32(0, ((hi & 0x800fffff) | (1022 << 20)) >>> 0);
  return { m: frexpView.getFloat64(0), e: biased - 1022 + adjust };
}

/** C round(): nearest integer, ties away from zero (Math.round rounds ties toward +infinity). */
export function roundHalfAway(x: number): number {
  const a = Math.abs(x);
  const f = Math.floor(a);
  const r = a - f >= 0.5 ? f + 1 : f;
  return x < 0 ? -r : r;
}

export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

/**
 * TFLM QuantizeMultiplier: m = multiplier * 2^(shift - 31) with multiplier in [2^30, 2^31) (negative for m < 0);
 * frexp, round half away from zero, renormalise when rounding reaches 2^31, flush to zero below 2^-31-ish (shift <
 * -31). Non-finite or zero input gives {0, 0}.
 */
export function quantizeMultiplier(m: number): QuantizedMultiplier {
  if (m === 0 || !Number.isFinite(m)) return { multiplier: 0, shift: 0 };
  const { m: q, e } = frexp(m);
  let shift = e;
  let qFixed = roundHalfAway(q * TWO_31);
  if (qFixed === TWO_31) {
    qFixed /= 2;
    shift += 1;
  }
  if (shift < -31) {
    shift = 0;
    qFixed = 0;
  }
  return { multiplier: qFixed | 0, shift };
}

// ---- gemmlowp fixed-point subset used by int8 Softmax (raw int32 values, implied integer bits) -------------------

const srdhm = saturatingRoundingDoublingHighMul;

/** exp(a) for a in [-1/4, 0), Q0.31 in and out. */
export function expOnIntervalBetweenNegativeOneQuarterAnd0Excl(a: number): number {
  const constantTerm = 1895147668; // exp(-1/8)
  const oneThird = 715827883;
  const x = wrapAdd(a, 1 << 28);
  const x2 = srdhm(x, x);
  const x3 = srdhm(x2, x);
  const x4 = srdhm(x2, x2);
  const x4Over4 = roundingDivideByPOT(x4, 2);
  const poly = roundingDivideByPOT(wrapAdd(srdhm(wrapAdd(x4Over4, x3), oneThird), x2), 1);
  return wrapAdd(constantTerm, srdhm(constantTerm, wrapAdd(x, poly)));
}

const EXP_BARREL_MULTIPLIERS = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242];

/** exp(a) for a <= 0 in Q5.26; result Q0.31 (exp(0) = INT32_MAX). */
export function expOnNegativeValuesQ5(a: number): number {
  const fractionalBits = 26;
  const oneQuarter = 1 << (fractionalBits - 2);
  const mask = oneQuarter - 1;
  const aModQuarterMinusOneQuarter = wrapSub(a & mask, oneQuarter);
  let result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(saturatingShiftLeft(aModQuarterMinusOneQuarter, 5));
  const remainder = wrapSub(aModQuarterMinusOneQuarter, a);
  for (let k = 0; k < 7; k++) {
    const bit = fractionalBits - 2 + k;
    if ((remainder & (1 << bit)) !== 0) result = srdhm(result, EXP_BARREL_MULTIPLIERS[k]!);
  }
  if (a === 0) result = INT32_MAX;
  return result;
}

/** 1 / (1 + x) for x in [0, 1), Q0.31 in and out (Newton-Raphson, three iterations). */
export function oneOverOnePlusXForXIn01(a: number): number {
  const sum = a + INT32_MAX; // exact in a double
  const halfDenominator = Math.trunc((sum + (sum >= 0 ? 1 : -1)) / 2);
  const constant48Over17 = 1515870810;
  const constantNeg32Over17 = -1010580540;
  const oneQ2 = 1 << 29;
  let x = wrapAdd(constant48Over17, srdhm(halfDenominator, constantNeg32Over17));
  for (let i = 0; i < 3; i++) {
    const halfDenominatorTimesX = srdhm(halfDenominator, x);
    const oneMinus = wrapSub(oneQ2, halfDenominatorTimesX);
    const prod = srdhm(x, oneMinus);
    x = wrapAdd(x, saturatingShiftLeft(prod, 2));
  }
  return saturatingShiftLeft(x, 1);
}

/** Count of leading zero bits of a 32-bit pattern. */
export function countLeadingZeros32(x: number): number {
  return Math.clz32(x);
}

/** Reciprocal of a positive fixed-point value with xIntegerDigits integer bits: 1/x ~= scale * 2^-numBitsOverUnit. */
export function getReciprocal(x: number, xIntegerDigits: number): { scale: number; numBitsOverUnit: number } {
  const headroomPlusOne = Math.clz32(x);
  const numBitsOverUnit = xIntegerDigits - headroomPlusOne;
  const shiftedSumMinusOne = ((x << headroomPlusOne) - INT32_MIN) | 0; // (x << h) - 2^31 modulo 2^32
  return { scale: oneOverOnePlusXForXIn01(shiftedSumMinusOne), numBitsOverUnit };
}
