// Twin of src/ml/kernels/ops/pooling.ts.
#include "nn/pooling.h"

#include "nn/kernel_util.h"
#include "nn/quant_util.h"

namespace nn {

Pool2D::Pool2D(Tensor* input, Tensor* output, Pool2DOptions options, bool average)
    : Op(input, nullptr, nullptr, output), options_(options), average_(average) {}

Status Pool2D::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk || CheckNhwc(ctx, in, "input") != Status::kOk) {
        return Status::kError;
    }
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk ||
        CheckNhwc(ctx, output_, "output") != Status::kOk) {
        return Status::kError;
    }
    if (!SameQuant(in, output_))
        return ctx.Fail("input and output must share scale and zero point");
    if (options_.filter_h < 1 || options_.filter_w < 1)
        return ctx.Fail("filter size must be >= 1");
    if (CheckStrides(ctx, options_.stride_h, options_.stride_w) != Status::kOk)
        return Status::kError;
    p_ = ref::PoolParams();
    p_.batches = in->shape.dims[0];
    p_.in_h = in->shape.dims[1];
    p_.in_w = in->shape.dims[2];
    p_.channels = in->shape.dims[3];
    if (output_->shape.dims[0] != p_.batches || output_->shape.dims[3] != p_.channels) {
        return ctx.Fail("output must be [%d, H, W, %d]", static_cast<int>(p_.batches), static_cast<int>(p_.channels));
    }
    p_.filter_h = options_.filter_h;
    p_.filter_w = options_.filter_w;
    p_.stride_h = options_.stride_h;
    p_.stride_w = options_.stride_w;
    if (SpatialParams(ctx, options_.padding, p_.in_h, p_.in_w, p_.filter_h, p_.filter_w, p_.stride_h, p_.stride_w, 1, 1,
                      output_, &p_.out_h, &p_.out_w, &p_.pad_h, &p_.pad_w) != Status::kOk) {
        return Status::kError;
    }
    ActivationRangeInt8(options_.activation, output_->quant.scale, output_->quant.zero_point, &p_.act_min, &p_.act_max);
    return Status::kOk;
}

void Pool2D::Eval() {
    if (average_) {
        ref::AveragePool2D(p_, inputs_[0]->i8(), output_->i8());
    } else {
        ref::MaxPool2D(p_, inputs_[0]->i8(), output_->i8());
    }
}

void Pool2D::Stats(OpStats* s) const { *s = OpStats(); }

}  // namespace nn
