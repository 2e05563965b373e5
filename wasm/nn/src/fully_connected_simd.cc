// fully_connected_simd.cc — int8 FullyConnected with wasm SIMD128 dot products, bit-exact with ref::FullyConnected.
//
// The reference accumulates sum_d w*(x + input_offset). Here the sum is split as sum_d w*x + input_offset*sum_d w,
// with sum_d w precomputed per output row in Prepare. Both are exact in int32 arithmetic modulo 2^32, so the
// accumulators — and therefore the outputs — are identical for every input, overflow included.
#include <cstdint>

#include "nn/fixedpoint.h"
#include "nn/reference_ops.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace nn {
namespace ref {

bool SimdAvailable() {
#ifdef __wasm_simd128__
    return true;
#else
    return false;
#endif
}

#ifdef __wasm_simd128__
namespace {

inline int32_t HorizontalSum(v128_t v) {
    int32_t s = wasm_i32x4_extract_lane(v, 0);
    s = WrapAdd(s, wasm_i32x4_extract_lane(v, 1));
    s = WrapAdd(s, wasm_i32x4_extract_lane(v, 2));
    s = WrapAdd(s, wasm_i32x4_extract_lane(v, 3));
    return s;
}

// acc += dot(w[0..15], x[0..15]) in four i32 lanes (x already sign-extended to two i16x8 halves).
inline v128_t Dot16(v128_t acc, const int8_t* w, v128_t x_lo, v128_t x_hi) {
    const v128_t wv = wasm_v128_load(w);
    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(wv), x_lo));
    return wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(wv), x_hi));
}

inline int8_t Finish(const FullyConnectedParams& p, int32_t o, int32_t dot, const int32_t* row_sums,
                     const int32_t* bias) {
    int32_t acc = WrapAdd(dot, WrapMul(p.input_offset, row_sums[o]));
    if (bias != nullptr)
        acc = WrapAdd(acc, bias[o]);
    const int c = p.per_channel ? o : 0;
    acc = MultiplyByQuantizedMultiplier(acc, p.output_multiplier[c], p.output_shift[c]) + p.output_offset;
    if (acc < p.act_min)
        acc = p.act_min;
    if (acc > p.act_max)
        acc = p.act_max;
    return static_cast<int8_t>(acc);
}

}  // namespace
#endif

void FullyConnectedSimd(const FullyConnectedParams& p, const int32_t* row_sums, const int8_t* input,
                        const int8_t* weights, const int32_t* bias, int8_t* output) {
#ifdef __wasm_simd128__
    const int32_t depth = p.accum_depth;
    const int32_t depth16 = depth & ~15;
    for (int32_t b = 0; b < p.batches; ++b) {
        const int8_t* x = input + b * depth;
        int8_t* y = output + b * p.output_depth;
        int32_t o = 0;
        // Four output rows at a time share each widened input vector.
        for (; o + 4 <= p.output_depth; o += 4) {
            const int8_t* w0 = weights + o * depth;
            const int8_t* w1 = w0 + depth;
            const int8_t* w2 = w1 + depth;
            const int8_t* w3 = w2 + depth;
            v128_t a0 = wasm_i32x4_splat(0), a1 = a0, a2 = a0, a3 = a0;
            for (int32_t d = 0; d < depth16; d += 16) {
                const v128_t xv = wasm_v128_load(x + d);
                const v128_t x_lo = wasm_i16x8_extend_low_i8x16(xv);
                const v128_t x_hi = wasm_i16x8_extend_high_i8x16(xv);
                a0 = Dot16(a0, w0 + d, x_lo, x_hi);
                a1 = Dot16(a1, w1 + d, x_lo, x_hi);
                a2 = Dot16(a2, w2 + d, x_lo, x_hi);
                a3 = Dot16(a3, w3 + d, x_lo, x_hi);
            }
            int32_t s0 = HorizontalSum(a0), s1 = HorizontalSum(a1), s2 = HorizontalSum(a2), s3 = HorizontalSum(a3);
            for (int32_t d = depth16; d < depth; ++d) {
                const int32_t xd = x[d];
                s0 = WrapAdd(s0, w0[d] * xd);
                s1 = WrapAdd(s1, w1[d] * xd);
                s2 = WrapAdd(s2, w2[d] * xd);
                s3 = WrapAdd(s3, w3[d] * xd);
            }
            y[o] = Finish(p, o, s0, row_sums, bias);
            y[o + 1] = Finish(p, o + 1, s1, row_sums, bias);
            y[o + 2] = Finish(p, o + 2, s2, row_sums, bias);
            y[o + 3] = Finish(p, o + 3, s3, row_sums, bias);
        }
        for (; o < p.output_depth; ++o) {
            const int8_t* w = weights + o * depth;
            v128_t a = wasm_i32x4_splat(0);
            for (int32_t d = 0; d < depth16; d += 16) {
                const v128_t xv = wasm_v128_load(x + d);
                a = Dot16(a, w + d, wasm_i16x8_extend_low_i8x16(xv), wasm_i16x8_extend_high_i8x16(xv));
            }
            int32_t s = HorizontalSum(a);
            for (int32_t d = depth16; d < depth; ++d)
                s = WrapAdd(s, w[d] * static_cast<int32_t>(x[d]));
            y[o] = Finish(p, o, s, row_sums, bias);
        }
    }
#else
    (void)row_sums;
    FullyConnected(p, input, weights, bias, output);
#endif
}

}  // namespace ref
}  // namespace nn
