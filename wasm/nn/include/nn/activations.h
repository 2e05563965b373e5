// activations.h — Relu, Relu6 and Softmax. Twin of src/ml/kernels/ops/activations.ts.
#ifndef NN_ACTIVATIONS_H
#define NN_ACTIVATIONS_H

#include "op.h"
#include "reference_ops.h"
#include "tensor.h"

namespace nn {

// max(x, 0) (Relu) or min(max(x, 0), 6) (Relu6), requantized from the input's to the output's parameters
// (TFLite's QuantizedReluX; with equal parameters the requantization is the identity).
class ReluBase : public Op {
public:
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

protected:
    ReluBase(Tensor* input, Tensor* output, bool relu6);
    ~ReluBase() = default;

private:
    bool relu6_;
    ref::ReluParams p_;
};

class Relu final : public ReluBase {
public:
    Relu(Tensor* input, Tensor* output) : ReluBase(input, output, false) {}
    const char* Name() const override { return "Relu"; }
};

class Relu6 final : public ReluBase {
public:
    Relu6(Tensor* input, Tensor* output) : ReluBase(input, output, true) {}
    const char* Name() const override { return "Relu6"; }
};

// Softmax over the last dimension; int8 output must have scale 1/256 and zero point -128.
class Softmax final : public Op {
public:
    Softmax(Tensor* input, Tensor* output, float beta = 1.0f);
    const char* Name() const override { return "Softmax"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

private:
    float beta_;
    ref::SoftmaxParams p_;
};

}  // namespace nn

#endif  // NN_ACTIVATIONS_H
