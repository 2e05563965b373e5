// Twin of src/ml/kernels/ops/quantize.ts.
#include "nn/quantize.h"

#include "nn/kernel_util.h"

namespace nn {

// ---- Quantize / Dequantize --------------------------------------------------------------------------------------

Quantize::Quantize(Tensor* input, Tensor* output) : Op(input, nullptr, nullptr, output) {}

Status Quantize::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    if (in == nullptr)
        return ctx.Fail("input is missing");
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk)
        return Status::kError;
    if (in->shape.FlatSize() != output_->shape.FlatSize())
        return ctx.Fail("input and output sizes differ");
    p_ = ref::RequantizeParams();
    if (in->type == DType::kFloat32)
        return Status::kOk;
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk)
        return Status::kError;
    p_.input_zero_point = in->quant.zero_point;
    p_.output_zero_point = output_->quant.zero_point;
    const double real = static_cast<double>(in->quant.scale) / static_cast<double>(output_->quant.scale);
    return MakeMultiplier(ctx, real, &p_.multiplier, &p_.shift, "requantize");
}

void Quantize::Eval() {
    const int32_t n = output_->shape.FlatSize();
    if (inputs_[0]->type == DType::kFloat32) {
        ref::QuantizeFloat(output_->quant.scale, output_->quant.zero_point, n, inputs_[0]->f32(), output_->i8());
    } else {
        ref::Requantize(p_, n, inputs_[0]->i8(), output_->i8());
    }
}

void Quantize::Stats(OpStats* s) const {
    *s = OpStats();
    s->multiplier_bytes = inputs_[0]->type == DType::kInt8 ? 8 : 0;
}

Dequantize::Dequantize(Tensor* input, Tensor* output) : Op(input, nullptr, nullptr, output) {}

Status Dequantize::Prepare(Context& ctx) {
    if (CheckInt8Activation(ctx, inputs_[0], "input") != Status::kOk)
        return Status::kError;
    if (output_ == nullptr || output_->type != DType::kFloat32)
        return ctx.Fail("output must be float32");
    if (inputs_[0]->shape.FlatSize() != output_->shape.FlatSize())
        return ctx.Fail("input and output sizes differ");
    return Status::kOk;
}

void Dequantize::Eval() {
    ref::Dequantize(inputs_[0]->quant.scale, inputs_[0]->quant.zero_point, output_->shape.FlatSize(), inputs_[0]->i8(),
                    output_->f32());
}

}  // namespace nn
