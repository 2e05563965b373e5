// Twin of src/ml/kernels/ops/kernelUtil.ts.
#include "nn/kernel_util.h"

#include "nn/quant_util.h"

namespace nn {

Status MakeMultiplier(Context& ctx, double real, int32_t* multiplier, int32_t* shift, const char* what) {
    int s = 0;
    QuantizeMultiplier(real, multiplier, &s);
    if (s < -31 || s > 30)
        return ctx.Fail("%s multiplier %g out of range (shift %d)", what, real, s);
    *shift = s;
    return Status::kOk;
}

bool SameQuant(const Tensor* a, const Tensor* b) {
    return a->quant.scale == b->quant.scale && a->quant.zero_point == b->quant.zero_point;
}

// Weights: const int8, symmetric (zero point 0), per-tensor or per-channel along `axis` with `channels` scales.
Status CheckWeights(Context& ctx, const Tensor* w, int32_t axis, int32_t channels, const char* what) {
    if (w == nullptr || w->data == nullptr)
        return ctx.Fail("%s is missing", what);
    if (w->type != DType::kInt8)
        return ctx.Fail("%s must be int8, got %s", what, DTypeName(w->type));
    if (!w->is_const)
        return ctx.Fail("%s must be a const tensor", what);
    if (w->quant.zero_point != 0)
        return ctx.Fail("%s must be symmetric (zero point 0)", what);
    if (w->quant.per_channel()) {
        if (w->quant.axis != axis || w->quant.num_channels != channels) {
            return ctx.Fail("%s per-channel params must have %d scales along axis %d", what, static_cast<int>(channels),
                            static_cast<int>(axis));
        }
        for (int32_t c = 0; c < channels; ++c) {
            if (!(w->quant.channel_scales[c] > 0.0f))
                return ctx.Fail("%s scale %d is not positive", what, static_cast<int>(c));
        }
    } else if (!(w->quant.scale > 0.0f)) {
        return ctx.Fail("%s needs a positive scale", what);
    }
    return Status::kOk;
}

Status CheckBias(Context& ctx, const Tensor* b, int32_t channels) {
    if (b == nullptr)
        return Status::kOk;
    if (b->type != DType::kInt32 || !b->is_const || b->data == nullptr)
        return ctx.Fail("bias must be const int32");
    if (b->shape.FlatSize() != channels) {
        return ctx.Fail("bias has %d elements, expected %d", static_cast<int>(b->shape.FlatSize()),
                        static_cast<int>(channels));
    }
    return Status::kOk;
}

// Per-output-channel multipliers in_scale * w_scale[c] / out_scale, stored in persistent arena memory.
Status MakeChannelMultipliers(Context& ctx, const Tensor* input, const Tensor* weights, const Tensor* output,
                              int32_t channels, int32_t** multipliers, int32_t** shifts) {
    *multipliers = static_cast<int32_t*>(ctx.AllocatePersistent(channels * 4));
    *shifts = static_cast<int32_t*>(ctx.AllocatePersistent(channels * 4));
    if (*multipliers == nullptr || *shifts == nullptr)
        return Status::kError;
    for (int32_t c = 0; c < channels; ++c) {
        const double real = static_cast<double>(input->quant.scale) * static_cast<double>(weights->quant.ScaleAt(c)) /
                            static_cast<double>(output->quant.scale);
        if (MakeMultiplier(ctx, real, &(*multipliers)[c], &(*shifts)[c], "output") != Status::kOk)
            return Status::kError;
    }
    return Status::kOk;
}

Status CheckNhwc(Context& ctx, const Tensor* t, const char* what) {
    if (t->shape.rank != 4)
        return ctx.Fail("%s must be 4-D NHWC", what);
    return Status::kOk;
}

Status CheckStrides(Context& ctx, int32_t sh, int32_t sw) {
    if (sh < 1 || sw < 1)
        return ctx.Fail("strides must be >= 1");
    return Status::kOk;
}

// Output size, leading padding and the expected output H/W.
Status SpatialParams(Context& ctx, Padding padding, int32_t in_h, int32_t in_w, int32_t kh, int32_t kw, int32_t sh,
                     int32_t sw, int32_t dh, int32_t dw, const Tensor* out, int32_t* out_h, int32_t* out_w,
                     int32_t* pad_h, int32_t* pad_w) {
    if (sh < 1 || sw < 1)
        return ctx.Fail("strides must be >= 1");
    if (dh < 1 || dw < 1)
        return ctx.Fail("dilation must be >= 1");
    // The window a dilated filter spans (TFLM's effective filter size); dimensions are <= 32767, so no overflow.
    const int32_t eff_h = (kh - 1) * dh + 1;
    const int32_t eff_w = (kw - 1) * dw + 1;
    *out_h = ref::ComputeOutSize(padding, in_h, eff_h, sh);
    *out_w = ref::ComputeOutSize(padding, in_w, eff_w, sw);
    if (*out_h < 1 || *out_w < 1)
        return ctx.Fail("window larger than the input");
    if (out->shape.dims[1] != *out_h || out->shape.dims[2] != *out_w) {
        return ctx.Fail("output must be %dx%d spatially", static_cast<int>(*out_h), static_cast<int>(*out_w));
    }
    *pad_h = ref::ComputePadding(sh, in_h, eff_h, *out_h);
    *pad_w = ref::ComputePadding(sw, in_w, eff_w, *out_w);
    return Status::kOk;
}

}  // namespace nn
