// reshape.h — Reshape. Twin of src/ml/kernels/ops/reshape.ts.
#ifndef NN_RESHAPE_H
#define NN_RESHAPE_H

#include "op.h"
#include "tensor.h"

namespace nn {

// Same data, new shape (same element count, type and quantization).
class Reshape final : public Op {
public:
    Reshape(Tensor* input, Tensor* output);
    const char* Name() const override { return "Reshape"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
};

}  // namespace nn

#endif  // NN_RESHAPE_H
