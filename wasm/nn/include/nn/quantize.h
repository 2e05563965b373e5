// quantize.h — Quantize and Dequantize. Twin of src/ml/kernels/ops/quantize.ts.
#ifndef NN_QUANTIZE_H
#define NN_QUANTIZE_H

#include "op.h"
#include "reference_ops.h"
#include "tensor.h"

namespace nn {

// float32 -> int8 (AffineQuantize with the output's params) or int8 -> int8 (requantize).
class Quantize final : public Op {
public:
    Quantize(Tensor* input, Tensor* output);
    const char* Name() const override { return "Quantize"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

private:
    ref::RequantizeParams p_;
};

// int8 -> float32.
class Dequantize final : public Op {
public:
    Dequantize(Tensor* input, Tensor* output);
    const char* Name() const override { return "Dequantize"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
};

}  // namespace nn

#endif  // NN_QUANTIZE_H
