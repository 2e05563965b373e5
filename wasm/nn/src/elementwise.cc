// Twin of src/ml/kernels/ops/elementwise.ts.
#include "nn/elementwise.h"

#include "nn/kernel_util.h"

namespace nn {

// ---- Add / Sub --------------------------------------------------------------------------------------------------

AddSub::AddSub(Tensor* a, Tensor* b, Tensor* output, Activation act, bool subtract)
    : Op(a, b, nullptr, output), act_(act) {
    p_.subtract = subtract;
}

Status AddSub::Prepare(Context& ctx) {
    const Tensor* a = inputs_[0];
    const Tensor* b = inputs_[1];
    if (CheckInt8Activation(ctx, a, "input1") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, b, "input2") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk)
        return Status::kError;
    const bool subtract = p_.subtract;
    p_ = ref::AddSubParams();
    p_.subtract = subtract;
    if (!ref::MakeBroadcast4D(a->shape.dims, a->shape.rank, b->shape.dims, b->shape.rank, &p_.bc)) {
        return ctx.Fail("input shapes cannot be broadcast");
    }
    int32_t n = 1;
    for (int i = 0; i < 4; ++i)
        n *= p_.bc.out_dims[i];
    if (output_->shape.FlatSize() != n)
        return ctx.Fail("output must hold %d values", static_cast<int>(n));
    p_.input1_offset = -a->quant.zero_point;
    p_.input2_offset = -b->quant.zero_point;
    p_.output_offset = output_->quant.zero_point;
    p_.left_shift = 20;
    const float max_scale = a->quant.scale > b->quant.scale ? a->quant.scale : b->quant.scale;
    const double twice_max_input_scale = 2.0 * static_cast<double>(max_scale);
    const double real1 = static_cast<double>(a->quant.scale) / twice_max_input_scale;
    const double real2 = static_cast<double>(b->quant.scale) / twice_max_input_scale;
    const double real_out =
        twice_max_input_scale / (static_cast<double>(1 << p_.left_shift) * static_cast<double>(output_->quant.scale));
    if (MakeMultiplier(ctx, real1, &p_.input1_multiplier, &p_.input1_shift, "input1") != Status::kOk ||
        MakeMultiplier(ctx, real2, &p_.input2_multiplier, &p_.input2_shift, "input2") != Status::kOk ||
        MakeMultiplier(ctx, real_out, &p_.output_multiplier, &p_.output_shift, "output") != Status::kOk) {
        return Status::kError;
    }
    ActivationRangeInt8(act_, output_->quant.scale, output_->quant.zero_point, &p_.act_min, &p_.act_max);
    return Status::kOk;
}

void AddSub::Eval() { ref::AddSub(p_, inputs_[0]->i8(), inputs_[1]->i8(), output_->i8()); }

void AddSub::Stats(OpStats* s) const {
    *s = OpStats();
    s->multiplier_bytes = 3 * 8;
}

// ---- Minimum / Maximum ----------------------------------------------------------------------------------------

MinMax::MinMax(Tensor* a, Tensor* b, Tensor* output, bool is_max) : Op(a, b, nullptr, output), is_max_(is_max) {}

Status MinMax::Prepare(Context& ctx) {
    const Tensor* a = inputs_[0];
    const Tensor* b = inputs_[1];
    if (CheckInt8Activation(ctx, a, "input1") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, b, "input2") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk)
        return Status::kError;
    if (!SameQuant(a, output_) || !SameQuant(b, output_)) {
        return ctx.Fail("inputs and output must share scale and zero point");
    }
    if (!ref::MakeBroadcast4D(a->shape.dims, a->shape.rank, b->shape.dims, b->shape.rank, &bc_)) {
        return ctx.Fail("input shapes cannot be broadcast");
    }
    int32_t n = 1;
    for (int i = 0; i < 4; ++i)
        n *= bc_.out_dims[i];
    if (output_->shape.FlatSize() != n)
        return ctx.Fail("output must hold %d values", static_cast<int>(n));
    return Status::kOk;
}

void MinMax::Eval() { ref::MinMax(is_max_, bc_, inputs_[0]->i8(), inputs_[1]->i8(), output_->i8()); }

}  // namespace nn
