// arg_max.h — ArgMax. Twin of src/ml/kernels/ops/argMax.ts.
#ifndef NN_ARG_MAX_H
#define NN_ARG_MAX_H

#include <cstdint>

#include "op.h"
#include "tensor.h"

namespace nn {

// int32 index of the first maximum along `axis` (negative counts from the end); output drops that dimension.
class ArgMax final : public Op {
public:
    ArgMax(Tensor* input, Tensor* output, int32_t axis = -1);
    const char* Name() const override { return "ArgMax"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;

private:
    int32_t axis_;
    int32_t outer_ = 0, axis_size_ = 0, inner_ = 0;
};

}  // namespace nn

#endif  // NN_ARG_MAX_H
