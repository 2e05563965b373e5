// elementwise.h — broadcasting binary ops: Add, Sub, Minimum, Maximum. Twin of src/ml/kernels/ops/elementwise.ts.
#ifndef NN_ELEMENTWISE_H
#define NN_ELEMENTWISE_H

#include "op.h"
#include "quant_util.h"
#include "reference_ops.h"
#include "tensor.h"

namespace nn {

// Elementwise a + b (Add) or a - b (Sub) with NumPy broadcasting (rank <= 4), int8 with TFLM's rescale: both
// inputs are shifted left by 20 bits, scaled to twice the larger input scale, combined, and requantized.
class AddSub : public Op {
public:
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;

protected:
    AddSub(Tensor* a, Tensor* b, Tensor* output, Activation act, bool subtract);
    ~AddSub() = default;

private:
    Activation act_;
    ref::AddSubParams p_;
};

class Add final : public AddSub {
public:
    Add(Tensor* a, Tensor* b, Tensor* output, Activation act = Activation::kNone) : AddSub(a, b, output, act, false) {}
    const char* Name() const override { return "Add"; }
};

class Sub final : public AddSub {
public:
    Sub(Tensor* a, Tensor* b, Tensor* output, Activation act = Activation::kNone) : AddSub(a, b, output, act, true) {}
    const char* Name() const override { return "Sub"; }
};

// Elementwise minimum / maximum with broadcasting; a, b and output must share scale and zero point.
class MinMax : public Op {
public:
    Status Prepare(Context& ctx) override;
    void Eval() override;

protected:
    MinMax(Tensor* a, Tensor* b, Tensor* output, bool is_max);
    ~MinMax() = default;

private:
    bool is_max_;
    ref::Broadcast4D bc_;
};

class Minimum final : public MinMax {
public:
    Minimum(Tensor* a, Tensor* b, Tensor* output) : MinMax(a, b, output, false) {}
    const char* Name() const override { return "Minimum"; }
};

class Maximum final : public MinMax {
public:
    Maximum(Tensor* a, Tensor* b, Tensor* output) : MinMax(a, b, output, true) {}
    const char* Name() const override { return "Maximum"; }
};

}  // namespace nn

#endif  // NN_ELEMENTWISE_H
