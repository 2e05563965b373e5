#include "nn/reference_ops.h"

#include <cmath>

#include "nn/fixedpoint.h"
#include "nn/quant_util.h"

namespace nn {
namespace ref {

namespace {
inline int32_t Clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : (v > hi ? hi : v); }
}  // namespace

void FullyConnected(const FullyConnectedParams& p, const int8_t* input, const int8_t* weights, const int32_t* bias,
                    int8_t* output) {
    const int32_t depth = p.accum_depth;
    for (int32_t b = 0; b < p.batches; ++b) {
        const int8_t* x = input + b * depth;
        for (int32_t o = 0; o < p.output_depth; ++o) {
            const int8_t* w = weights + o * depth;
            int32_t acc = 0;
            for (int32_t d = 0; d < depth; ++d) {
                acc = WrapAdd(acc, WrapMul(static_cast<int32_t>(w[d]), static_cast<int32_t>(x[d]) + p.input_offset));
            }
            if (bias != nullptr)
                acc = WrapAdd(acc, bias[o]);
            const int c = p.per_channel ? o : 0;
            acc = MultiplyByQuantizedMultiplier(acc, p.output_multiplier[c], p.output_shift[c]) + p.output_offset;
            output[b * p.output_depth + o] = static_cast<int8_t>(Clamp(acc, p.act_min, p.act_max));
        }
    }
}

void WeightRowSums(const int8_t* weights, int32_t output_depth, int32_t accum_depth, int32_t* row_sums) {
    for (int32_t o = 0; o < output_depth; ++o) {
        int32_t s = 0;
        for (int32_t d = 0; d < accum_depth; ++d)
            s = WrapAdd(s, weights[o * accum_depth + d]);
        row_sums[o] = s;
    }
}

bool MakeBroadcast4D(const int32_t* a_dims, int a_rank, const int32_t* b_dims, int b_rank, Broadcast4D* out) {
    if (a_rank < 0 || a_rank > 4 || b_rank < 0 || b_rank > 4)
        return false;
    int32_t a4[4] = {1, 1, 1, 1};
    int32_t b4[4] = {1, 1, 1, 1};
    for (int i = 0; i < a_rank; ++i)
        a4[4 - a_rank + i] = a_dims[i];
    for (int i = 0; i < b_rank; ++i)
        b4[4 - b_rank + i] = b_dims[i];
    int32_t a_stride = 1;
    int32_t b_stride = 1;
    for (int i = 3; i >= 0; --i) {
        if (a4[i] != b4[i] && a4[i] != 1 && b4[i] != 1)
            return false;
        out->out_dims[i] = a4[i] == 1 ? b4[i] : a4[i];
        out->a_strides[i] = a4[i] == 1 ? 0 : a_stride;
        out->b_strides[i] = b4[i] == 1 ? 0 : b_stride;
        a_stride *= a4[i];
        b_stride *= b4[i];
    }
    return true;
}

namespace {
// Visits every output element in row-major order with the matching input indices.
template <typename F>
inline void ForEachBroadcast(const Broadcast4D& bc, F f) {
    int32_t out_index = 0;
    for (int32_t i0 = 0; i0 < bc.out_dims[0]; ++i0) {
        for (int32_t i1 = 0; i1 < bc.out_dims[1]; ++i1) {
            for (int32_t i2 = 0; i2 < bc.out_dims[2]; ++i2) {
                const int32_t a_base = i0 * bc.a_strides[0] + i1 * bc.a_strides[1] + i2 * bc.a_strides[2];
                const int32_t b_base = i0 * bc.b_strides[0] + i1 * bc.b_strides[1] + i2 * bc.b_strides[2];
                for (int32_t i3 = 0; i3 < bc.out_dims[3]; ++i3) {
                    f(out_index++, a_base + i3 * bc.a_strides[3], b_base + i3 * bc.b_strides[3]);
                }
            }
        }
    }
}
}  // namespace

void AddSub(const AddSubParams& p, const int8_t* a, const int8_t* b, int8_t* output) {
    ForEachBroadcast(p.bc, [&](int32_t o, int32_t ia, int32_t ib) {
        const int32_t v1 = ShiftLeftWrapping(p.input1_offset + a[ia], p.left_shift);
        const int32_t v2 = ShiftLeftWrapping(p.input2_offset + b[ib], p.left_shift);
        const int32_t s1 = MultiplyByQuantizedMultiplier(v1, p.input1_multiplier, p.input1_shift);
        const int32_t s2 = MultiplyByQuantizedMultiplier(v2, p.input2_multiplier, p.input2_shift);
        const int32_t raw = p.subtract ? WrapSub(s1, s2) : WrapAdd(s1, s2);
        const int32_t out = MultiplyByQuantizedMultiplier(raw, p.output_multiplier, p.output_shift) + p.output_offset;
        output[o] = static_cast<int8_t>(Clamp(out, p.act_min, p.act_max));
    });
}

void MinMax(bool is_max, const Broadcast4D& bc, const int8_t* a, const int8_t* b, int8_t* output) {
    ForEachBroadcast(bc, [&](int32_t o, int32_t ia, int32_t ib) {
        const int8_t x = a[ia];
        const int8_t y = b[ib];
        output[o] = is_max ? (x > y ? x : y) : (x < y ? x : y);
    });
}

void ArgMax(int32_t outer, int32_t axis_size, int32_t inner, const int8_t* input, int32_t* output) {
    for (int32_t o = 0; o < outer; ++o) {
        for (int32_t i = 0; i < inner; ++i) {
            int32_t best = 0;
            int8_t best_value = input[o * axis_size * inner + i];
            for (int32_t k = 1; k < axis_size; ++k) {
                const int8_t v = input[(o * axis_size + k) * inner + i];
                if (v > best_value) {
                    best_value = v;
                    best = k;
                }
            }
            output[o * inner + i] = best;
        }
    }
}

void Relu(const ReluParams& p, int32_t n, const int8_t* input, int8_t* output) {
    for (int32_t i = 0; i < n; ++i) {
        const int32_t v =
            p.output_zero_point + MultiplyByQuantizedMultiplier(input[i] - p.input_zero_point, p.multiplier, p.shift);
        output[i] = static_cast<int8_t>(Clamp(v, p.act_min, p.act_max));
    }
}

void Requantize(const RequantizeParams& p, int32_t n, const int8_t* input, int8_t* output) {
    for (int32_t i = 0; i < n; ++i) {
        const int32_t v =
            MultiplyByQuantizedMultiplier(input[i] - p.input_zero_point, p.multiplier, p.shift) + p.output_zero_point;
        output[i] = static_cast<int8_t>(Clamp(v, -128, 127));
    }
}

void QuantizeFloat(float scale, int32_t zero_point, int32_t n, const float* input, int8_t* output) {
    for (int32_t i = 0; i < n; ++i)
        output[i] = QuantizeInt8(input[i], scale, zero_point);
}

void Dequantize(float scale, int32_t zero_point, int32_t n, const int8_t* input, float* output) {
    for (int32_t i = 0; i < n; ++i)
        output[i] = DequantizeValue(input[i], scale, zero_point);
}

void Softmax(const SoftmaxParams& p, const int8_t* input, int8_t* output) {
    constexpr int kAccumulationIntegerBits = 12;
    for (int32_t r = 0; r < p.outer; ++r) {
        const int8_t* x = input + r * p.depth;
        int8_t* y = output + r * p.depth;
        int32_t max_in_row = -128;
        for (int32_t c = 0; c < p.depth; ++c)
            max_in_row = x[c] > max_in_row ? x[c] : max_in_row;

        int32_t sum_of_exps = 0;  // Q12.19
        for (int32_t c = 0; c < p.depth; ++c) {
            const int32_t diff = x[c] - max_in_row;
            if (diff >= p.diff_min) {
                const int32_t scaled = SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(diff, p.input_left_shift),
                                                                         p.input_multiplier);  // Q5.26
                sum_of_exps = WrapAdd(sum_of_exps,
                                      RoundingDivideByPOT(fp::ExpOnNegativeValuesQ5(scaled), kAccumulationIntegerBits));
            }
        }
        int num_bits_over_unit = 0;
        const int32_t shifted_scale = fp::GetReciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
        const int exponent = num_bits_over_unit + 31 - 8;

        for (int32_t c = 0; c < p.depth; ++c) {
            const int32_t diff = x[c] - max_in_row;
            if (diff >= p.diff_min) {
                const int32_t scaled =
                    SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(diff, p.input_left_shift), p.input_multiplier);
                const int32_t e = fp::ExpOnNegativeValuesQ5(scaled);
                const int32_t prod = SaturatingRoundingDoublingHighMul(shifted_scale, e);
                // exponent > 31 only for huge rows (sum > 2^27); a non-negative Q0.31 value / 2^32 rounds to 0.
                const int32_t unsat = exponent > 31 ? 0 : RoundingDivideByPOT(prod, exponent);
                y[c] = static_cast<int8_t>(Clamp(unsat - 128, -128, 127));
            } else {
                y[c] = -128;
            }
        }
    }
}

void Conv2D(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output) {
    for (int32_t b = 0; b < p.batches; ++b) {
        for (int32_t oy = 0; oy < p.out_h; ++oy) {
            const int32_t in_y0 = oy * p.stride_h - p.pad_h;
            for (int32_t ox = 0; ox < p.out_w; ++ox) {
                const int32_t in_x0 = ox * p.stride_w - p.pad_w;
                for (int32_t oc = 0; oc < p.out_c; ++oc) {
                    int32_t acc = 0;
                    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
                        const int32_t iy = in_y0 + p.dilation_h * fy;
                        if (iy < 0 || iy >= p.in_h)
                            continue;
                        for (int32_t fx = 0; fx < p.filter_w; ++fx) {
                            const int32_t ix = in_x0 + p.dilation_w * fx;
                            if (ix < 0 || ix >= p.in_w)
                                continue;
                            const int8_t* x = input + ((b * p.in_h + iy) * p.in_w + ix) * p.in_c;
                            const int8_t* w = filter + ((oc * p.filter_h + fy) * p.filter_w + fx) * p.in_c;
                            for (int32_t ic = 0; ic < p.in_c; ++ic) {
                                acc = WrapAdd(acc, WrapMul(static_cast<int32_t>(w[ic]),
                                                           static_cast<int32_t>(x[ic]) + p.input_offset));
                            }
                        }
                    }
                    if (bias != nullptr)
                        acc = WrapAdd(acc, bias[oc]);
                    acc = MultiplyByQuantizedMultiplier(acc, p.output_multiplier[oc], p.output_shift[oc]) +
                          p.output_offset;
                    output[((b * p.out_h + oy) * p.out_w + ox) * p.out_c + oc] =
                        static_cast<int8_t>(Clamp(acc, p.act_min, p.act_max));
                }
            }
        }
    }
}

void DepthwiseConv2D(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                     int8_t* output) {
    for (int32_t b = 0; b < p.batches; ++b) {
        for (int32_t oy = 0; oy < p.out_h; ++oy) {
            const int32_t in_y0 = oy * p.stride_h - p.pad_h;
            for (int32_t ox = 0; ox < p.out_w; ++ox) {
                const int32_t in_x0 = ox * p.stride_w - p.pad_w;
                for (int32_t ic = 0; ic < p.in_c; ++ic) {
                    for (int32_t m = 0; m < p.depth_multiplier; ++m) {
                        const int32_t oc = ic * p.depth_multiplier + m;
                        int32_t acc = 0;
                        for (int32_t fy = 0; fy < p.filter_h; ++fy) {
                            const int32_t iy = in_y0 + p.dilation_h * fy;
                            if (iy < 0 || iy >= p.in_h)
                                continue;
                            for (int32_t fx = 0; fx < p.filter_w; ++fx) {
                                const int32_t ix = in_x0 + p.dilation_w * fx;
                                if (ix < 0 || ix >= p.in_w)
                                    continue;
                                const int32_t x = input[((b * p.in_h + iy) * p.in_w + ix) * p.in_c + ic];
                                const int32_t w = filter[(fy * p.filter_w + fx) * p.out_c + oc];
                                acc = WrapAdd(acc, WrapMul(w, x + p.input_offset));
                            }
                        }
                        if (bias != nullptr)
                            acc = WrapAdd(acc, bias[oc]);
                        acc = MultiplyByQuantizedMultiplier(acc, p.output_multiplier[oc], p.output_shift[oc]) +
                              p.output_offset;
                        output[((b * p.out_h + oy) * p.out_w + ox) * p.out_c + oc] =
                            static_cast<int8_t>(Clamp(acc, p.act_min, p.act_max));
                    }
                }
            }
        }
    }
}

namespace {
template <typename F>
inline void ForEachPoolWindow(const PoolParams& p, F f) {
    for (int32_t b = 0; b < p.batches; ++b) {
        for (int32_t oy = 0; oy < p.out_h; ++oy) {
            const int32_t in_y0 = oy * p.stride_h - p.pad_h;
            const int32_t fy_start = in_y0 < 0 ? -in_y0 : 0;
            const int32_t fy_end = p.in_h - in_y0 < p.filter_h ? p.in_h - in_y0 : p.filter_h;
            for (int32_t ox = 0; ox < p.out_w; ++ox) {
                const int32_t in_x0 = ox * p.stride_w - p.pad_w;
                const int32_t fx_start = in_x0 < 0 ? -in_x0 : 0;
                const int32_t fx_end = p.in_w - in_x0 < p.filter_w ? p.in_w - in_x0 : p.filter_w;
                for (int32_t c = 0; c < p.channels; ++c) {
                    f(b, in_y0, in_x0, fy_start, fy_end, fx_start, fx_end, c,
                      ((b * p.out_h + oy) * p.out_w + ox) * p.channels + c);
                }
            }
        }
    }
}
}  // namespace

void MaxPool2D(const PoolParams& p, const int8_t* input, int8_t* output) {
    ForEachPoolWindow(p, [&](int32_t b, int32_t in_y0, int32_t in_x0, int32_t fy0, int32_t fy1, int32_t fx0,
                             int32_t fx1, int32_t c, int32_t out_index) {
        int32_t m = -128;
        for (int32_t fy = fy0; fy < fy1; ++fy) {
            for (int32_t fx = fx0; fx < fx1; ++fx) {
                const int32_t v = input[((b * p.in_h + in_y0 + fy) * p.in_w + in_x0 + fx) * p.channels + c];
                if (v > m)
                    m = v;
            }
        }
        output[out_index] = static_cast<int8_t>(Clamp(m, p.act_min, p.act_max));
    });
}

void AveragePool2D(const PoolParams& p, const int8_t* input, int8_t* output) {
    ForEachPoolWindow(p, [&](int32_t b, int32_t in_y0, int32_t in_x0, int32_t fy0, int32_t fy1, int32_t fx0,
                             int32_t fx1, int32_t c, int32_t out_index) {
        int32_t acc = 0;
        int32_t count = 0;
        for (int32_t fy = fy0; fy < fy1; ++fy) {
            for (int32_t fx = fx0; fx < fx1; ++fx) {
                acc += input[((b * p.in_h + in_y0 + fy) * p.in_w + in_x0 + fx) * p.channels + c];
                ++count;
            }
        }
        if (count == 0) {
            output[out_index] = static_cast<int8_t>(Clamp(0, p.act_min, p.act_max));
            return;
        }
        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        output[out_index] = static_cast<int8_t>(Clamp(acc, p.act_min, p.act_max));
    });
}

int32_t ComputeOutSize(Padding padding, int32_t in_size, int32_t filter_size, int32_t stride) {
    if (stride <= 0)
        return 0;
    if (padding == Padding::kSame)
        return (in_size + stride - 1) / stride;
    const int32_t n = in_size + stride - filter_size;
    return n < 0 ? 0 : n / stride;
}

int32_t ComputePadding(int32_t stride, int32_t in_size, int32_t filter_size, int32_t out_size) {
    const int32_t padding = ((out_size - 1) * stride + filter_size - in_size) / 2;
    return padding > 0 ? padding : 0;
}

}  // namespace ref
}  // namespace nn
