// conv_simd.cc — int8 Conv2D and DepthwiseConv2D with wasm SIMD128, bit-exact with ref::Conv2D and
// ref::DepthwiseConv2D.
//
// Every product w * (x + input_offset) is exact in a 16x16 -> 32-bit lane (|w| <= 128; |x + input_offset| <= 255,
// Prepare keeps zero points in [-128, 127]), and the int32 lanes wrap modulo 2^32 like the reference's WrapAdd, so
// summing in another order gives the same accumulators and, after the same requantization, the same outputs. Conv2D
// gathers each output pixel's receptive field (im2col) into an int8 patch in the filter's (fy, fx, ic) order, taps
// outside the image set to the input zero point: there x + input_offset is 0, the same nothing the reference adds by
// skipping the tap. Dilated filters take the same paths (taps dilation rows and columns apart).
#include <cstdint>
#include <cstring>

#include "nn/fixedpoint.h"
#include "nn/reference_ops.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace nn {
namespace ref {

#ifdef __wasm_simd128__
namespace {

inline int32_t HorizontalSum(v128_t v) {
    int32_t s = wasm_i32x4_extract_lane(v, 0);
    s = WrapAdd(s, wasm_i32x4_extract_lane(v, 1));
    s = WrapAdd(s, wasm_i32x4_extract_lane(v, 2));
    s = WrapAdd(s, wasm_i32x4_extract_lane(v, 3));
    return s;
}

inline int8_t Requantize(const ConvParams& p, int32_t oc, int32_t acc, const int32_t* bias) {
    if (bias != nullptr)
        acc = WrapAdd(acc, bias[oc]);
    acc = MultiplyByQuantizedMultiplier(acc, p.output_multiplier[oc], p.output_shift[oc]) + p.output_offset;
    if (acc < p.act_min)
        acc = p.act_min;
    if (acc > p.act_max)
        acc = p.act_max;
    return static_cast<int8_t>(acc);
}

// y[oc] for every output channel from one patch of `depth` values: sum_d w[oc, d] * (x[d] + input_offset).
void PatchDot(const ConvParams& p, const int8_t* x, int32_t depth, const int8_t* filter, const int32_t* bias,
              int8_t* y) {
    const int32_t depth8 = depth & ~7;
    const v128_t offset = wasm_i16x8_splat(static_cast<int16_t>(p.input_offset));
    int32_t oc = 0;
    // Four output channels at a time share each widened patch vector.
    for (; oc + 4 <= p.out_c; oc += 4) {
        const int8_t* w0 = filter + oc * depth;
        const int8_t* w1 = w0 + depth;
        const int8_t* w2 = w1 + depth;
        const int8_t* w3 = w2 + depth;
        v128_t a0 = wasm_i32x4_splat(0), a1 = a0, a2 = a0, a3 = a0;
        for (int32_t d = 0; d < depth8; d += 8) {
            const v128_t xv = wasm_i16x8_add(wasm_i16x8_load8x8(x + d), offset);
            a0 = wasm_i32x4_add(a0, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w0 + d), xv));
            a1 = wasm_i32x4_add(a1, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w1 + d), xv));
            a2 = wasm_i32x4_add(a2, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w2 + d), xv));
            a3 = wasm_i32x4_add(a3, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w3 + d), xv));
        }
        int32_t s0 = HorizontalSum(a0), s1 = HorizontalSum(a1), s2 = HorizontalSum(a2), s3 = HorizontalSum(a3);
        for (int32_t d = depth8; d < depth; ++d) {
            const int32_t xd = x[d] + p.input_offset;
            s0 = WrapAdd(s0, w0[d] * xd);
            s1 = WrapAdd(s1, w1[d] * xd);
            s2 = WrapAdd(s2, w2[d] * xd);
            s3 = WrapAdd(s3, w3[d] * xd);
        }
        y[oc] = Requantize(p, oc, s0, bias);
        y[oc + 1] = Requantize(p, oc + 1, s1, bias);
        y[oc + 2] = Requantize(p, oc + 2, s2, bias);
        y[oc + 3] = Requantize(p, oc + 3, s3, bias);
    }
    for (; oc < p.out_c; ++oc) {
        const int8_t* w = filter + oc * depth;
        v128_t a = wasm_i32x4_splat(0);
        for (int32_t d = 0; d < depth8; d += 8) {
            const v128_t xv = wasm_i16x8_add(wasm_i16x8_load8x8(x + d), offset);
            a = wasm_i32x4_add(a, wasm_i32x4_dot_i16x8(wasm_i16x8_load8x8(w + d), xv));
        }
        int32_t s = HorizontalSum(a);
        for (int32_t d = depth8; d < depth; ++d)
            s = WrapAdd(s, w[d] * (x[d] + p.input_offset));
        y[oc] = Requantize(p, oc, s, bias);
    }
}

// The filter taps [*begin, *end) whose input row (or column) in0 + dilation * tap lies in [0, size).
void TapRange(int32_t in0, int32_t dilation, int32_t size, int32_t taps, int32_t* begin, int32_t* end) {
    *begin = in0 < 0 ? (-in0 + dilation - 1) / dilation : 0;
    const int32_t reach = size - 1 - in0;  // the largest dilation * tap still inside
    *end = reach < 0 ? 0 : (reach / dilation + 1 < taps ? reach / dilation + 1 : taps);
    if (*end < *begin)
        *end = *begin;
}

// The receptive field of output pixel (oy, ox) in (fy, fx, ic) order; taps outside the image hold the zero point.
// Taps inside the image are copied a run at a time: without dilation a row's taps are one contiguous span.
void Im2Col(const ConvParams& p, const int8_t* image, int32_t oy, int32_t ox, int8_t* patch) {
    const int8_t zero_point = static_cast<int8_t>(-p.input_offset);
    const int32_t in_y0 = oy * p.stride_h - p.pad_h;
    const int32_t in_x0 = ox * p.stride_w - p.pad_w;
    const size_t tap = static_cast<size_t>(p.in_c);
    const size_t row = tap * static_cast<size_t>(p.filter_w);
    int32_t fx_begin = 0, fx_end = 0;
    TapRange(in_x0, p.dilation_w, p.in_w, p.filter_w, &fx_begin, &fx_end);
    for (int32_t fy = 0; fy < p.filter_h; ++fy, patch += row) {
        const int32_t iy = in_y0 + p.dilation_h * fy;
        if (iy < 0 || iy >= p.in_h || fx_begin == fx_end) {
            std::memset(patch, zero_point, row);
            continue;
        }
        std::memset(patch, zero_point, tap * static_cast<size_t>(fx_begin));
        const int8_t* x = image + (iy * p.in_w + in_x0 + p.dilation_w * fx_begin) * p.in_c;
        if (p.dilation_w == 1) {
            std::memcpy(patch + tap * fx_begin, x, tap * static_cast<size_t>(fx_end - fx_begin));
        } else {
            for (int32_t fx = fx_begin; fx < fx_end; ++fx, x += p.dilation_w * p.in_c)
                std::memcpy(patch + tap * fx, x, tap);
        }
        std::memset(patch + tap * fx_end, zero_point, tap * static_cast<size_t>(p.filter_w - fx_end));
    }
}

}  // namespace
#endif

bool ConvSimdApplies(const ConvParams& p) {
#ifdef __wasm_simd128__
    return p.filter_h * p.filter_w * p.in_c <= kConvSimdMaxPatch;
#else
    (void)p;
    return false;
#endif
}

bool DepthwiseSimdApplies(const ConvParams& p) { return SimdAvailable() && p.depth_multiplier == 1; }

void Conv2DSimd(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* patch,
                int8_t* output) {
#ifdef __wasm_simd128__
    const int32_t depth = p.filter_h * p.filter_w * p.in_c;
    // A 1x1 filter at stride 1 without padding reads each input pixel as it lies: no gather needed.
    const bool pointwise = p.filter_h == 1 && p.filter_w == 1 && p.stride_h == 1 && p.stride_w == 1 &&
                           p.out_h == p.in_h && p.out_w == p.in_w && p.pad_h == 0 && p.pad_w == 0;
    for (int32_t b = 0; b < p.batches; ++b) {
        const int8_t* image = input + b * p.in_h * p.in_w * p.in_c;
        for (int32_t oy = 0; oy < p.out_h; ++oy) {
            for (int32_t ox = 0; ox < p.out_w; ++ox) {
                const int8_t* x = image + (oy * p.in_w + ox) * p.in_c;
                if (!pointwise) {
                    Im2Col(p, image, oy, ox, patch);
                    x = patch;
                }
                PatchDot(p, x, depth, filter, bias, output + ((b * p.out_h + oy) * p.out_w + ox) * p.out_c);
            }
        }
    }
#else
    (void)patch;
    Conv2D(p, input, filter, bias, output);
#endif
}

void DepthwiseConv2DSimd(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                         int8_t* output) {
#ifdef __wasm_simd128__
    const int32_t channels = p.out_c;  // depth multiplier 1
    const int32_t channels8 = channels & ~7;
    const v128_t offset = wasm_i16x8_splat(static_cast<int16_t>(p.input_offset));
    for (int32_t b = 0; b < p.batches; ++b) {
        for (int32_t oy = 0; oy < p.out_h; ++oy) {
            const int32_t in_y0 = oy * p.stride_h - p.pad_h;
            int32_t fy_begin = 0, fy_end = 0;
            TapRange(in_y0, p.dilation_h, p.in_h, p.filter_h, &fy_begin, &fy_end);
            for (int32_t ox = 0; ox < p.out_w; ++ox) {
                const int32_t in_x0 = ox * p.stride_w - p.pad_w;
                int32_t fx_begin = 0, fx_end = 0;
                TapRange(in_x0, p.dilation_w, p.in_w, p.filter_w, &fx_begin, &fx_end);
                const int8_t* image = input + b * p.in_h * p.in_w * channels;
                int8_t* y = output + ((b * p.out_h + oy) * p.out_w + ox) * channels;
                // Eight channels per step, each lane its own accumulator.
                for (int32_t c = 0; c < channels8; c += 8) {
                    v128_t lo = wasm_i32x4_splat(0), hi = lo;
                    for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
                        const int8_t* x_row = image + (in_y0 + p.dilation_h * fy) * p.in_w * channels + c;
                        const int8_t* w_row = filter + fy * p.filter_w * channels + c;
                        for (int32_t fx = fx_begin; fx < fx_end; ++fx) {
                            const int8_t* x = x_row + (in_x0 + p.dilation_w * fx) * channels;
                            const v128_t xv = wasm_i16x8_add(wasm_i16x8_load8x8(x), offset);
                            const v128_t wv = wasm_i16x8_load8x8(w_row + fx * channels);
                            lo = wasm_i32x4_add(lo, wasm_i32x4_extmul_low_i16x8(wv, xv));
                            hi = wasm_i32x4_add(hi, wasm_i32x4_extmul_high_i16x8(wv, xv));
                        }
                    }
                    int32_t acc[8];
                    wasm_v128_store(acc, lo);
                    wasm_v128_store(acc + 4, hi);
                    for (int32_t k = 0; k < 8; ++k)
                        y[c + k] = Requantize(p, c + k, acc[k], bias);
                }
                for (int32_t c = channels8; c < channels; ++c) {
                    int32_t acc = 0;
                    for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
                        for (int32_t fx = fx_begin; fx < fx_end; ++fx) {
                            const int32_t iy = in_y0 + p.dilation_h * fy;
                            const int32_t ix = in_x0 + p.dilation_w * fx;
                            const int32_t x = image[(iy * p.in_w + ix) * channels + c];
                            acc = WrapAdd(acc, filter[(fy * p.filter_w + fx) * channels + c] * (x + p.input_offset));
                        }
                    }
                    y[c] = Requantize(p, c, acc, bias);
                }
            }
        }
    }
#else
    DepthwiseConv2D(p, input, filter, bias, output);
#endif
}

}  // namespace ref
}  // namespace nn
