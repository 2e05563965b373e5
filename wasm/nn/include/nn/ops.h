// ops.h — int8 operators: Prepare validates and precomputes once, Eval allocates nothing and calls a pure reference
// function from reference_ops.h (the shape of TFLite Micro's kernels).
//
// Ops are plain objects, usually static, wired to Tensor objects at construction:
//   static nn::FullyConnected fc1(&input, &w1, &b1, &hidden1, nn::Activation::kRelu);
// A Graph (graph.h) prepares them in order, plans the arena and invokes them.
#ifndef NN_OPS_H
#define NN_OPS_H

#include <cstdint>

#include "quant_util.h"
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

// Same data, new shape (same element count, type and quantization).
class Reshape final : public Op {
 public:
  Reshape(Tensor* input, Tensor* output);
  const char* Name() const override { return "Reshape"; }
  Status Prepare(Context& ctx) override;
  void Eval() override;
};

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

struct Conv2DOptions {
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  Padding padding = Padding::kValid;
  Activation activation = Activation::kNone;
};

// NHWC input [N,H,W,Cin], filter [Cout,KH,KW,Cin] symmetric per-channel (axis 0) or per-tensor, bias [Cout].
class Conv2D final : public Op {
 public:
  Conv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output, Conv2DOptions options);
  const char* Name() const override { return "Conv2D"; }
  Status Prepare(Context& ctx) override;
  void Eval() override;
  void Stats(OpStats* s) const override;

 private:
  Conv2DOptions options_;
  ref::ConvParams p_;
};

struct DepthwiseConv2DOptions {
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  Padding padding = Padding::kValid;
  int32_t depth_multiplier = 1;
  Activation activation = Activation::kNone;
};

// NHWC input [N,H,W,C], filter [1,KH,KW,C*M] symmetric per-channel (axis 3) or per-tensor, bias [C*M].
class DepthwiseConv2D final : public Op {
 public:
  DepthwiseConv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output, DepthwiseConv2DOptions options);
  const char* Name() const override { return "DepthwiseConv2D"; }
  Status Prepare(Context& ctx) override;
  void Eval() override;
  void Stats(OpStats* s) const override;

 private:
  DepthwiseConv2DOptions options_;
  ref::ConvParams p_;
};

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

#endif  // NN_OPS_H
