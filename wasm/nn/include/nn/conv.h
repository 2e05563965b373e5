// conv.h — Conv2D and DepthwiseConv2D. Twin of src/ml/kernels/ops/conv.ts.
#ifndef NN_CONV_H
#define NN_CONV_H

#include <cstdint>

#include "op.h"
#include "quant_util.h"
#include "reference_ops.h"
#include "tensor.h"

namespace nn {

struct Conv2DOptions {
    int32_t stride_h = 1;
    int32_t stride_w = 1;
    int32_t dilation_h = 1;  // TFLite dilation_h_factor; 1 = a dense filter
    int32_t dilation_w = 1;
    Padding padding = Padding::kValid;
    Activation activation = Activation::kNone;
};

// NHWC input [N,H,W,Cin], filter [Cout,KH,KW,Cin] symmetric per-channel (axis 0) or per-tensor, bias [Cout].
class Conv2D final : public Op {
public:
    Conv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output, Conv2DOptions options);
    const char* Name() const override { return "Conv2D"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

private:
    Conv2DOptions options_;
    ref::ConvParams p_;
};

struct DepthwiseConv2DOptions {
    int32_t stride_h = 1;
    int32_t stride_w = 1;
    int32_t dilation_h = 1;  // TFLite dilation_h_factor; 1 = a dense filter
    int32_t dilation_w = 1;
    Padding padding = Padding::kValid;
    int32_t depth_multiplier = 1;
    Activation activation = Activation::kNone;
};

// NHWC input [N,H,W,C], filter [1,KH,KW,C*M] symmetric per-channel (axis 3) or per-tensor, bias [C*M].
class DepthwiseConv2D final : public Op {
public:
    DepthwiseConv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output, DepthwiseConv2DOptions options);
    const char* Name() const override { return "DepthwiseConv2D"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

private:
    DepthwiseConv2DOptions options_;
    ref::ConvParams p_;
};

}  // namespace nn

#endif  // NN_CONV_H
