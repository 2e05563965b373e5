// op.h — the operator base: Op, the prepare-time Context (persistent allocations, errors) and OpStats.
// Twin of src/ml/kernels/ops/op.ts.
#ifndef NN_OP_H
#define NN_OP_H

#include <cstdint>

#include "reference_ops.h"
#include "tensor.h"

namespace nn {

using ref::Padding;

// Prepare-time services: persistent allocations from the arena tail and error reporting by op name.
class Context {
public:
    Context() = default;
    void Reset(uint8_t* arena, int32_t arena_bytes);
    // 16-byte aligned block from the top of the arena that lives as long as the graph. nullptr (and an error) when
    // the arena is full.
    void* AllocatePersistent(int32_t bytes);
    // Records "<Op>#<index>: <message>" and returns Status::kError.
    Status Fail(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    void BeginOp(const char* name, int index) {
        op_name_ = name;
        op_index_ = index;
    }
    int32_t persistent_bytes() const { return persistent_bytes_; }
    // Lowest address used by persistent allocations (the planned region must end below it).
    uint8_t* persistent_floor() const { return tail_; }
    uint8_t* arena_base() const { return base_; }
    const char* error() const { return error_; }
    void SetError(const char* message);

private:
    uint8_t* base_ = nullptr;  // 16-aligned start of the arena
    uint8_t* tail_ = nullptr;  // current bottom of the persistent region (moves down)
    int32_t persistent_bytes_ = 0;
    const char* op_name_ = "";
    int op_index_ = -1;
    char error_[192] = {0};
};

// What an op contributes to the memory and compute figures (see LayerStats in graph.h).
struct OpStats {
    const char* kernel = "reference";
    int64_t macs = 0;              // multiply-accumulates (FullyConnected, Conv2D, DepthwiseConv2D)
    int32_t weight_bytes = 0;      // const int8 weights
    int32_t bias_bytes = 0;        // const int32 bias
    int32_t scale_bytes = 0;       // stored quantization params of const tensors: float scales + int32 zero point
    int32_t multiplier_bytes = 0;  // precomputed int32 multiplier + int32 shift pairs (8 bytes each)
};

class Op {
public:
    static constexpr int kMaxInputs = 3;
    virtual const char* Name() const = 0;
    virtual Status Prepare(Context& ctx) = 0;
    virtual void Eval() = 0;
    virtual void Stats(OpStats* s) const;

    int num_inputs() const { return num_inputs_; }
    Tensor* input(int i) const { return inputs_[i]; }
    Tensor* output() const { return output_; }

protected:
    Op(Tensor* in0, Tensor* in1, Tensor* in2, Tensor* out);
    ~Op() = default;
    // Common checks; each returns kError through ctx.Fail with a readable message.
    Status CheckInt8Activation(Context& ctx, const Tensor* t, const char* what) const;

    Tensor* inputs_[kMaxInputs] = {nullptr, nullptr, nullptr};
    int num_inputs_ = 0;
    Tensor* output_ = nullptr;
};

}  // namespace nn

#endif  // NN_OP_H
