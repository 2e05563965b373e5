// Twin of src/ml/kernels/ops/op.ts.
#include "nn/op.h"

#include <cstdarg>
#include <cstdio>

namespace nn {

// ---- Context --------------------------------------------------------------------------------------------------

void Context::Reset(uint8_t* arena, int32_t arena_bytes) {
    const uintptr_t start = reinterpret_cast<uintptr_t>(arena);
    const uintptr_t aligned_start = (start + 15u) & ~uintptr_t{15};
    const uintptr_t end = (start + static_cast<uintptr_t>(arena_bytes > 0 ? arena_bytes : 0)) & ~uintptr_t{15};
    base_ = reinterpret_cast<uint8_t*>(aligned_start);
    tail_ = reinterpret_cast<uint8_t*>(end > aligned_start ? end : aligned_start);
    persistent_bytes_ = 0;
    op_name_ = "";
    op_index_ = -1;
    error_[0] = '\0';
}

void* Context::AllocatePersistent(int32_t bytes) {
    if (bytes < 0)
        bytes = 0;
    const int32_t rounded = (bytes + 15) & ~15;
    if (tail_ - base_ < rounded) {
        Fail("arena too small for %d persistent bytes", static_cast<int>(bytes));
        return nullptr;
    }
    tail_ -= rounded;
    persistent_bytes_ += rounded;
    return tail_;
}

Status Context::Fail(const char* fmt, ...) {
    int pos = 0;
    if (op_index_ >= 0) {
        pos = std::snprintf(error_, sizeof(error_), "%s#%d: ", op_name_, op_index_);
        if (pos < 0 || pos >= static_cast<int>(sizeof(error_)))
            pos = 0;
    }
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(error_ + pos, sizeof(error_) - static_cast<size_t>(pos), fmt, args);
    va_end(args);
    return Status::kError;
}

void Context::SetError(const char* message) { std::snprintf(error_, sizeof(error_), "%s", message); }

// ---- Op base and shared checks --------------------------------------------------------------------------------

Op::Op(Tensor* in0, Tensor* in1, Tensor* in2, Tensor* out) : output_(out) {
    inputs_[0] = in0;
    inputs_[1] = in1;
    inputs_[2] = in2;
    num_inputs_ = in2 != nullptr ? 3 : (in1 != nullptr ? 2 : (in0 != nullptr ? 1 : 0));
}

void Op::Stats(OpStats* s) const { *s = OpStats(); }

Status Op::CheckInt8Activation(Context& ctx, const Tensor* t, const char* what) const {
    if (t == nullptr)
        return ctx.Fail("%s is missing", what);
    if (t->type != DType::kInt8)
        return ctx.Fail("%s must be int8, got %s", what, DTypeName(t->type));
    if (t->shape.rank < 0 || t->shape.rank > kMaxDims)
        return ctx.Fail("%s has an invalid rank", what);
    if (!(t->quant.scale > 0.0f))
        return ctx.Fail("%s needs a positive scale", what);
    if (t->quant.zero_point < -128 || t->quant.zero_point > 127) {
        return ctx.Fail("%s zero point %d outside [-128, 127]", what, static_cast<int>(t->quant.zero_point));
    }
    return Status::kOk;
}

}  // namespace nn
