// fully_connected.h — FullyConnected. Twin of src/ml/kernels/ops/fullyConnected.ts.
#ifndef NN_FULLY_CONNECTED_H
#define NN_FULLY_CONNECTED_H

#include <cstdint>

#include "op.h"
#include "quant_util.h"
#include "reference_ops.h"
#include "tensor.h"

namespace nn {

enum class FcKernel : uint8_t { kAuto = 0, kReference = 1, kSimd = 2 };

// y = act(x W^T + b). x: int8 [..., depth] (rows = batches), W: const int8 [units, depth] symmetric (per-tensor or
// per-channel along axis 0), b: const int32 [units] or nullptr, y: int8 [..., units].
class FullyConnected final : public Op {
public:
    FullyConnected(Tensor* input, Tensor* weights, Tensor* bias, Tensor* output, Activation act = Activation::kNone,
                   FcKernel kernel = FcKernel::kAuto);
    const char* Name() const override { return "FullyConnected"; }
    Status Prepare(Context& ctx) override;
    void Eval() override;
    void Stats(OpStats* s) const override;
    void set_kernel(FcKernel k) { kernel_ = k; }
    bool uses_simd() const { return use_simd_; }

private:
    Activation act_;
    FcKernel kernel_;
    bool use_simd_ = false;
    int32_t* row_sums_ = nullptr;
    ref::FullyConnectedParams p_;
};

}  // namespace nn

#endif  // NN_FULLY_CONNECTED_H
