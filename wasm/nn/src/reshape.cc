// Twin of src/ml/kernels/ops/reshape.ts.
#include "nn/reshape.h"

#include <cstring>

#include "nn/kernel_util.h"

namespace nn {

// ---- Reshape ----------------------------------------------------------------------------------------------------

Reshape::Reshape(Tensor* input, Tensor* output) : Op(input, nullptr, nullptr, output) {}

Status Reshape::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    if (in == nullptr || output_ == nullptr)
        return ctx.Fail("input and output are required");
    if (in->type != output_->type)
        return ctx.Fail("input and output types differ");
    if (in->shape.FlatSize() != output_->shape.FlatSize())
        return ctx.Fail("element counts differ");
    if (!SameQuant(in, output_))
        return ctx.Fail("input and output must share scale and zero point");
    return Status::kOk;
}

void Reshape::Eval() {
    if (output_->data != inputs_[0]->data) {
        std::memmove(output_->data, inputs_[0]->data, static_cast<size_t>(output_->Bytes()));
    }
}

}  // namespace nn
