// kernel_util.h — checks and multiplier set-up shared by the ops' Prepare steps (each fails through ctx.Fail).
// Twin of src/ml/kernels/ops/kernelUtil.ts.
#ifndef NN_KERNEL_UTIL_H
#define NN_KERNEL_UTIL_H

#include <cstdint>

#include "op.h"
#include "tensor.h"

namespace nn {

Status MakeMultiplier(Context& ctx, double real, int32_t* multiplier, int32_t* shift, const char* what);
bool SameQuant(const Tensor* a, const Tensor* b);
Status CheckWeights(Context& ctx, const Tensor* w, int32_t axis, int32_t channels, const char* what);
Status CheckBias(Context& ctx, const Tensor* b, int32_t channels);
Status MakeChannelMultipliers(Context& ctx, const Tensor* input, const Tensor* weights, const Tensor* output,
                              int32_t channels, int32_t** multipliers, int32_t** shifts);
Status CheckNhwc(Context& ctx, const Tensor* t, const char* what);
Status CheckStrides(Context& ctx, int32_t sh, int32_t sw);
// Output size and leading padding of a window kh x kw with strides sh, sw and dilation dh, dw (1 for pooling).
Status SpatialParams(Context& ctx, Padding padding, int32_t in_h, int32_t in_w, int32_t kh, int32_t kw, int32_t sh,
                     int32_t sw, int32_t dh, int32_t dw, const Tensor* out, int32_t* out_h, int32_t* out_w,
                     int32_t* pad_h, int32_t* pad_w);

}  // namespace nn

#endif  // NN_KERNEL_UTIL_H
