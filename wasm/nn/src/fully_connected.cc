// Twin of src/ml/kernels/ops/fullyConnected.ts.
#include "nn/fully_connected.h"

#include "nn/kernel_util.h"

namespace nn {

FullyConnected::FullyConnected(Tensor* input, Tensor* weights, Tensor* bias, Tensor* output, Activation act,
                               FcKernel kernel)
    : Op(input, weights, bias, output), act_(act), kernel_(kernel) {}

Status FullyConnected::Prepare(Context& ctx) {
    Tensor* in = inputs_[0];
    Tensor* w = inputs_[1];
    Tensor* bias = inputs_[2];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk)
        return Status::kError;
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk)
        return Status::kError;
    if (w == nullptr || w->shape.rank != 2)
        return ctx.Fail("weights must be [units, depth]");
    const int32_t units = w->shape.dims[0];
    const int32_t depth = w->shape.dims[1];
    if (CheckWeights(ctx, w, 0, units, "weights") != Status::kOk)
        return Status::kError;
    if (CheckBias(ctx, bias, units) != Status::kOk)
        return Status::kError;
    if (in->shape.rank < 1 || in->shape.dims[in->shape.rank - 1] != depth) {
        return ctx.Fail("input last dimension must be %d (weights depth)", static_cast<int>(depth));
    }
    const int32_t batches = in->shape.FlatSize() / depth;
    if (output_->shape.rank < 1 || output_->shape.dims[output_->shape.rank - 1] != units ||
        output_->shape.FlatSize() != batches * units) {
        return ctx.Fail("output must hold %d x %d values", static_cast<int>(batches), static_cast<int>(units));
    }
    p_ = ref::FullyConnectedParams();
    p_.input_offset = -in->quant.zero_point;
    p_.output_offset = output_->quant.zero_point;
    p_.per_channel = w->quant.per_channel();
    p_.batches = batches;
    p_.accum_depth = depth;
    p_.output_depth = units;
    const int32_t channels = p_.per_channel ? units : 1;
    int32_t* multipliers = nullptr;
    int32_t* shifts = nullptr;
    if (MakeChannelMultipliers(ctx, in, w, output_, channels, &multipliers, &shifts) != Status::kOk) {
        return Status::kError;
    }
    p_.output_multiplier = multipliers;
    p_.output_shift = shifts;
    ActivationRangeInt8(act_, output_->quant.scale, output_->quant.zero_point, &p_.act_min, &p_.act_max);

    use_simd_ = ref::SimdAvailable() && kernel_ != FcKernel::kReference;
    row_sums_ = nullptr;
    if (use_simd_) {
        row_sums_ = static_cast<int32_t*>(ctx.AllocatePersistent(units * 4));
        if (row_sums_ == nullptr)
            return Status::kError;
        ref::WeightRowSums(w->i8(), units, depth, row_sums_);
    }
    return Status::kOk;
}

void FullyConnected::Eval() {
    const int32_t* bias = inputs_[2] != nullptr ? inputs_[2]->i32() : nullptr;
    if (use_simd_) {
        ref::FullyConnectedSimd(p_, row_sums_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
    } else {
        ref::FullyConnected(p_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
    }
}

void FullyConnected::Stats(OpStats* s) const {
    *s = OpStats();
    s->kernel = use_simd_ ? "simd" : "reference";
    s->macs = static_cast<int64_t>(p_.batches) * p_.output_depth * p_.accum_depth;
    s->weight_bytes = inputs_[1]->Bytes();
    s->bias_bytes = inputs_[2] != nullptr ? inputs_[2]->Bytes() : 0;
    s->scale_bytes = inputs_[1]->quant.StoredBytes();
    s->multiplier_bytes = (p_.per_channel ? p_.output_depth : 1) * 8;
}

}  // namespace nn
