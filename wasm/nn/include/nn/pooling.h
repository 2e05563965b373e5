// pooling.h — MaxPool2D and AveragePool2D. Twin of src/ml/kernels/ops/pooling.ts.
#ifndef NN_POOLING_H
#define NN_POOLING_H

#include <cstdint>

#include "op.h"
#include "quant_util.h"
#include "reference_ops.h"
#include "tensor.h"

namespace nn {

struct Pool2DOptions {
    int32_t filter_h = 2;
    int32_t filter_w = 2;
    int32_t stride_h = 2;
    int32_t stride_w = 2;
    Padding padding = Padding::kValid;
    Activation activation = Activation::kNone;
};

// MaxPool2D / AveragePool2D over NHWC int8; input and output share scale and zero point.
class Pool2D : public Op {
public:
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

protected:
    Pool2D(Tensor* input, Tensor* output, Pool2DOptions options, bool average);
    ~Pool2D() = default;

private:
    Pool2DOptions options_;
    bool average_;
    ref::PoolParams p_;
};

class MaxPool2D final : public Pool2D {
public:
    MaxPool2D(Tensor* input, Tensor* output, Pool2DOptions options) : Pool2D(input, output, options, false) {}
    const char* Name() const override { return "MaxPool2D"; }
};

class AveragePool2D final : public Pool2D {
public:
    AveragePool2D(Tensor* input, Tensor* output, Pool2DOptions options) : Pool2D(input, output, options, true) {}
    const char* Name() const override { return "AveragePool2D"; }
};

}  // namespace nn

#endif  // NN_POOLING_H
