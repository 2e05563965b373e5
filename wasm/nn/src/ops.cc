#include "nn/ops.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>

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
  if (bytes < 0) bytes = 0;
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
    if (pos < 0 || pos >= static_cast<int>(sizeof(error_))) pos = 0;
  }
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(error_ + pos, sizeof(error_) - static_cast<size_t>(pos), fmt, args);
  va_end(args);
  return Status::kError;
}

void Context::SetError(const char* message) {
  std::snprintf(error_, sizeof(error_), "%s", message);
}

// ---- Op base and shared checks --------------------------------------------------------------------------------

Op::Op(Tensor* in0, Tensor* in1, Tensor* in2, Tensor* out) : output_(out) {
  inputs_[0] = in0;
  inputs_[1] = in1;
  inputs_[2] = in2;
  num_inputs_ = in2 != nullptr ? 3 : (in1 != nullptr ? 2 : (in0 != nullptr ? 1 : 0));
}

void Op::Stats(OpStats* s) const { *s = OpStats(); }

Status Op::CheckInt8Activation(Context& ctx, const Tensor* t, const char* what) const {
  if (t == nullptr) return ctx.Fail("%s is missing", what);
  if (t->type != DType::kInt8) return ctx.Fail("%s must be int8, got %s", what, DTypeName(t->type));
  if (t->shape.rank < 0 || t->shape.rank > kMaxDims) return ctx.Fail("%s has an invalid rank", what);
  if (!(t->quant.scale > 0.0f)) return ctx.Fail("%s needs a positive scale", what);
  if (t->quant.zero_point < -128 || t->quant.zero_point > 127) {
    return ctx.Fail("%s zero point %d outside [-128, 127]", what, static_cast<int>(t->quant.zero_point));
  }
  return Status::kOk;
}

namespace {

Status MakeMultiplier(Context& ctx, double real, int32_t* multiplier, int32_t* shift, const char* what) {
  int s = 0;
  QuantizeMultiplier(real, multiplier, &s);
  if (s < -31 || s > 30) return ctx.Fail("%s multiplier %g out of range (shift %d)", what, real, s);
  *shift = s;
  return Status::kOk;
}

bool SameQuant(const Tensor* a, const Tensor* b) {
  return a->quant.scale == b->quant.scale && a->quant.zero_point == b->quant.zero_point;
}

// Weights: const int8, symmetric (zero point 0), per-tensor or per-channel along `axis` with `channels` scales.
Status CheckWeights(Context& ctx, const Tensor* w, int32_t axis, int32_t channels, const char* what) {
  if (w == nullptr || w->data == nullptr) return ctx.Fail("%s is missing", what);
  if (w->type != DType::kInt8) return ctx.Fail("%s must be int8, got %s", what, DTypeName(w->type));
  if (!w->is_const) return ctx.Fail("%s must be a const tensor", what);
  if (w->quant.zero_point != 0) return ctx.Fail("%s must be symmetric (zero point 0)", what);
  if (w->quant.per_channel()) {
    if (w->quant.axis != axis || w->quant.num_channels != channels) {
      return ctx.Fail("%s per-channel params must have %d scales along axis %d", what, static_cast<int>(channels),
                      static_cast<int>(axis));
    }
    for (int32_t c = 0; c < channels; ++c) {
      if (!(w->quant.channel_scales[c] > 0.0f)) return ctx.Fail("%s scale %d is not positive", what, static_cast<int>(c));
    }
  } else if (!(w->quant.scale > 0.0f)) {
    return ctx.Fail("%s needs a positive scale", what);
  }
  return Status::kOk;
}

Status CheckBias(Context& ctx, const Tensor* b, int32_t channels) {
  if (b == nullptr) return Status::kOk;
  if (b->type != DType::kInt32 || !b->is_const || b->data == nullptr) return ctx.Fail("bias must be const int32");
  if (b->shape.FlatSize() != channels) {
    return ctx.Fail("bias has %d elements, expected %d", static_cast<int>(b->shape.FlatSize()),
                    static_cast<int>(channels));
  }
  return Status::kOk;
}

// Per-output-channel multipliers in_scale * w_scale[c] / out_scale, stored in persistent arena memory.
Status MakeChannelMultipliers(Context& ctx, const Tensor* input, const Tensor* weights, const Tensor* output,
                              int32_t channels, int32_t** multipliers, int32_t** shifts) {
  *multipliers = static_cast<int32_t*>(ctx.AllocatePersistent(channels * 4));
  *shifts = static_cast<int32_t*>(ctx.AllocatePersistent(channels * 4));
  if (*multipliers == nullptr || *shifts == nullptr) return Status::kError;
  for (int32_t c = 0; c < channels; ++c) {
    const double real = static_cast<double>(input->quant.scale) * static_cast<double>(weights->quant.ScaleAt(c)) /
                        static_cast<double>(output->quant.scale);
    if (MakeMultiplier(ctx, real, &(*multipliers)[c], &(*shifts)[c], "output") != Status::kOk) return Status::kError;
  }
  return Status::kOk;
}

}  // namespace

// ---- FullyConnected -------------------------------------------------------------------------------------------

FullyConnected::FullyConnected(Tensor* input, Tensor* weights, Tensor* bias, Tensor* output, Activation act,
                               FcKernel kernel)
    : Op(input, weights, bias, output), act_(act), kernel_(kernel) {}

Status FullyConnected::Prepare(Context& ctx) {
  Tensor* in = inputs_[0];
  Tensor* w = inputs_[1];
  Tensor* bias = inputs_[2];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk) return Status::kError;
  if (w == nullptr || w->shape.rank != 2) return ctx.Fail("weights must be [units, depth]");
  const int32_t units = w->shape.dims[0];
  const int32_t depth = w->shape.dims[1];
  if (CheckWeights(ctx, w, 0, units, "weights") != Status::kOk) return Status::kError;
  if (CheckBias(ctx, bias, units) != Status::kOk) return Status::kError;
  if (in->shape.rank < 1 || in->shape.dims[in->shape.rank - 1] != depth) {
    return ctx.Fail("input last dimension must be %d (weights depth)", static_cast<int>(depth));
  }
  const int32_t batches = in->shape.FlatSize() / depth;
  if (output_->shape.rank < 1 || output_->shape.dims[output_->shape.rank - 1] != units ||
      output_->shape.FlatSize() != batches * units) {
    return ctx.Fail("output must hold %d x %d values", static_cast<int>(batches), static_cast<int>(units));
  }
  p_ = ref::FullyConnectedParams();
  p_.input_offset = -in->quant.zero_point;
  p_.output_offset = output_->quant.zero_point;
  p_.per_channel = w->quant.per_channel();
  p_.batches = batches;
  p_.accum_depth = depth;
  p_.output_depth = units;
  const int32_t channels = p_.per_channel ? units : 1;
  int32_t* multipliers = nullptr;
  int32_t* shifts = nullptr;
  if (MakeChannelMultipliers(ctx, in, w, output_, channels, &multipliers, &shifts) != Status::kOk) {
    return Status::kError;
  }
  p_.output_multiplier = multipliers;
  p_.output_shift = shifts;
  ActivationRangeInt8(act_, output_->quant.scale, output_->quant.zero_point, &p_.act_min, &p_.act_max);

  use_simd_ = ref::SimdAvailable() && kernel_ != FcKernel::kReference;
  row_sums_ = nullptr;
  if (use_simd_) {
    row_sums_ = static_cast<int32_t*>(ctx.AllocatePersistent(units * 4));
    if (row_sums_ == nullptr) return Status::kError;
    ref::WeightRowSums(w->i8(), units, depth, row_sums_);
  }
  return Status::kOk;
}

void FullyConnected::Eval() {
  const int32_t* bias = inputs_[2] != nullptr ? inputs_[2]->i32() : nullptr;
  if (use_simd_) {
    ref::FullyConnectedSimd(p_, row_sums_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
  } else {
    ref::FullyConnected(p_, inputs_[0]->i8(), inputs_[1]->i8(), bias, output_->i8());
  }
}

void FullyConnected::Stats(OpStats* s) const {
  *s = OpStats();
  s->kernel = use_simd_ ? "simd" : "reference";
  s->macs = static_cast<int64_t>(p_.batches) * p_.output_depth * p_.accum_depth;
  s->weight_bytes = inputs_[1]->Bytes();
  s->bias_bytes = inputs_[2] != nullptr ? inputs_[2]->Bytes() : 0;
  s->scale_bytes = inputs_[1]->quant.StoredBytes();
  s->multiplier_bytes = (p_.per_channel ? p_.output_depth : 1) * 8;
}

// ---- Add / Sub --------------------------------------------------------------------------------------------------

AddSub::AddSub(Tensor* a, Tensor* b, Tensor* output, Activation act, bool subtract)
    : Op(a, b, nullptr, output), act_(act) {
  p_.subtract = subtract;
}

Status AddSub::Prepare(Context& ctx) {
  const Tensor* a = inputs_[0];
  const Tensor* b = inputs_[1];
  if (CheckInt8Activation(ctx, a, "input1") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, b, "input2") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk) return Status::kError;
  const bool subtract = p_.subtract;
  p_ = ref::AddSubParams();
  p_.subtract = subtract;
  if (!ref::MakeBroadcast4D(a->shape.dims, a->shape.rank, b->shape.dims, b->shape.rank, &p_.bc)) {
    return ctx.Fail("input shapes cannot be broadcast");
  }
  int32_t n = 1;
  for (int i = 0; i < 4; ++i) n *= p_.bc.out_dims[i];
  if (output_->shape.FlatSize() != n) return ctx.Fail("output must hold %d values", static_cast<int>(n));
  p_.input1_offset = -a->quant.zero_point;
  p_.input2_offset = -b->quant.zero_point;
  p_.output_offset = output_->quant.zero_point;
  p_.left_shift = 20;
  const float max_scale = a->quant.scale > b->quant.scale ? a->quant.scale : b->quant.scale;
  const double twice_max_input_scale = 2.0 * static_cast<double>(max_scale);
  const double real1 = static_cast<double>(a->quant.scale) / twice_max_input_scale;
  const double real2 = static_cast<double>(b->quant.scale) / twice_max_input_scale;
  const double real_out =
      twice_max_input_scale / (static_cast<double>(1 << p_.left_shift) * static_cast<double>(output_->quant.scale));
  if (MakeMultiplier(ctx, real1, &p_.input1_multiplier, &p_.input1_shift, "input1") != Status::kOk ||
      MakeMultiplier(ctx, real2, &p_.input2_multiplier, &p_.input2_shift, "input2") != Status::kOk ||
      MakeMultiplier(ctx, real_out, &p_.output_multiplier, &p_.output_shift, "output") != Status::kOk) {
    return Status::kError;
  }
  ActivationRangeInt8(act_, output_->quant.scale, output_->quant.zero_point, &p_.act_min, &p_.act_max);
  return Status::kOk;
}

void AddSub::Eval() { ref::AddSub(p_, inputs_[0]->i8(), inputs_[1]->i8(), output_->i8()); }

void AddSub::Stats(OpStats* s) const {
  *s = OpStats();
  s->multiplier_bytes = 3 * 8;
}

// ---- Minimum / Maximum ----------------------------------------------------------------------------------------

MinMax::MinMax(Tensor* a, Tensor* b, Tensor* output, bool is_max) : Op(a, b, nullptr, output), is_max_(is_max) {}

Status MinMax::Prepare(Context& ctx) {
  const Tensor* a = inputs_[0];
  const Tensor* b = inputs_[1];
  if (CheckInt8Activation(ctx, a, "input1") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, b, "input2") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk) return Status::kError;
  if (!SameQuant(a, output_) || !SameQuant(b, output_)) {
    return ctx.Fail("inputs and output must share scale and zero point");
  }
  if (!ref::MakeBroadcast4D(a->shape.dims, a->shape.rank, b->shape.dims, b->shape.rank, &bc_)) {
    return ctx.Fail("input shapes cannot be broadcast");
  }
  int32_t n = 1;
  for (int i = 0; i < 4; ++i) n *= bc_.out_dims[i];
  if (output_->shape.FlatSize() != n) return ctx.Fail("output must hold %d values", static_cast<int>(n));
  return Status::kOk;
}

void MinMax::Eval() { ref::MinMax(is_max_, bc_, inputs_[0]->i8(), inputs_[1]->i8(), output_->i8()); }

// ---- ArgMax -----------------------------------------------------------------------------------------------------

ArgMax::ArgMax(Tensor* input, Tensor* output, int32_t axis) : Op(input, nullptr, nullptr, output), axis_(axis) {}

Status ArgMax::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk) return Status::kError;
  if (output_ == nullptr || output_->type != DType::kInt32) return ctx.Fail("output must be int32");
  const int32_t rank = in->shape.rank;
  const int32_t axis = axis_ < 0 ? axis_ + rank : axis_;
  if (rank < 1 || axis < 0 || axis >= rank) return ctx.Fail("axis %d out of range", static_cast<int>(axis_));
  outer_ = 1;
  inner_ = 1;
  for (int32_t i = 0; i < axis; ++i) outer_ *= in->shape.dims[i];
  for (int32_t i = axis + 1; i < rank; ++i) inner_ *= in->shape.dims[i];
  axis_size_ = in->shape.dims[axis];
  if (axis_size_ < 1) return ctx.Fail("empty axis");
  if (output_->shape.FlatSize() != outer_ * inner_) {
    return ctx.Fail("output must hold %d values", static_cast<int>(outer_ * inner_));
  }
  return Status::kOk;
}

void ArgMax::Eval() { ref::ArgMax(outer_, axis_size_, inner_, inputs_[0]->i8(), output_->i32()); }

// ---- Relu / Relu6 -----------------------------------------------------------------------------------------------

ReluBase::ReluBase(Tensor* input, Tensor* output, bool relu6) : Op(input, nullptr, nullptr, output), relu6_(relu6) {}

Status ReluBase::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk) return Status::kError;
  if (in->shape.FlatSize() != output_->shape.FlatSize()) return ctx.Fail("input and output sizes differ");
  p_ = ref::ReluParams();
  p_.input_zero_point = in->quant.zero_point;
  p_.output_zero_point = output_->quant.zero_point;
  const double real = static_cast<double>(in->quant.scale) / static_cast<double>(output_->quant.scale);
  if (MakeMultiplier(ctx, real, &p_.multiplier, &p_.shift, "output") != Status::kOk) return Status::kError;
  ActivationRangeInt8(relu6_ ? Activation::kRelu6 : Activation::kRelu, output_->quant.scale,
                      output_->quant.zero_point, &p_.act_min, &p_.act_max);
  return Status::kOk;
}

void ReluBase::Eval() { ref::Relu(p_, output_->shape.FlatSize(), inputs_[0]->i8(), output_->i8()); }

void ReluBase::Stats(OpStats* s) const {
  *s = OpStats();
  s->multiplier_bytes = 8;
}

// ---- Reshape ----------------------------------------------------------------------------------------------------

Reshape::Reshape(Tensor* input, Tensor* output) : Op(input, nullptr, nullptr, output) {}

Status Reshape::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  if (in == nullptr || output_ == nullptr) return ctx.Fail("input and output are required");
  if (in->type != output_->type) return ctx.Fail("input and output types differ");
  if (in->shape.FlatSize() != output_->shape.FlatSize()) return ctx.Fail("element counts differ");
  if (!SameQuant(in, output_)) return ctx.Fail("input and output must share scale and zero point");
  return Status::kOk;
}

void Reshape::Eval() {
  if (output_->data != inputs_[0]->data) {
    std::memmove(output_->data, inputs_[0]->data, static_cast<size_t>(output_->Bytes()));
  }
}

// ---- Quantize / Dequantize --------------------------------------------------------------------------------------

Quantize::Quantize(Tensor* input, Tensor* output) : Op(input, nullptr, nullptr, output) {}

Status Quantize::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  if (in == nullptr) return ctx.Fail("input is missing");
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk) return Status::kError;
  if (in->shape.FlatSize() != output_->shape.FlatSize()) return ctx.Fail("input and output sizes differ");
  p_ = ref::RequantizeParams();
  if (in->type == DType::kFloat32) return Status::kOk;
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk) return Status::kError;
  p_.input_zero_point = in->quant.zero_point;
  p_.output_zero_point = output_->quant.zero_point;
  const double real = static_cast<double>(in->quant.scale) / static_cast<double>(output_->quant.scale);
  return MakeMultiplier(ctx, real, &p_.multiplier, &p_.shift, "requantize");
}

void Quantize::Eval() {
  const int32_t n = output_->shape.FlatSize();
  if (inputs_[0]->type == DType::kFloat32) {
    ref::QuantizeFloat(output_->quant.scale, output_->quant.zero_point, n, inputs_[0]->f32(), output_->i8());
  } else {
    ref::Requantize(p_, n, inputs_[0]->i8(), output_->i8());
  }
}

void Quantize::Stats(OpStats* s) const {
  *s = OpStats();
  s->multiplier_bytes = inputs_[0]->type == DType::kInt8 ? 8 : 0;
}

Dequantize::Dequantize(Tensor* input, Tensor* output) : Op(input, nullptr, nullptr, output) {}

Status Dequantize::Prepare(Context& ctx) {
  if (CheckInt8Activation(ctx, inputs_[0], "input") != Status::kOk) return Status::kError;
  if (output_ == nullptr || output_->type != DType::kFloat32) return ctx.Fail("output must be float32");
  if (inputs_[0]->shape.FlatSize() != output_->shape.FlatSize()) return ctx.Fail("input and output sizes differ");
  return Status::kOk;
}

void Dequantize::Eval() {
  ref::Dequantize(inputs_[0]->quant.scale, inputs_[0]->quant.zero_point, output_->shape.FlatSize(), inputs_[0]->i8(),
                  output_->f32());
}

// ---- Softmax ----------------------------------------------------------------------------------------------------

Softmax::Softmax(Tensor* input, Tensor* output, float beta) : Op(input, nullptr, nullptr, output), beta_(beta) {}

Status Softmax::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk) return Status::kError;
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk) return Status::kError;
  if (output_->quant.scale != 1.0f / 256.0f || output_->quant.zero_point != -128) {
    return ctx.Fail("output must have scale 1/256 and zero point -128");
  }
  if (in->shape != output_->shape) return ctx.Fail("input and output shapes differ");
  if (in->shape.rank < 1) return ctx.Fail("input needs at least one dimension");
  p_ = ref::SoftmaxParams();
  p_.depth = in->shape.dims[in->shape.rank - 1];
  if (p_.depth < 1 || p_.depth > 4095) return ctx.Fail("last dimension %d outside [1, 4095]", static_cast<int>(p_.depth));
  p_.outer = in->shape.FlatSize() / p_.depth;
  // Input differences are rescaled to Q5.26 (5 integer bits).
  constexpr int kScaledDiffIntegerBits = 5;
  const double max_real = static_cast<double>((int64_t{1} << 31) - 1);
  double real = static_cast<double>(beta_) * static_cast<double>(in->quant.scale) *
                static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits));
  if (real > max_real) real = max_real;
  int shift = 0;
  QuantizeMultiplier(real, &p_.input_multiplier, &shift);
  if (!(real > 1.0) || shift < 0 || shift > 31) return ctx.Fail("beta * input scale %g is too small", real);
  p_.input_left_shift = shift;
  const double max_input_rescaled = 1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
                                    static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
                                    static_cast<double>(int64_t{1} << shift);
  p_.diff_min = -static_cast<int32_t>(std::floor(max_input_rescaled));
  return Status::kOk;
}

void Softmax::Eval() { ref::Softmax(p_, inputs_[0]->i8(), output_->i8()); }

void Softmax::Stats(OpStats* s) const {
  *s = OpStats();
  s->multiplier_bytes = 8;
}

// ---- Conv2D / DepthwiseConv2D -----------------------------------------------------------------------------------

namespace {
Status CheckNhwc(Context& ctx, const Tensor* t, const char* what) {
  if (t->shape.rank != 4) return ctx.Fail("%s must be 4-D NHWC", what);
  return Status::kOk;
}

Status CheckStrides(Context& ctx, int32_t sh, int32_t sw) {
  if (sh < 1 || sw < 1) return ctx.Fail("strides must be >= 1");
  return Status::kOk;
}

// Output size, leading padding and the expected output H/W.
Status SpatialParams(Context& ctx, Padding padding, int32_t in_h, int32_t in_w, int32_t kh, int32_t kw, int32_t sh,
                     int32_t sw, const Tensor* out, int32_t* out_h, int32_t* out_w, int32_t* pad_h, int32_t* pad_w) {
  *out_h = ref::ComputeOutSize(padding, in_h, kh, sh);
  *out_w = ref::ComputeOutSize(padding, in_w, kw, sw);
  if (*out_h < 1 || *out_w < 1) return ctx.Fail("window larger than the input");
  if (out->shape.dims[1] != *out_h || out->shape.dims[2] != *out_w) {
    return ctx.Fail("output must be %dx%d spatially", static_cast<int>(*out_h), static_cast<int>(*out_w));
  }
  *pad_h = ref::ComputePadding(sh, in_h, kh, *out_h);
  *pad_w = ref::ComputePadding(sw, in_w, kw, *out_w);
  return Status::kOk;
}
// The end of Prepare shared by Conv2D and DepthwiseConv2D, once the input, filter and output channels are known:
// output shape, strides and padding, zero-point offsets, per-channel multipliers, activation range.
template <typename Options>
Status PrepareConvOutput(Context& ctx, const Tensor* in, const Tensor* f, const Tensor* output, const Options& options,
                         ref::ConvParams* p) {
  if (output->shape.dims[0] != p->batches || output->shape.dims[3] != p->out_c) {
    return ctx.Fail("output must be [%d, H, W, %d]", static_cast<int>(p->batches), static_cast<int>(p->out_c));
  }
  p->stride_h = options.stride_h;
  p->stride_w = options.stride_w;
  if (SpatialParams(ctx, options.padding, p->in_h, p->in_w, p->filter_h, p->filter_w, p->stride_h, p->stride_w,
                    output, &p->out_h, &p->out_w, &p->pad_h, &p->pad_w) != Status::kOk) {
    return Status::kError;
  }
  p->input_offset = -in->quant.zero_point;
  p->output_offset = output->quant.zero_point;
  int32_t* multipliers = nullptr;
  int32_t* shifts = nullptr;
  if (MakeChannelMultipliers(ctx, in, f, output, p->out_c, &multipliers, &shifts) != Status::kOk) {
    return Status::kError;
  }
  p->output_multiplier = multipliers;
  p->output_shift = shifts;
  ActivationRangeInt8(options.activation, output->quant.scale, output->quant.zero_point, &p->act_min, &p->act_max);
  return Status::kOk;
}

}  // namespace

Conv2D::Conv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output, Conv2DOptions options)
    : Op(input, filter, bias, output), options_(options) {}

Status Conv2D::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  const Tensor* f = inputs_[1];
  const Tensor* bias = inputs_[2];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk || CheckNhwc(ctx, in, "input") != Status::kOk) {
    return Status::kError;
  }
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk || CheckNhwc(ctx, output_, "output") != Status::kOk) {
    return Status::kError;
  }
  if (f == nullptr || f->shape.rank != 4) return ctx.Fail("filter must be [Cout, KH, KW, Cin]");
  p_ = ref::ConvParams();
  p_.out_c = f->shape.dims[0];
  p_.filter_h = f->shape.dims[1];
  p_.filter_w = f->shape.dims[2];
  if (CheckWeights(ctx, f, 0, p_.out_c, "filter") != Status::kOk) return Status::kError;
  if (CheckBias(ctx, bias, p_.out_c) != Status::kOk) return Status::kError;
  if (CheckStrides(ctx, options_.stride_h, options_.stride_w) != Status::kOk) return Status::kError;
  p_.batches = in->shape.dims[0];
  p_.in_h = in->shape.dims[1];
  p_.in_w = in->shape.dims[2];
  p_.in_c = in->shape.dims[3];
  if (f->shape.dims[3] != p_.in_c) return ctx.Fail("filter depth %d != input channels %d",
                                                   static_cast<int>(f->shape.dims[3]), static_cast<int>(p_.in_c));
  return PrepareConvOutput(ctx, in, f, output_, options_, &p_);
}

void Conv2D::Eval() {
  ref::Conv2D(p_, inputs_[0]->i8(), inputs_[1]->i8(), inputs_[2] != nullptr ? inputs_[2]->i32() : nullptr,
              output_->i8());
}

void Conv2D::Stats(OpStats* s) const {
  *s = OpStats();
  s->macs = static_cast<int64_t>(p_.batches) * p_.out_h * p_.out_w * p_.out_c * p_.filter_h * p_.filter_w * p_.in_c;
  s->weight_bytes = inputs_[1]->Bytes();
  s->bias_bytes = inputs_[2] != nullptr ? inputs_[2]->Bytes() : 0;
  s->scale_bytes = inputs_[1]->quant.StoredBytes();
  s->multiplier_bytes = p_.out_c * 8;
}

DepthwiseConv2D::DepthwiseConv2D(Tensor* input, Tensor* filter, Tensor* bias, Tensor* output,
                                 DepthwiseConv2DOptions options)
    : Op(input, filter, bias, output), options_(options) {}

Status DepthwiseConv2D::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  const Tensor* f = inputs_[1];
  const Tensor* bias = inputs_[2];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk || CheckNhwc(ctx, in, "input") != Status::kOk) {
    return Status::kError;
  }
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk || CheckNhwc(ctx, output_, "output") != Status::kOk) {
    return Status::kError;
  }
  if (f == nullptr || f->shape.rank != 4 || f->shape.dims[0] != 1) return ctx.Fail("filter must be [1, KH, KW, C*M]");
  if (options_.depth_multiplier < 1) return ctx.Fail("depth multiplier must be >= 1");
  p_ = ref::ConvParams();
  p_.batches = in->shape.dims[0];
  p_.in_h = in->shape.dims[1];
  p_.in_w = in->shape.dims[2];
  p_.in_c = in->shape.dims[3];
  p_.depth_multiplier = options_.depth_multiplier;
  p_.out_c = p_.in_c * p_.depth_multiplier;
  p_.filter_h = f->shape.dims[1];
  p_.filter_w = f->shape.dims[2];
  if (f->shape.dims[3] != p_.out_c) return ctx.Fail("filter channels %d != input channels x depth multiplier %d",
                                                    static_cast<int>(f->shape.dims[3]), static_cast<int>(p_.out_c));
  if (CheckWeights(ctx, f, 3, p_.out_c, "filter") != Status::kOk) return Status::kError;
  if (CheckBias(ctx, bias, p_.out_c) != Status::kOk) return Status::kError;
  if (CheckStrides(ctx, options_.stride_h, options_.stride_w) != Status::kOk) return Status::kError;
  return PrepareConvOutput(ctx, in, f, output_, options_, &p_);
}

void DepthwiseConv2D::Eval() {
  ref::DepthwiseConv2D(p_, inputs_[0]->i8(), inputs_[1]->i8(), inputs_[2] != nullptr ? inputs_[2]->i32() : nullptr,
                       output_->i8());
}

void DepthwiseConv2D::Stats(OpStats* s) const {
  *s = OpStats();
  s->macs = static_cast<int64_t>(p_.batches) * p_.out_h * p_.out_w * p_.out_c * p_.filter_h * p_.filter_w;
  s->weight_bytes = inputs_[1]->Bytes();
  s->bias_bytes = inputs_[2] != nullptr ? inputs_[2]->Bytes() : 0;
  s->scale_bytes = inputs_[1]->quant.StoredBytes();
  s->multiplier_bytes = p_.out_c * 8;
}

// ---- Pooling ----------------------------------------------------------------------------------------------------

Pool2D::Pool2D(Tensor* input, Tensor* output, Pool2DOptions options, bool average)
    : Op(input, nullptr, nullptr, output), options_(options), average_(average) {}

Status Pool2D::Prepare(Context& ctx) {
  const Tensor* in = inputs_[0];
  if (CheckInt8Activation(ctx, in, "input") != Status::kOk || CheckNhwc(ctx, in, "input") != Status::kOk) {
    return Status::kError;
  }
  if (CheckInt8Activation(ctx, output_, "output") != Status::kOk || CheckNhwc(ctx, output_, "output") != Status::kOk) {
    return Status::kError;
  }
  if (!SameQuant(in, output_)) return ctx.Fail("input and output must share scale and zero point");
  if (options_.filter_h < 1 || options_.filter_w < 1) return ctx.Fail("filter size must be >= 1");
  if (CheckStrides(ctx, options_.stride_h, options_.stride_w) != Status::kOk) return Status::kError;
  p_ = ref::PoolParams();
  p_.batches = in->shape.dims[0];
  p_.in_h = in->shape.dims[1];
  p_.in_w = in->shape.dims[2];
  p_.channels = in->shape.dims[3];
  if (output_->shape.dims[0] != p_.batches || output_->shape.dims[3] != p_.channels) {
    return ctx.Fail("output must be [%d, H, W, %d]", static_cast<int>(p_.batches), static_cast<int>(p_.channels));
  }
  p_.filter_h = options_.filter_h;
  p_.filter_w = options_.filter_w;
  p_.stride_h = options_.stride_h;
  p_.stride_w = options_.stride_w;
  if (SpatialParams(ctx, options_.padding, p_.in_h, p_.in_w, p_.filter_h, p_.filter_w, p_.stride_h, p_.stride_w,
                    output_, &p_.out_h, &p_.out_w, &p_.pad_h, &p_.pad_w) != Status::kOk) {
    return Status::kError;
  }
  ActivationRangeInt8(options_.activation, output_->quant.scale, output_->quant.zero_point, &p_.act_min, &p_.act_max);
  return Status::kOk;
}

void Pool2D::Eval() {
  if (average_) {
    ref::AveragePool2D(p_, inputs_[0]->i8(), output_->i8());
  } else {
    ref::MaxPool2D(p_, inputs_[0]->i8(), output_->i8());
  }
}

void Pool2D::Stats(OpStats* s) const { *s = OpStats(); }

}  // namespace nn
