// reference_ops.h — pure int8 reference kernels (TFLite Micro reference_integer_ops semantics).
//
// Each function reads its inputs, writes its output and nothing else: no allocation, no globals. The parameter
// structs are filled once by the ops' Prepare (ops.h). Twin: src/ml/kernels/*.ts (same names, camelCase).
#ifndef NN_REFERENCE_OPS_H
#define NN_REFERENCE_OPS_H

#include <cstdint>

namespace nn {
namespace ref {

struct FullyConnectedParams {
    int32_t input_offset = 0;                    // -input zero point
    int32_t output_offset = 0;                   // output zero point
    const int32_t* output_multiplier = nullptr;  // [output_depth] when per_channel, else [1]
    const int32_t* output_shift = nullptr;
    bool per_channel = false;
    int32_t act_min = -128;
    int32_t act_max = 127;
    int32_t batches = 0;
    int32_t accum_depth = 0;
    int32_t output_depth = 0;
};
// out[b, o] = clamp(MBQM(sum_d w[o, d] * (x[b, d] + input_offset) + bias[o], M_o, s_o) + output_offset)
void FullyConnected(const FullyConnectedParams& p, const int8_t* input, const int8_t* weights, const int32_t* bias,
                    int8_t* output);
// Same result using wasm SIMD128 dot products: sum_d w*x + input_offset * row_sums[o] (identical modulo 2^32).
// Without __wasm_simd128__ it calls FullyConnected.
void FullyConnectedSimd(const FullyConnectedParams& p, const int32_t* row_sums, const int8_t* input,
                        const int8_t* weights, const int32_t* bias, int8_t* output);
// row_sums[o] = sum_d w[o, d] (precomputed once for FullyConnectedSimd).
void WeightRowSums(const int8_t* weights, int32_t output_depth, int32_t accum_depth, int32_t* row_sums);
bool SimdAvailable();

// NumPy broadcasting of two shapes of rank <= 4, right-aligned and padded to 4 dims.
struct Broadcast4D {
    int32_t out_dims[4] = {1, 1, 1, 1};
    int32_t a_strides[4] = {0, 0, 0, 0};  // 0 where a is broadcast along that dim
    int32_t b_strides[4] = {0, 0, 0, 0};
};
// Returns false when the shapes are not broadcast-compatible.
bool MakeBroadcast4D(const int32_t* a_dims, int a_rank, const int32_t* b_dims, int b_rank, Broadcast4D* out);

struct AddSubParams {
    bool subtract = false;
    int32_t input1_offset = 0;  // -zero points
    int32_t input2_offset = 0;
    int32_t output_offset = 0;
    int32_t left_shift = 20;
    int32_t input1_multiplier = 0;
    int32_t input1_shift = 0;
    int32_t input2_multiplier = 0;
    int32_t input2_shift = 0;
    int32_t output_multiplier = 0;
    int32_t output_shift = 0;
    int32_t act_min = -128;
    int32_t act_max = 127;
    Broadcast4D bc;
};
void AddSub(const AddSubParams& p, const int8_t* a, const int8_t* b, int8_t* output);

// Elementwise max (is_max) or min of raw int8 values (inputs and output share quantization parameters).
void MinMax(bool is_max, const Broadcast4D& bc, const int8_t* a, const int8_t* b, int8_t* output);

// Index of the first maximum along the middle dimension of [outer, axis_size, inner].
void ArgMax(int32_t outer, int32_t axis_size, int32_t inner, const int8_t* input, int32_t* output);

struct ReluParams {
    int32_t input_zero_point = 0;
    int32_t output_zero_point = 0;
    int32_t multiplier = 0;
    int32_t shift = 0;
    int32_t act_min = -128;
    int32_t act_max = 127;
};
// out = clamp(output_zp + MBQM(x - input_zp, M, s), act_min, act_max)  (TFLite's QuantizedReluX)
void Relu(const ReluParams& p, int32_t n, const int8_t* input, int8_t* output);

struct RequantizeParams {
    int32_t input_zero_point = 0;
    int32_t output_zero_point = 0;
    int32_t multiplier = 0;
    int32_t shift = 0;
};
void Requantize(const RequantizeParams& p, int32_t n, const int8_t* input, int8_t* output);
void QuantizeFloat(float scale, int32_t zero_point, int32_t n, const float* input, int8_t* output);
void Dequantize(float scale, int32_t zero_point, int32_t n, const int8_t* input, float* output);

struct SoftmaxParams {
    int32_t input_multiplier = 0;
    int32_t input_left_shift = 0;
    int32_t diff_min = 0;
    int32_t outer = 0;
    int32_t depth = 0;
};
// int8 in, int8 out (scale 1/256, zero point -128), gemmlowp fixed-point exp with Q5.26 input and Q12.19 sums.
void Softmax(const SoftmaxParams& p, const int8_t* input, int8_t* output);

struct ConvParams {
    int32_t batches = 0;
    int32_t in_h = 0, in_w = 0, in_c = 0;
    int32_t out_h = 0, out_w = 0, out_c = 0;
    int32_t filter_h = 0, filter_w = 0;
    int32_t stride_h = 1, stride_w = 1;
    int32_t dilation_h = 1, dilation_w = 1;  // filter taps dilation_h input rows apart
    int32_t pad_h = 0, pad_w = 0;
    int32_t depth_multiplier = 1;  // depthwise only
    int32_t input_offset = 0;      // -input zero point
    int32_t output_offset = 0;
    const int32_t* output_multiplier = nullptr;  // [out_c]
    const int32_t* output_shift = nullptr;       // [out_c]
    int32_t act_min = -128;
    int32_t act_max = 127;
};
// NHWC input, OHWI filter, per-output-channel requantization.
void Conv2D(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output);
// NHWC input, 1HWC filter (C = in_c * depth_multiplier).
void DepthwiseConv2D(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                     int8_t* output);
// Same results with wasm SIMD128 (conv_simd.cc); without __wasm_simd128__ they call the functions above.
// Conv2DSimd gathers each receptive field into `patch` (kConvSimdMaxPatch bytes, the caller's).
constexpr int32_t kConvSimdMaxPatch = 2048;
bool ConvSimdApplies(const ConvParams& p);       // SIMD build and KH * KW * Cin <= kConvSimdMaxPatch
bool DepthwiseSimdApplies(const ConvParams& p);  // SIMD build and depth multiplier 1
void Conv2DSimd(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* patch,
                int8_t* output);
void DepthwiseConv2DSimd(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                         int8_t* output);

struct PoolParams {
    int32_t batches = 0;
    int32_t in_h = 0, in_w = 0, channels = 0;
    int32_t out_h = 0, out_w = 0;
    int32_t filter_h = 1, filter_w = 1;
    int32_t stride_h = 1, stride_w = 1;
    int32_t pad_h = 0, pad_w = 0;
    int32_t act_min = -128;
    int32_t act_max = 127;
};
void MaxPool2D(const PoolParams& p, const int8_t* input, int8_t* output);
// Average over the window cells inside the image, rounded half away from zero.
void AveragePool2D(const PoolParams& p, const int8_t* input, int8_t* output);

enum class Padding : uint8_t { kSame = 0, kValid = 1 };
// TFLite output size and leading (top/left) padding. `filter_size` is the effective size: (filter - 1) * dilation + 1
// for a dilated convolution, as TFLM's ComputePaddingHeightWidth passes it.
int32_t ComputeOutSize(Padding padding, int32_t in_size, int32_t filter_size, int32_t stride);
int32_t ComputePadding(int32_t stride, int32_t in_size, int32_t filter_size, int32_t out_size);

}  // namespace ref
}  // namespace nn

#endif  // NN_REFERENCE_OPS_H
