// Twin of src/ml/kernels/ops/argMax.ts.
#include "nn/arg_max.h"

namespace nn {

// ---- ArgMax -----------------------------------------------------------------------------------------------------

ArgMax::ArgMax(Tensor* input, Tensor* output, int32_t axis) : Op(input, nullptr, nullptr, output), axis_(axis) {}

Status ArgMax::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk)
        return Status::kError;
    if (output_ == nullptr || output_->type != DType::kInt32)
        return ctx.Fail("output must be int32");
    const int32_t rank = in->shape.rank;
    const int32_t axis = axis_ < 0 ? axis_ + rank : axis_;
    if (rank < 1 || axis < 0 || axis >= rank)
        return ctx.Fail("axis %d out of range", static_cast<int>(axis_));
    outer_ = 1;
    inner_ = 1;
    for (int32_t i = 0; i < axis; ++i)
        outer_ *= in->shape.dims[i];
    for (int32_t i = axis + 1; i < rank; ++i)
        inner_ *= in->shape.dims[i];
    axis_size_ = in->shape.dims[axis];
    if (axis_size_ < 1)
        return ctx.Fail("empty axis");
    if (output_->shape.FlatSize() != outer_ * inner_) {
        return ctx.Fail("output must hold %d values", static_cast<int>(outer_ * inner_));
    }
    return Status::kOk;
}

void ArgMax::Eval() { ref::ArgMax(outer_, axis_size_, inner_, inputs_[0]->i8(), output_->i32()); }

}  // namespace nn
