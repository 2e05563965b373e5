// Twin of src/ml/kernels/ops/activations.ts.
#include "nn/activations.h"

#include <cmath>

#include "nn/kernel_util.h"
#include "nn/quant_util.h"

namespace nn {

// ---- Relu / Relu6 -----------------------------------------------------------------------------------------------

ReluBase::ReluBase(Tensor* input, Tensor* output, bool relu6) : Op(input, nullptr, nullptr, output), relu6_(relu6) {}

Status ReluBase::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk)
        return Status::kError;
    if (in->shape.FlatSize() != output_->shape.FlatSize())
        return ctx.Fail("input and output sizes differ");
    p_ = ref::ReluParams();
    p_.input_zero_point = in->quant.zero_point;
    p_.output_zero_point = output_->quant.zero_point;
    const double real = static_cast<double>(in->quant.scale) / static_cast<double>(output_->quant.scale);
    if (MakeMultiplier(ctx, real, &p_.multiplier, &p_.shift, "output") != Status::kOk)
        return Status::kError;
    ActivationRangeInt8(relu6_ ? Activation::kRelu6 : Activation::kRelu, output_->quant.scale,
                        output_->quant.zero_point, &p_.act_min, &p_.act_max);
    return Status::kOk;
}

void ReluBase::Eval() { ref::Relu(p_, output_->shape.FlatSize(), inputs_[0]->i8(), output_->i8()); }

void ReluBase::Stats(OpStats* s) const {
    *s = OpStats();
    s->multiplier_bytes = 8;
}

// ---- Softmax ----------------------------------------------------------------------------------------------------

Softmax::Softmax(Tensor* input, Tensor* output, float beta) : Op(input, nullptr, nullptr, output), beta_(beta) {}

Status Softmax::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk)
        return Status::kError;
    if (output_->quant.scale != 1.0f / 256.0f || output_->quant.zero_point != -128) {
        return ctx.Fail("output must have scale 1/256 and zero point -128");
    }
    if (in->shape != output_->shape)
        return ctx.Fail("input and output shapes differ");
    if (in->shape.rank < 1)
        return ctx.Fail("input needs at least one dimension");
    p_ = ref::SoftmaxParams();
    p_.depth = in->shape.dims[in->shape.rank - 1];
    if (p_.depth < 1 || p_.depth > 4095)
        return ctx.Fail("last dimension %d outside [1, 4095]", static_cast<int>(p_.depth));
    p_.outer = in->shape.FlatSize() / p_.depth;
    // Input differences are rescaled to Q5.26 (5 integer bits).
    constexpr int kScaledDiffIntegerBits = 5;
    const double max_real = static_cast<double>((int64_t{1} << 31) - 1);
    double real = static_cast<double>(beta_) * static_cast<double>(in->quant.scale) *
                  static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits));
    if (real > max_real)
        real = max_real;
    int shift = 0;
    QuantizeMultiplier(real, &p_.input_multiplier, &shift);
    if (!(real > 1.0) || shift < 0 || shift > 31)
        return ctx.Fail("beta * input scale %g is too small", real);
    p_.input_left_shift = shift;
    const double max_input_rescaled = 1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
                                      static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
                                      static_cast<double>(int64_t{1} << shift);
    p_.diff_min = -static_cast<int32_t>(std::floor(max_input_rescaled));
    return Status::kOk;
}

void Softmax::Eval() { ref::Softmax(p_, inputs_[0]->i8(), output_->i8()); }

void Softmax::Stats(OpStats* s) const {
    *s = OpStats();
    s->multiplier_bytes = 8;
}

}  // namespace nn
