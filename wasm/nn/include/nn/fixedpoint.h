// fixedpoint.h — the integer arithmetic every int8 kernel shares (TFLite Micro / gemmlowp semantics).
//
// All functions are total on their documented domains and free of undefined behaviour: products are formed in
// 64 bits, left shifts wrap like two's-complement hardware, and right shifts of negative values are arithmetic
// (guaranteed by clang and gcc). src/ml/quant/fixedpoint.ts implements exactly the same functions; the shared golden
// vectors (wasm/tests/nn/golden) prove the two agree bit for bit.
#ifndef NN_FIXEDPOINT_H
#define NN_FIXEDPOINT_H

#include <cstdint>
#include <limits>

namespace nn {

constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();

// round(a * b / 2^31) with ties rounded up (TFLM's "nudge": +2^30 for non-negative products, 1 - 2^30 for negative
// ones, then division truncating toward zero). The single overflowing case, a == b == INT32_MIN, saturates.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
    if (a == kInt32Min && b == kInt32Min)
        return kInt32Max;
    const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
    const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (int64_t{1} - (int64_t{1} << 30));
    return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero. exponent in [0, 31].
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
    const int32_t mask = static_cast<int32_t>((uint32_t{1} << exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * 2^shift modulo 2^32 (what `x * (1 << shift)` does on two's-complement hardware). shift in [0, 31].
inline int32_t ShiftLeftWrapping(int32_t x, int shift) {
    return static_cast<int32_t>(static_cast<uint32_t>(x) << shift);
}

// Saturating x * 2^exponent for exponent in [0, 30] (gemmlowp SaturatingRoundingMultiplyByPOT, positive exponents).
inline int32_t SaturatingShiftLeft(int32_t x, int exponent) {
    const int32_t threshold = static_cast<int32_t>((uint32_t{1} << (31 - exponent)) - 1u);
    if (x > threshold)
        return kInt32Max;
    if (x < -threshold)
        return kInt32Min;
    return ShiftLeftWrapping(x, exponent);
}

// x * M * 2^shift where M = quantized_multiplier / 2^31: the left part of the shift is applied before the high
// multiply (wrapping), the right part after it with round-half-away-from-zero. shift in [-31, 30].
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t quantized_multiplier, int shift) {
    const int left_shift = shift > 0 ? shift : 0;
    const int right_shift = shift > 0 ? 0 : -shift;
    return RoundingDivideByPOT(
        SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, left_shift), quantized_multiplier), right_shift);
}

// Integer arithmetic with two's-complement wrap-around (int32 accumulators behave like the hardware registers).
inline int32_t WrapAdd(int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t WrapSub(int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline int32_t WrapMul(int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
}

// Number of leading zero bits of a 32-bit value (32 for 0).
inline int CountLeadingZeros32(uint32_t x) {
    if (x == 0)
        return 32;
    return __builtin_clz(x);
}

// ---- The gemmlowp fixed-point subset used by int8 Softmax -------------------------------------------------------
// Values are raw int32 with an implied number of integer bits (Qm.n with m + n = 31). Products of two raws are
// SaturatingRoundingDoublingHighMul; sums wrap (they cannot overflow on the paths used here).
namespace fp {

// exp(x) for x in [-1/4, 0), x and result in Q0.31. Taylor expansion around -1/8.
inline int32_t ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a) {
    const int32_t kConstantTerm = 1895147668;        // exp(-1/8) in Q0.31
    const int32_t kOneThird = 715827883;             // 1/3 in Q0.31
    const int32_t x = WrapAdd(a, int32_t{1} << 28);  // a + 1/8
    const int32_t x2 = SaturatingRoundingDoublingHighMul(x, x);
    const int32_t x3 = SaturatingRoundingDoublingHighMul(x2, x);
    const int32_t x4 = SaturatingRoundingDoublingHighMul(x2, x2);
    const int32_t x4_over_4 = RoundingDivideByPOT(x4, 2);
    const int32_t poly =
        RoundingDivideByPOT(WrapAdd(SaturatingRoundingDoublingHighMul(WrapAdd(x4_over_4, x3), kOneThird), x2), 1);
    return WrapAdd(kConstantTerm, SaturatingRoundingDoublingHighMul(kConstantTerm, WrapAdd(x, poly)));
}

// exp(a) for a <= 0 given in Q5.26; result in Q0.31 (exp(0) = INT32_MAX).
inline int32_t ExpOnNegativeValuesQ5(int32_t a) {
    constexpr int kFractionalBits = 26;
    const int32_t kOneQuarter = int32_t{1} << (kFractionalBits - 2);
    const int32_t mask = kOneQuarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = WrapSub(a & mask, kOneQuarter);
    // Rescale Q5.26 -> Q0.31: saturating multiply by 2^5.
    int32_t result =
        ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(SaturatingShiftLeft(a_mod_quarter_minus_one_quarter, 5));
    const int32_t remainder = WrapSub(a_mod_quarter_minus_one_quarter, a);
    // Barrel shifter: multiply by exp(-2^k) for every set bit 2^k (k = -2..4) of the remainder.
    static const int32_t kMultipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    for (int k = 0; k < 7; ++k) {
        const int bit = kFractionalBits - 2 + k;
        if (remainder & (int32_t{1} << bit))
            result = SaturatingRoundingDoublingHighMul(result, kMultipliers[k]);
    }
    if (a == 0)
        result = kInt32Max;
    return result;
}

// 1 / (1 + x) for x in [0, 1) in Q0.31; result in Q0.31. Newton-Raphson, three iterations.
inline int32_t OneOverOnePlusXForXIn01(int32_t a) {
    // half_denominator = (a + 1) / 2 rounded, in Q0.31 (RoundingHalfSum with One() = INT32_MAX).
    const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(kInt32Max);
    const int64_t sign = sum >= 0 ? 1 : -1;
    const int32_t half_denominator = static_cast<int32_t>((sum + sign) / 2);
    const int32_t kConstant48Over17 = 1515870810;      // Q2.29
    const int32_t kConstantNeg32Over17 = -1010580540;  // Q2.29
    const int32_t kOneQ2 = int32_t{1} << 29;
    int32_t x = WrapAdd(kConstant48Over17, SaturatingRoundingDoublingHighMul(half_denominator, kConstantNeg32Over17));
    for (int i = 0; i < 3; ++i) {
        const int32_t half_denominator_times_x = SaturatingRoundingDoublingHighMul(half_denominator, x);  // Q2.29
        const int32_t one_minus = WrapSub(kOneQ2, half_denominator_times_x);                              // Q2.29
        const int32_t prod = SaturatingRoundingDoublingHighMul(x, one_minus);                             // Q4.27
        x = WrapAdd(x, SaturatingShiftLeft(prod, 2));                                                     // -> Q2.29
    }
    // x / 2 reinterpreted as Q1.30, then rescaled to Q0.31.
    return SaturatingShiftLeft(x, 1);
}

// Reciprocal of a positive Qm fixed-point sum with x_integer_digits integer bits: returns a Q0.31 value s and
// num_bits_over_unit n such that 1/x ~= s * 2^-n.
inline int32_t GetReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
    const int headroom_plus_one = CountLeadingZeros32(static_cast<uint32_t>(x));
    *num_bits_over_unit = x_integer_digits - headroom_plus_one;
    const int32_t shifted_sum_minus_one =
        static_cast<int32_t>((static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
    return OneOverOnePlusXForXIn01(shifted_sum_minus_one);
}

}  // namespace fp
}  // namespace nn

#endif  // NN_FIXEDPOINT_H
