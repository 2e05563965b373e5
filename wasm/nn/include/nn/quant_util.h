// quant_util.h — float <-> int8 conversions and multiplier preparation (TFLite Micro scheme).
// Twin: src/ml/quant/quantize.ts and src/ml/quant/fixedpoint.ts (quantizeMultiplier).
#ifndef NN_QUANT_UTIL_H
#define NN_QUANT_UTIL_H

#include <cstdint>

namespace nn {

enum class Activation : uint8_t { kNone = 0, kRelu = 1, kRelu6 = 2 };

// Represents a real multiplier m as quantized_multiplier * 2^(shift - 31), quantized_multiplier in [2^30, 2^31)
// (or negative for m < 0): frexp, round half away from zero, renormalise when rounding reaches 2^31, and flush to
// zero when shift < -31. Exactly TFLM's QuantizeMultiplier. m must be finite.
void QuantizeMultiplier(double m, int32_t* quantized_multiplier, int* shift);

// round(x) half away from zero, saturated to [-1e9, 1e9] so that the cast to int is defined (NaN -> 0).
int32_t RoundToInt(float x);
int32_t RoundToInt(double x);

// TFLM AffineQuantize: clamp(round(v / scale) + zero_point, qmin, qmax); the division is in float.
int32_t QuantizeValue(float v, float scale, int32_t zero_point, int32_t qmin, int32_t qmax);
inline int8_t QuantizeInt8(float v, float scale, int32_t zero_point) {
    return static_cast<int8_t>(QuantizeValue(v, scale, zero_point, -128, 127));
}
// Symmetric weight quantization: zero point 0, range [-127, 127].
inline int8_t QuantizeWeight(float w, float scale) {
    return static_cast<int8_t>(QuantizeValue(w, scale, 0, -127, 127));
}
// Bias: round(b / (input_scale * weight_scale)) with the scale product and the division in float, saturated to int32.
int32_t QuantizeBias(float b, float input_scale, float weight_scale);
// TFLM Dequantize: float(double(scale) * (q - zero_point)).
inline float DequantizeValue(int32_t q, float scale, int32_t zero_point) {
    return static_cast<float>(static_cast<double>(scale) * static_cast<double>(q - zero_point));
}

// Asymmetric int8 parameters for a float range (TFLite's ChooseQuantizationParams with the nudged zero point). The
// range is first widened to contain 0. A degenerate range [0, 0] gives scale 0, zero point 0... which no op accepts,
// so it returns scale 1 instead.
void ChooseQuantParams(float rmin, float rmax, float* scale, int32_t* zero_point);

// Clamp range of a fused activation in the quantized output domain (TFLM CalculateActivationRangeQuantized).
void ActivationRangeInt8(Activation act, float scale, int32_t zero_point, int32_t* act_min, int32_t* act_max);

}  // namespace nn

#endif  // NN_QUANT_UTIL_H
