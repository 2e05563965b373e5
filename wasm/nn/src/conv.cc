// Twin of src/ml/kernels/ops/conv.ts.
#include "nn/conv.h"

#include "nn/kernel_util.h"
#include "nn/quant_util.h"

namespace nn {

namespace {

// The end of Prepare shared by Conv2D and DepthwiseConv2D, once the input, filter and output channels are known:
// output shape, strides and padding, zero-point offsets, per-channel multipliers, activation range.
template <typename Options>
Status PrepareConvOutput(Context& ctx, const Tensor* in, const Tensor* f, const Tensor* output, const Options& options,
                         ref::ConvParams* p) {
    if (output->shape.dims[0] != p->batches || output->shape.dims[3] != p->out_c) {
        return ctx.Fail("output must be [%d, H, W, %d]", static_cast<int>(p->batches), static_cast<int>(p->out_c));
    }
    p->stride_h = options.stride_h;
    p->stride_w = options.stride_w;
    p->dilation_h = options.dilation_h;
    p->dilation_w = options.dilation_w;
    if (SpatialParams(ctx, options.padding, p->in_h, p->in_w, p->filter_h, p->filter_w, p->stride_h, p->stride_w,
                      p->dilation_h, p->dilation_w, output, &p->out_h, &p->out_w, &p->pad_h,
                      &p->pad_w) != Status::kOk) {
        return Status::kError;
    }
    p->input_offset = -in->quant.zero_point;
    p->output_offset = output->quant.zero_point;
    int32_t* multipliers = nullptr;
    int32_t* shifts = nullptr;
    if (MakeChannelMultipliers(ctx, in, f, output, p->out_c, &multipliers, &shifts) != Status::kOk) {
        return Status::kError;
    }
    p->output_multiplier = multipliers;
    p->output_shift = shifts;
    ActivationRangeInt8(options.activation, output->quant.scale, output->quant.zero_point, &p->act_min, &p->act_max);
    return Status::kOk;
}

// Figures of either convolution; `macs_per_tap` is the input channels each output value sums per filter tap.
void ConvStats(const ref::ConvParams& p, const Tensor* filter, const Tensor* bias, int32_t macs_per_tap, OpStats* s) {
    *s = OpStats();
    s->macs = static_cast<int64_t>(p.batches) * p.out_h * p.out_w * p.out_c * p.filter_h * p.filter_w * macs_per_tap;
    s->weight_bytes = filter->Bytes();
    s->bias_bytes = bias != nullptr ? bias->Bytes() : 0;
    s->scale_bytes = filter->quant.StoredBytes();
    s->multiplier_bytes = p.out_c * 8;
}

}  // namespace

Conv2D::Conv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output, Conv2DOptions options)
    : Op(input, filter, bias, output), options_(options) {}

Status Conv2D::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    const Tensor* f = inputs_[1];
    const Tensor* bias = inputs_[2];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk || CheckNhwc(ctx, in, "input") != Status::kOk) {
        return Status::kError;
    }
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk ||
        CheckNhwc(ctx, output_, "output") != Status::kOk) {
        return Status::kError;
    }
    if (f == nullptr || f->shape.rank != 4)
        return ctx.Fail("filter must be [Cout, KH, KW, Cin]");
    p_ = ref::ConvParams();
    p_.out_c = f->shape.dims[0];
    p_.filter_h = f->shape.dims[1];
    p_.filter_w = f->shape.dims[2];
    if (CheckWeights(ctx, f, 0, p_.out_c, "filter") != Status::kOk)
        return Status::kError;
    if (CheckBias(ctx, bias, p_.out_c) != Status::kOk)
        return Status::kError;
    if (CheckStrides(ctx, options_.stride_h, options_.stride_w) != Status::kOk)
        return Status::kError;
    p_.batches = in->shape.dims[0];
    p_.in_h = in->shape.dims[1];
    p_.in_w = in->shape.dims[2];
    p_.in_c = in->shape.dims[3];
    if (f->shape.dims[3] != p_.in_c)
        return ctx.Fail("filter depth %d != input channels %d", static_cast<int>(f->shape.dims[3]),
                        static_cast<int>(p_.in_c));
    return PrepareConvOutput(ctx, in, f, output_, options_, &p_);
}

void Conv2D::Eval() {
    const int32_t* bias = inputs_[2] != nullptr ? inputs_[2]->i32() : nullptr;
    if (ref::ConvSimdApplies(p_)) {
        // The receptive-field patch lives on the stack, so the arena figures are those of the reference kernel.
        alignas(16) int8_t patch[ref::kConvSimdMaxPatch];
        ref::Conv2DSimd(p_, inputs_[0]->i8(), inputs_[1]->i8(), bias, patch, output_->i8());
    } else {
        ref::Conv2D(p_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
    }
}

void Conv2D::Stats(OpStats* s) const {
    ConvStats(p_, inputs_[1], inputs_[2], p_.in_c, s);
    s->kernel = ref::ConvSimdApplies(p_) ? "simd" : "reference";
}

DepthwiseConv2D::DepthwiseConv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output,
                                 DepthwiseConv2DOptions options)
    : Op(input, filter, bias, output), options_(options) {}

Status DepthwiseConv2D::Prepare(Context& ctx) {
    const Tensor* in = inputs_[0];
    const Tensor* f = inputs_[1];
    const Tensor* bias = inputs_[2];
    if (CheckInt8Activation(ctx, in, "input") != Status::kOk || CheckNhwc(ctx, in, "input") != Status::kOk) {
        return Status::kError;
    }
    if (CheckInt8Activation(ctx, output_, "output") != Status::kOk ||
        CheckNhwc(ctx, output_, "output") != Status::kOk) {
        return Status::kError;
    }
    if (f == nullptr || f->shape.rank != 4 || f->shape.dims[0] != 1)
        return ctx.Fail("filter must be [1, KH, KW, C*M]");
    if (options_.depth_multiplier < 1)
        return ctx.Fail("depth multiplier must be >= 1");
    p_ = ref::ConvParams();
    p_.batches = in->shape.dims[0];
    p_.in_h = in->shape.dims[1];
    p_.in_w = in->shape.dims[2];
    p_.in_c = in->shape.dims[3];
    p_.depth_multiplier = options_.depth_multiplier;
    p_.out_c = p_.in_c * p_.depth_multiplier;
    p_.filter_h = f->shape.dims[1];
    p_.filter_w = f->shape.dims[2];
    if (f->shape.dims[3] != p_.out_c)
        return ctx.Fail("filter channels %d != input channels x depth multiplier %d",
                        static_cast<int>(f->shape.dims[3]), static_cast<int>(p_.out_c));
    if (CheckWeights(ctx, f, 3, p_.out_c, "filter") != Status::kOk)
        return Status::kError;
    if (CheckBias(ctx, bias, p_.out_c) != Status::kOk)
        return Status::kError;
    if (CheckStrides(ctx, options_.stride_h, options_.stride_w) != Status::kOk)
        return Status::kError;
    return PrepareConvOutput(ctx, in, f, output_, options_, &p_);
}

void DepthwiseConv2D::Eval() {
    const int32_t* bias = inputs_[2] != nullptr ? inputs_[2]->i32() : nullptr;
    if (ref::DepthwiseSimdApplies(p_)) {
        ref::DepthwiseConv2DSimd(p_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
    } else {
        ref::DepthwiseConv2D(p_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
    }
}

void DepthwiseConv2D::Stats(OpStats* s) const {
    ConvStats(p_, inputs_[1], inputs_[2], 1, s);
    s->kernel = ref::DepthwiseSimdApplies(p_) ? "simd" : "reference";
}

}  // namespace nn
