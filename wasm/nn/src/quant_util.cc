#include "nn/quant_util.h"

#include <cmath>

namespace nn {

void QuantizeMultiplier(double m, int32_t* quantized_multiplier, int* shift) {
    if (m == 0.0 || !std::isfinite(m)) {
        *quantized_multiplier = 0;
        *shift = 0;
        return;
    }
    int exponent = 0;
    const double q = std::frexp(m, &exponent);
    int64_t q_fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
    if (q_fixed == (int64_t{1} << 31)) {
        q_fixed /= 2;
        ++exponent;
    }
    if (exponent < -31) {
        exponent = 0;
        q_fixed = 0;
    }
    *quantized_multiplier = static_cast<int32_t>(q_fixed);
    *shift = exponent;
}

int32_t RoundToInt(double x) {
    if (!(x == x))
        return 0;
    double r = std::round(x);
    if (r > 1e9)
        r = 1e9;
    if (r < -1e9)
        r = -1e9;
    return static_cast<int32_t>(r);
}

int32_t RoundToInt(float x) { return RoundToInt(static_cast<double>(std::round(x))); }

int32_t QuantizeValue(float v, float scale, int32_t zero_point, int32_t qmin, int32_t qmax) {
    const float scaled = v / scale;
    int32_t q = RoundToInt(scaled) + zero_point;
    if (q < qmin)
        q = qmin;
    if (q > qmax)
        q = qmax;
    return q;
}

int32_t QuantizeBias(float b, float input_scale, float weight_scale) {
    const float bias_scale = input_scale * weight_scale;
    const float r = std::round(b / bias_scale);
    if (!(r == r))
        return 0;
    if (r >= 2147483648.0f)
        return 2147483647;
    if (r <= -2147483648.0f)
        return -2147483647 - 1;
    return static_cast<int32_t>(r);
}

void ChooseQuantParams(float rmin_f, float rmax_f, float* scale, int32_t* zero_point) {
    double rmin = rmin_f < 0.f ? static_cast<double>(rmin_f) : 0.0;
    double rmax = rmax_f > 0.f ? static_cast<double>(rmax_f) : 0.0;
    if (rmin == rmax) {
        *scale = 1.0f;
        *zero_point = 0;
        return;
    }
    const double qmin = -128.0;
    const double qmax = 127.0;
    const double s = (rmax - rmin) / (qmax - qmin);
    const double zp_from_min = qmin - rmin / s;
    const double zp_from_max = qmax - rmax / s;
    const double zp_from_min_error = std::fabs(qmin) + std::fabs(rmin / s);
    const double zp_from_max_error = std::fabs(qmax) + std::fabs(rmax / s);
    const double zp = zp_from_min_error < zp_from_max_error ? zp_from_min : zp_from_max;
    int32_t nudged;
    if (zp < qmin) {
        nudged = -128;
    } else if (zp > qmax) {
        nudged = 127;
    } else {
        nudged = static_cast<int32_t>(std::round(zp));
    }
    *scale = static_cast<float>(s);
    *zero_point = nudged;
}

void ActivationRangeInt8(Activation act, float scale, int32_t zero_point, int32_t* act_min, int32_t* act_max) {
    int32_t lo = -128;
    int32_t hi = 127;
    if (act == Activation::kRelu || act == Activation::kRelu6) {
        const int32_t q0 = zero_point + RoundToInt(0.0f / scale);
        if (q0 > lo)
            lo = q0;
    }
    if (act == Activation::kRelu6) {
        const int32_t q6 = zero_point + RoundToInt(6.0f / scale);
        if (q6 < hi)
            hi = q6;
    }
    *act_min = lo;
    *act_max = hi;
}

}  // namespace nn
