// Twin of src/ml/package/reader.ts and selfTest.ts: the same checks in the same order, with the same messages.
// All offsets and sizes from the file are compared in 64-bit arithmetic, so no sum can wrap.
#include "nn/model_loader.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <new>

#include "nn/ops.h"

namespace nn {

namespace {

using namespace package;  // NOLINT: the generated format constants

uint16_t U16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t U32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
}
int32_t I32(const uint8_t* p) { return static_cast<int32_t>(U32(p)); }
float F32(const uint8_t* p) {
    const uint32_t u = U32(p);
    float f;
    std::memcpy(&f, &u, sizeof(f));
    return f;
}

bool FiniteNonNegative(float v) { return std::isfinite(v) && v >= 0.0f; }
bool FinitePositive(float v) { return std::isfinite(v) && v > 0.0f; }
bool InDimRange(int32_t v) { return v >= 1 && v <= kMaxDim; }

constexpr size_t kObjectAlign = 16;
size_t AlignSize(size_t v) { return (v + kObjectAlign - 1) / kObjectAlign * kObjectAlign; }

size_t OpObjectBytes(uint8_t opcode) {
    switch (opcode) {
        case kOpFullyConnected:
            return sizeof(FullyConnected);
        case kOpConv2D:
            return sizeof(Conv2D);
        case kOpDepthwiseConv2D:
            return sizeof(DepthwiseConv2D);
        case kOpMaxPool2D:
            return sizeof(MaxPool2D);
        case kOpAveragePool2D:
            return sizeof(AveragePool2D);
        case kOpAdd:
            return sizeof(Add);
        case kOpSub:
            return sizeof(Sub);
        case kOpMinimum:
            return sizeof(Minimum);
        case kOpMaximum:
            return sizeof(Maximum);
        case kOpRelu:
            return sizeof(Relu);
        case kOpRelu6:
            return sizeof(Relu6);
        case kOpReshape:
            return sizeof(Reshape);
        case kOpQuantize:
            return sizeof(Quantize);
        case kOpDequantize:
            return sizeof(Dequantize);
        case kOpSoftmax:
            return sizeof(Softmax);
        default:
            return sizeof(ArgMax);
    }
}

// The fields of one op record the loader needs after validation.
struct OpRecord {
    uint8_t opcode, activation, padding;
    uint16_t inputs[3];
    uint16_t output;
    int32_t stride_h, stride_w, dilation_h, dilation_w, filter_h, filter_w, depth_multiplier, axis;
    float beta;
};

class Loader {
public:
    Loader(const uint8_t* body, size_t size, LoadedModel* out) : b_(body), size_(size), out_(out) {}

    Status Validate();
    Status Build(void* pool, size_t pool_bytes, uint8_t* arena, size_t arena_bytes);

private:
    Status Fail(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    Status CheckSection(const char* name, uint32_t offset, uint64_t bytes, uint64_t after, uint32_t align,
                        uint64_t* end);
    Status CheckCount(const char* what, uint32_t n, uint32_t min, uint32_t max);
    Status CheckTensors();
    Status CheckOps();
    Status CheckIo(const char* what, const uint16_t* list, int n);
    Status CheckWiring();
    const uint8_t* TensorRecord(int i) const { return b_ + tensor_table_ + static_cast<size_t>(i) * kTensorBytes; }
    const uint8_t* OpRecordAt(int i) const { return b_ + op_table_ + static_cast<size_t>(i) * kOpBytes; }
    OpRecord ReadOp(int i) const;
    bool IsGraphInput(int t) const;
    int64_t Taps(const OpRecord& r) const;
    Op* NewOp(void* at, const OpRecord& r, Tensor* tensors) const;

    const uint8_t* b_;
    size_t size_;
    LoadedModel* out_;
    int num_tensors_ = 0, num_ops_ = 0, num_inputs_ = 0, num_outputs_ = 0, num_self_tests_ = 0;
    uint32_t tensor_table_ = 0, op_table_ = 0, io_table_ = 0, const_offset_ = 0, const_bytes_ = 0;
    uint32_t self_test_offset_ = 0, self_test_bytes_ = 0, arena_declared_ = 0;
    uint16_t inputs_[kMaxInputs] = {};
    uint16_t outputs_[kMaxOutputs] = {};
    // Per tensor, from its validated record.
    int64_t elements_[kMaxTensors] = {};
    int32_t bytes_[kMaxTensors] = {};
    bool is_const_[kMaxTensors] = {};
};

Status Loader::Fail(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(out_->error, sizeof(out_->error), fmt, args);
    va_end(args);
    return Status::kError;
}

Status Loader::CheckSection(const char* name, uint32_t offset, uint64_t bytes, uint64_t after, uint32_t align,
                            uint64_t* end) {
    if (offset % align != 0)
        return Fail("%s offset %u is not %u-byte aligned", name, static_cast<unsigned>(offset),
                    static_cast<unsigned>(align));
    if (offset < after)
        return Fail("%s at %u overlaps what precedes it (ends at %llu)", name, static_cast<unsigned>(offset),
                    static_cast<unsigned long long>(after));
    if (offset + bytes > size_)
        return Fail("%s (%llu bytes at %u) runs past the package end (%llu)", name,
                    static_cast<unsigned long long>(bytes), static_cast<unsigned>(offset),
                    static_cast<unsigned long long>(size_));
    *end = offset + bytes;
    return Status::kOk;
}

Status Loader::CheckCount(const char* what, uint32_t n, uint32_t min, uint32_t max) {
    if (n < min || n > max)
        return Fail("%u %s (must be %u..%u)", static_cast<unsigned>(n), what, static_cast<unsigned>(min),
                    static_cast<unsigned>(max));
    return Status::kOk;
}

Status Loader::Validate() {
    if (reinterpret_cast<uintptr_t>(b_) % kConstAlignment != 0)
        return Fail("package body must be %u-byte aligned", static_cast<unsigned>(kConstAlignment));
    if (size_ < kHeaderBytes)
        return Fail("package is %llu bytes, shorter than its %u-byte header", static_cast<unsigned long long>(size_),
                    static_cast<unsigned>(kHeaderBytes));
    if (std::memcmp(b_ + kHeaderMagic, kMagic, 4) != 0)
        return Fail("bad magic 0x%02x%02x%02x%02x (expected \"%s\")", b_[0], b_[1], b_[2], b_[3], kMagic);
    const uint16_t version = U16(b_ + kHeaderVersion);
    if (version != kVersion)
        return Fail("unsupported format version %u (this reader reads %u)", static_cast<unsigned>(version),
                    static_cast<unsigned>(kVersion));
    const uint16_t header_bytes = U16(b_ + kHeaderHeaderBytes);
    if (header_bytes != kHeaderBytes)
        return Fail("header size %u, expected %u", static_cast<unsigned>(header_bytes),
                    static_cast<unsigned>(kHeaderBytes));
    const uint32_t total = U32(b_ + kHeaderTotalBytes);
    if (total != size_)
        return Fail("package says %u bytes, got %llu", static_cast<unsigned>(total),
                    static_cast<unsigned long long>(size_));
    if (U32(b_ + kHeaderFlags) != 0)
        return Fail("reserved header field flags is not 0");
    if (U16(b_ + kHeaderReserved0) != 0)
        return Fail("reserved header field reserved0 is not 0");
    if (U32(b_ + kHeaderReserved1) != 0)
        return Fail("reserved header field reserved1 is not 0");
    num_tensors_ = U16(b_ + kHeaderNumTensors);
    num_ops_ = U16(b_ + kHeaderNumOps);
    num_inputs_ = U16(b_ + kHeaderNumInputs);
    num_outputs_ = U16(b_ + kHeaderNumOutputs);
    num_self_tests_ = U16(b_ + kHeaderNumSelfTests);
    if (CheckCount("tensors", num_tensors_, 1, kMaxTensors) != Status::kOk ||
        CheckCount("ops", num_ops_, 1, kMaxOps) != Status::kOk ||
        CheckCount("graph inputs", num_inputs_, 1, kMaxInputs) != Status::kOk ||
        CheckCount("graph outputs", num_outputs_, 1, kMaxOutputs) != Status::kOk ||
        CheckCount("self-test vectors", num_self_tests_, 1, kMaxSelfTests) != Status::kOk) {
        return Status::kError;
    }
    arena_declared_ = U32(b_ + kHeaderArenaBytes);
    if (arena_declared_ > kMaxArenaBytes)
        return Fail("package declares %u arena bytes (limit %u)", static_cast<unsigned>(arena_declared_),
                    static_cast<unsigned>(kMaxArenaBytes));
    if (arena_declared_ % kConstAlignment != 0)
        return Fail("package declares %u arena bytes, not a multiple of %u", static_cast<unsigned>(arena_declared_),
                    static_cast<unsigned>(kConstAlignment));

    tensor_table_ = U32(b_ + kHeaderTensorTableOffset);
    op_table_ = U32(b_ + kHeaderOpTableOffset);
    io_table_ = U32(b_ + kHeaderIoTableOffset);
    const_offset_ = U32(b_ + kHeaderConstDataOffset);
    const_bytes_ = U32(b_ + kHeaderConstDataBytes);
    self_test_offset_ = U32(b_ + kHeaderSelfTestOffset);
    self_test_bytes_ = U32(b_ + kHeaderSelfTestBytes);
    uint64_t end = 0;
    if (CheckSection("tensor table", tensor_table_, static_cast<uint64_t>(num_tensors_) * kTensorBytes, kHeaderBytes,
                     kTableAlignment, &end) != Status::kOk ||
        CheckSection("op table", op_table_, static_cast<uint64_t>(num_ops_) * kOpBytes, end, kTableAlignment, &end) !=
            Status::kOk ||
        CheckSection("io table", io_table_, 2u * static_cast<uint64_t>(num_inputs_ + num_outputs_), end,
                     kTableAlignment, &end) != Status::kOk ||
        CheckSection("const data", const_offset_, const_bytes_, end, kConstAlignment, &end) != Status::kOk ||
        CheckSection("self-test section", self_test_offset_, self_test_bytes_, end, 1, &end) != Status::kOk) {
        return Status::kError;
    }
    if (CheckTensors() != Status::kOk || CheckOps() != Status::kOk)
        return Status::kError;

    for (int k = 0; k < num_inputs_; ++k)
        inputs_[k] = U16(b_ + io_table_ + 2 * k);
    for (int k = 0; k < num_outputs_; ++k)
        outputs_[k] = U16(b_ + io_table_ + 2 * (num_inputs_ + k));
    if (CheckIo("input", inputs_, num_inputs_) != Status::kOk ||
        CheckIo("output", outputs_, num_outputs_) != Status::kOk)
        return Status::kError;
    int64_t vector_bytes = 0;
    for (int k = 0; k < num_inputs_; ++k)
        vector_bytes += bytes_[inputs_[k]];
    for (int k = 0; k < num_outputs_; ++k)
        vector_bytes += bytes_[outputs_[k]];
    if (self_test_bytes_ != num_self_tests_ * vector_bytes)
        return Fail("self-test section is %u bytes, expected %lld", static_cast<unsigned>(self_test_bytes_),
                    static_cast<long long>(num_self_tests_ * vector_bytes));
    return CheckWiring();
}

Status Loader::CheckTensors() {
    int activations = 0;
    for (int i = 0; i < num_tensors_; ++i) {
        const uint8_t* r = TensorRecord(i);
        const uint8_t dtype = r[kTensorDtype], rank = r[kTensorRank], storage = r[kTensorStorage];
        const uint8_t quant_type = r[kTensorQuantType];
        if (dtype >= kNumDTypes)
            return Fail("tensor %d: unknown dtype code %u", i, static_cast<unsigned>(dtype));
        if (rank > kMaxDims)
            return Fail("tensor %d: rank %u (max 4)", i, static_cast<unsigned>(rank));
        if (storage > kStorageConst)
            return Fail("tensor %d: unknown storage code %u", i, static_cast<unsigned>(storage));
        if (quant_type > kQuantPerChannel)
            return Fail("tensor %d: unknown quantization type %u", i, static_cast<unsigned>(quant_type));
        int32_t dims[kMaxDims];
        int64_t elements = 1;
        for (int d = 0; d < kMaxDims; ++d) {
            dims[d] = I32(r + kTensorDims + 4 * d);
            if (d < rank) {
                if (!InDimRange(dims[d]))
                    return Fail("tensor %d: dimension %d is %d (1..%d)", i, d, static_cast<int>(dims[d]),
                                static_cast<int>(kMaxDim));
                elements *= dims[d];
            } else if (dims[d] != 0) {
                return Fail("tensor %d: unused dimension %d is not 0", i, d);
            }
        }
        if (elements > kMaxElements)
            return Fail("tensor %d: %lld elements (limit %lld)", i, static_cast<long long>(elements),
                        static_cast<long long>(kMaxElements));
        const bool is_const = storage == kStorageConst;
        const float scale = F32(r + kTensorScale);
        const int32_t zero_point = I32(r + kTensorZeroPoint);
        const int32_t axis = I32(r + kTensorQuantAxis);
        const uint32_t channels = U32(r + kTensorNumChannels);
        const uint32_t scales_offset = U32(r + kTensorScalesOffset);
        if (!FiniteNonNegative(scale))
            return Fail("tensor %d: scale %g is not a finite number >= 0", i, static_cast<double>(scale));
        if (zero_point < -128 || zero_point > 127)
            return Fail("tensor %d: zero point %d outside [-128, 127]", i, static_cast<int>(zero_point));
        const auto in_const = [this](uint32_t offset, uint64_t n) {
            return offset % kConstAlignment == 0 && offset + n <= const_bytes_;
        };
        if (quant_type == kQuantPerTensor) {
            if (axis != 0 || channels != 0 || scales_offset != 0)
                return Fail("tensor %d: per-tensor quantization with per-channel fields set", i);
        } else {
            if (!is_const || dtype != kDTypeInt8)
                return Fail("tensor %d: per-channel quantization needs a const int8 tensor", i);
            if (scale != 0.0f || zero_point != 0)
                return Fail("tensor %d: per-channel tensor with a per-tensor scale or zero point", i);
            if (axis < 0 || axis >= rank)
                return Fail("tensor %d: channel axis %d out of range", i, static_cast<int>(axis));
            if (channels != static_cast<uint32_t>(dims[axis]))
                return Fail("tensor %d: %u channel scales, dimension %d is %d", i, static_cast<unsigned>(channels),
                            static_cast<int>(axis), static_cast<int>(dims[axis]));
            if (!in_const(scales_offset, 4ull * channels))
                return Fail("tensor %d: channel scales at %u misaligned or outside the const data", i,
                            static_cast<unsigned>(scales_offset));
            for (uint32_t c = 0; c < channels; ++c) {
                if (!FinitePositive(F32(b_ + const_offset_ + scales_offset + 4 * c)))
                    return Fail("tensor %d: channel scale %u is not a finite number > 0", i, static_cast<unsigned>(c));
            }
        }
        const uint32_t data_offset = U32(r + kTensorDataOffset);
        const uint32_t data_bytes = U32(r + kTensorDataBytes);
        const int64_t bytes = elements * DTypeSize(static_cast<DType>(dtype));
        if (is_const) {
            if (data_bytes != bytes)
                return Fail("tensor %d: %u data bytes for %lld %s elements", i, static_cast<unsigned>(data_bytes),
                            static_cast<long long>(elements), DTypeName(static_cast<DType>(dtype)));
            if (!in_const(data_offset, data_bytes))
                return Fail("tensor %d: data at %u misaligned or outside the const data", i,
                            static_cast<unsigned>(data_offset));
        } else {
            if (data_offset != 0 || data_bytes != 0)
                return Fail("tensor %d: activation with const data", i);
            ++activations;
        }
        elements_[i] = elements;
        bytes_[i] = static_cast<int32_t>(bytes);
        is_const_[i] = is_const;
    }
    if (activations > kMaxActivations)
        return Fail("%d activation tensors (limit %d)", activations, kMaxActivations);
    return Status::kOk;
}

OpRecord Loader::ReadOp(int i) const {
    const uint8_t* p = OpRecordAt(i);
    OpRecord r;
    r.opcode = p[kOpOpcode];
    r.activation = p[kOpActivation];
    r.padding = p[kOpPadding];
    for (int k = 0; k < 3; ++k)
        r.inputs[k] = U16(p + kOpInputs + 2 * k);
    r.output = U16(p + kOpOutput);
    r.stride_h = I32(p + kOpStrideH);
    r.stride_w = I32(p + kOpStrideW);
    r.dilation_h = I32(p + kOpDilationH);
    r.dilation_w = I32(p + kOpDilationW);
    r.filter_h = I32(p + kOpFilterH);
    r.filter_w = I32(p + kOpFilterW);
    r.depth_multiplier = I32(p + kOpDepthMultiplier);
    r.axis = I32(p + kOpAxis);
    r.beta = F32(p + kOpBeta);
    return r;
}

// Op record fields behind each ParamBit, in PARAM_FIELDS order (packageFormat.ts).
struct ParamField {
    uint32_t bit;
    const char* name;
    size_t offset;
    size_t size;
};
constexpr ParamField kParamFields[] = {
    {kParamActivation, "activation", kOpActivation, 1},
    {kParamPadding, "padding", kOpPadding, 1},
    {kParamStrides, "strideH", kOpStrideH, 4},
    {kParamStrides, "strideW", kOpStrideW, 4},
    {kParamDilation, "dilationH", kOpDilationH, 4},
    {kParamDilation, "dilationW", kOpDilationW, 4},
    {kParamFilter, "filterH", kOpFilterH, 4},
    {kParamFilter, "filterW", kOpFilterW, 4},
    {kParamDepthMultiplier, "depthMultiplier", kOpDepthMultiplier, 4},
    {kParamAxis, "axis", kOpAxis, 4},
    {kParamBeta, "beta", kOpBeta, 4},
};

Status Loader::CheckOps() {
    for (int i = 0; i < num_ops_; ++i) {
        const uint8_t* p = OpRecordAt(i);
        const OpRecord r = ReadOp(i);
        if (r.opcode >= kNumOps)
            return Fail("op %d: unknown opcode %u", i, static_cast<unsigned>(r.opcode));
        const OpSpec& spec = kOpSpecs[r.opcode];
        if (p[kOpReserved] != 0)
            return Fail("op %d (%s): reserved field is not 0", i, spec.name);
        for (int k = 0; k < 3; ++k) {
            const uint16_t idx = r.inputs[k];
            if (k >= spec.num_inputs) {
                if (idx != kNoTensor)
                    return Fail("op %d (%s): input slot %d is unused but names tensor %u", i, spec.name, k,
                                static_cast<unsigned>(idx));
            } else if (idx == kNoTensor) {
                if ((spec.optional_mask & (1u << k)) == 0)
                    return Fail("op %d (%s): %s is missing", i, spec.name, spec.input_names[k]);
            } else if (idx >= num_tensors_) {
                return Fail("op %d (%s): %s names tensor %u, the package has %d", i, spec.name, spec.input_names[k],
                            static_cast<unsigned>(idx), num_tensors_);
            }
        }
        if (r.output >= num_tensors_)
            return Fail("op %d (%s): output names tensor %u, the package has %d", i, spec.name,
                        static_cast<unsigned>(r.output), num_tensors_);
        if (is_const_[r.output])
            return Fail("op %d (%s): output tensor %u is const", i, spec.name, static_cast<unsigned>(r.output));
        for (const ParamField& f : kParamFields) {
            const bool zero = f.size == 1 ? p[f.offset] == 0 : U32(p + f.offset) == 0;
            if ((spec.params & f.bit) == 0 && !zero)
                return Fail("op %d (%s): unused field %s is not 0", i, spec.name, f.name);
        }
        if ((spec.params & kParamActivation) != 0 && r.activation >= kNumActivations)
            return Fail("op %d (%s): unknown activation code %u", i, spec.name, static_cast<unsigned>(r.activation));
        if ((spec.params & kParamPadding) != 0 && r.padding >= kNumPaddings)
            return Fail("op %d (%s): unknown padding code %u", i, spec.name, static_cast<unsigned>(r.padding));
        if ((spec.params & kParamStrides) != 0 && !(InDimRange(r.stride_h) && InDimRange(r.stride_w)))
            return Fail("op %d (%s): strides %dx%d (1..%d)", i, spec.name, static_cast<int>(r.stride_h),
                        static_cast<int>(r.stride_w), static_cast<int>(kMaxDim));
        if ((spec.params & kParamDilation) != 0 && !(InDimRange(r.dilation_h) && InDimRange(r.dilation_w)))
            return Fail("op %d (%s): dilation %dx%d (1..%d)", i, spec.name, static_cast<int>(r.dilation_h),
                        static_cast<int>(r.dilation_w), static_cast<int>(kMaxDim));
        if ((spec.params & kParamFilter) != 0 && !(InDimRange(r.filter_h) && InDimRange(r.filter_w)))
            return Fail("op %d (%s): filter %dx%d (1..%d)", i, spec.name, static_cast<int>(r.filter_h),
                        static_cast<int>(r.filter_w), static_cast<int>(kMaxDim));
        if ((spec.params & kParamDepthMultiplier) != 0 && !InDimRange(r.depth_multiplier))
            return Fail("op %d (%s): depth multiplier %d (1..%d)", i, spec.name, static_cast<int>(r.depth_multiplier),
                        static_cast<int>(kMaxDim));
        if ((spec.params & kParamBeta) != 0 && !FinitePositive(r.beta))
            return Fail("op %d (%s): beta %g is not finite > 0", i, spec.name, static_cast<double>(r.beta));
    }
    return Status::kOk;
}

Status Loader::CheckIo(const char* what, const uint16_t* list, int n) {
    for (int k = 0; k < n; ++k) {
        const unsigned idx = list[k];
        if (idx >= static_cast<unsigned>(num_tensors_))
            return Fail("graph %s %d names tensor %u, the package has %d", what, k, idx, num_tensors_);
        if (is_const_[idx])
            return Fail("graph %s %d (tensor %u) is const", what, k, idx);
        for (int j = 0; j < k; ++j) {
            if (list[j] == idx)
                return Fail("graph %s %d (tensor %u) is listed twice", what, k, idx);
        }
    }
    return Status::kOk;
}

bool Loader::IsGraphInput(int t) const {
    for (int k = 0; k < num_inputs_; ++k) {
        if (inputs_[k] == t)
            return true;
    }
    return false;
}

// Steps per output element (packageFormat.ts LIMITS.maxWork).
int64_t Loader::Taps(const OpRecord& r) const {
    const auto filter_dim = [this, &r](bool last) -> int64_t {
        const uint8_t* t = TensorRecord(r.inputs[1]);
        const int rank = t[kTensorRank];
        if (rank == 0)
            return 1;
        return I32(t + kTensorDims + 4 * (last ? rank - 1 : 0));
    };
    switch (r.opcode) {
        case kOpFullyConnected:
        case kOpConv2D:
            return elements_[r.inputs[1]] / filter_dim(false);
        case kOpDepthwiseConv2D:
            return elements_[r.inputs[1]] / filter_dim(true);
        case kOpMaxPool2D:
        case kOpAveragePool2D:
            return static_cast<int64_t>(r.filter_h) * r.filter_w;
        default:
            return 1;
    }
}

Status Loader::CheckWiring() {
    int16_t producer[kMaxTensors];
    bool used[kMaxTensors];
    for (int t = 0; t < num_tensors_; ++t) {
        producer[t] = -1;
        used[t] = false;
    }
    int64_t work = 0;
    for (int i = 0; i < num_ops_; ++i) {
        const OpRecord r = ReadOp(i);
        const char* name = kOpSpecs[r.opcode].name;
        for (int k = 0; k < 3; ++k) {
            const uint16_t idx = r.inputs[k];
            if (idx == kNoTensor)
                continue;
            used[idx] = true;
            if (is_const_[idx])
                continue;
            if (producer[idx] < 0 && !IsGraphInput(idx))
                return Fail("op %d (%s): reads tensor %u before any op produces it, and it is not a graph input", i,
                            name, static_cast<unsigned>(idx));
            work += elements_[idx];
        }
        const uint16_t o = r.output;
        used[o] = true;
        if (IsGraphInput(o))
            return Fail("op %d (%s): writes graph input %u", i, name, static_cast<unsigned>(o));
        if (producer[o] >= 0)
            return Fail("op %d (%s): tensor %u is already produced by op %d", i, name, static_cast<unsigned>(o),
                        static_cast<int>(producer[o]));
        producer[o] = static_cast<int16_t>(i);
        work += elements_[o] * Taps(r);
    }
    for (int k = 0; k < num_outputs_; ++k) {
        if (producer[outputs_[k]] < 0)
            return Fail("graph output %d (tensor %u) is not produced by any op", k, static_cast<unsigned>(outputs_[k]));
    }
    for (int t = 0; t < num_tensors_; ++t) {
        if (!used[t])
            return Fail("tensor %d is not used by any op", t);
    }
    if (work > kMaxWork)
        return Fail("one inference needs %lld steps of work (limit %lld)", static_cast<long long>(work),
                    static_cast<long long>(kMaxWork));
    return Status::kOk;
}

Op* Loader::NewOp(void* at, const OpRecord& r, Tensor* tensors) const {
    Tensor* in[3];
    for (int k = 0; k < 3; ++k)
        in[k] = r.inputs[k] == kNoTensor ? nullptr : &tensors[r.inputs[k]];
    Tensor* out = &tensors[r.output];
    const Activation act = static_cast<Activation>(r.activation);
    const Padding pad = static_cast<Padding>(r.padding);
    switch (r.opcode) {
        case kOpFullyConnected:
            return new (at) FullyConnected(in[0], in[1], in[2], out, act);
        case kOpConv2D: {
            Conv2DOptions o;
            o.stride_h = r.stride_h;
            o.stride_w = r.stride_w;
            o.dilation_h = r.dilation_h;
            o.dilation_w = r.dilation_w;
            o.padding = pad;
            o.activation = act;
            return new (at) Conv2D(in[0], in[1], in[2], out, o);
        }
        case kOpDepthwiseConv2D: {
            DepthwiseConv2DOptions o;
            o.stride_h = r.stride_h;
            o.stride_w = r.stride_w;
            o.dilation_h = r.dilation_h;
            o.dilation_w = r.dilation_w;
            o.padding = pad;
            o.depth_multiplier = r.depth_multiplier;
            o.activation = act;
            return new (at) DepthwiseConv2D(in[0], in[1], in[2], out, o);
        }
        case kOpMaxPool2D:
        case kOpAveragePool2D: {
            Pool2DOptions o;
            o.filter_h = r.filter_h;
            o.filter_w = r.filter_w;
            o.stride_h = r.stride_h;
            o.stride_w = r.stride_w;
            o.padding = pad;
            o.activation = act;
            if (r.opcode == kOpMaxPool2D)
                return new (at) MaxPool2D(in[0], out, o);
            return new (at) AveragePool2D(in[0], out, o);
        }
        case kOpAdd:
            return new (at) Add(in[0], in[1], out, act);
        case kOpSub:
            return new (at) Sub(in[0], in[1], out, act);
        case kOpMinimum:
            return new (at) Minimum(in[0], in[1], out);
        case kOpMaximum:
            return new (at) Maximum(in[0], in[1], out);
        case kOpRelu:
            return new (at) Relu(in[0], out);
        case kOpRelu6:
            return new (at) Relu6(in[0], out);
        case kOpReshape:
            return new (at) Reshape(in[0], out);
        case kOpQuantize:
            return new (at) Quantize(in[0], out);
        case kOpDequantize:
            return new (at) Dequantize(in[0], out);
        case kOpSoftmax:
            return new (at) Softmax(in[0], out, r.beta);
        default:
            return new (at) ArgMax(in[0], out, r.axis);
    }
}

Status Loader::Build(void* pool, size_t pool_bytes, uint8_t* arena, size_t arena_bytes) {
    const size_t graph_bytes = AlignSize(sizeof(Graph));
    const size_t tensor_bytes = AlignSize(sizeof(Tensor) * static_cast<size_t>(num_tensors_));
    const size_t op_list_bytes = AlignSize(sizeof(Op*) * static_cast<size_t>(num_ops_));
    size_t need = graph_bytes + tensor_bytes + op_list_bytes;
    for (int i = 0; i < num_ops_; ++i)
        need += AlignSize(OpObjectBytes(ReadOp(i).opcode));
    if (reinterpret_cast<uintptr_t>(pool) % kObjectAlign != 0)
        return Fail("pool must be %u-byte aligned", static_cast<unsigned>(kObjectAlign));
    if (need > pool_bytes)
        return Fail("model needs %u bytes of pool, have %u", static_cast<unsigned>(need),
                    static_cast<unsigned>(pool_bytes));
    if (reinterpret_cast<uintptr_t>(arena) % kConstAlignment != 0)
        return Fail("arena must be %u-byte aligned", static_cast<unsigned>(kConstAlignment));
    if (arena_declared_ > arena_bytes)
        return Fail("arena needs %u bytes, have %u", static_cast<unsigned>(arena_declared_),
                    static_cast<unsigned>(arena_bytes));

    uint8_t* at = static_cast<uint8_t*>(pool);
    void* graph_at = at;
    at += graph_bytes;
    Tensor* tensors = reinterpret_cast<Tensor*>(at);
    at += tensor_bytes;
    Op** ops = reinterpret_cast<Op**>(at);
    at += op_list_bytes;

    const uint8_t* const_data = b_ + const_offset_;
    for (int i = 0; i < num_tensors_; ++i) {
        const uint8_t* r = TensorRecord(i);
        Tensor* t = new (&tensors[i]) Tensor();
        t->type = static_cast<DType>(r[kTensorDtype]);
        t->shape.rank = r[kTensorRank];
        for (int d = 0; d < kMaxDims; ++d)
            t->shape.dims[d] = I32(r + kTensorDims + 4 * d);
        t->is_const = r[kTensorStorage] == kStorageConst;
        if (t->is_const)
            t->data = const_cast<uint8_t*>(const_data + U32(r + kTensorDataOffset));  // in place: zero copy
        if (r[kTensorQuantType] == kQuantPerChannel) {
            // Like Tensor::ConstInt8PerChannel (and the TS twin): the per-tensor scale mirrors channel 0.
            t->quant.channel_scales = reinterpret_cast<const float*>(const_data + U32(r + kTensorScalesOffset));
            t->quant.num_channels = static_cast<int32_t>(U32(r + kTensorNumChannels));
            t->quant.axis = I32(r + kTensorQuantAxis);
            t->quant.scale = t->quant.channel_scales[0];
        } else {
            t->quant.scale = F32(r + kTensorScale);
            t->quant.zero_point = I32(r + kTensorZeroPoint);
        }
    }
    for (int k = 0; k < num_outputs_; ++k)
        tensors[outputs_[k]].keep_alive = true;
    for (int i = 0; i < num_ops_; ++i) {
        const OpRecord r = ReadOp(i);
        ops[i] = NewOp(at, r, tensors);
        at += AlignSize(OpObjectBytes(r.opcode));
    }
    Graph* graph = new (graph_at) Graph(ops, num_ops_, arena, static_cast<int32_t>(arena_declared_));
    if (graph->Prepare() != Status::kOk)
        return Fail("%s", graph->error());

    out_->graph = graph;
    out_->num_tensors = num_tensors_;
    out_->tensors = tensors;
    out_->num_inputs = num_inputs_;
    for (int k = 0; k < num_inputs_; ++k)
        out_->inputs[k] = &tensors[inputs_[k]];
    out_->input = out_->inputs[0];
    out_->num_outputs = num_outputs_;
    for (int k = 0; k < num_outputs_; ++k)
        out_->outputs[k] = &tensors[outputs_[k]];
    out_->self_tests = b_ + self_test_offset_;
    out_->num_self_tests = num_self_tests_;
    for (int k = 0; k < num_inputs_; ++k)
        out_->self_test_input_bytes += bytes_[inputs_[k]];
    for (int k = 0; k < num_outputs_; ++k)
        out_->self_test_output_bytes += bytes_[outputs_[k]];
    out_->pool_bytes = static_cast<int32_t>(need);
    out_->arena_bytes = static_cast<int32_t>(arena_declared_);
    return Status::kOk;
}

}  // namespace

Status LoadModel(const uint8_t* body, size_t size, void* pool, size_t pool_bytes, uint8_t* arena, size_t arena_bytes,
                 LoadedModel* out) {
    *out = LoadedModel();
    Loader loader(body, size, out);
    if (loader.Validate() != Status::kOk || loader.Build(pool, pool_bytes, arena, arena_bytes) != Status::kOk) {
        char message[sizeof(out->error)];
        std::memcpy(message, out->error, sizeof(message));
        *out = LoadedModel();
        std::memcpy(out->error, message, sizeof(message));
        return Status::kError;
    }
    return Status::kOk;
}

SelfTestResult RunSelfTest(const LoadedModel& m) {
    SelfTestResult res;
    res.vectors = m.num_self_tests;
    if (m.graph == nullptr) {
        std::snprintf(res.message, sizeof(res.message), "no model loaded");
        return res;
    }
    const int32_t vector_bytes = m.self_test_input_bytes + m.self_test_output_bytes;
    for (int v = 0; v < m.num_self_tests; ++v) {
        const uint8_t* in = m.self_tests + static_cast<size_t>(v) * vector_bytes;
        for (int k = 0; k < m.num_inputs; ++k) {
            std::memcpy(m.inputs[k]->data, in, static_cast<size_t>(m.inputs[k]->Bytes()));
            in += m.inputs[k]->Bytes();
        }
        m.graph->Invoke();
        const uint8_t* expected = in;
        for (int o = 0; o < m.num_outputs; ++o) {
            const uint8_t* got = static_cast<const uint8_t*>(m.outputs[o]->data);
            for (int32_t b = 0; b < m.outputs[o]->Bytes(); ++b) {
                if (got[b] != expected[b]) {
                    res.failed_vector = v;
                    res.output = o;
                    res.byte = b;
                    res.expected = expected[b];
                    res.actual = got[b];
                    std::snprintf(res.message, sizeof(res.message),
                                  "self-test vector %d of %d: output %d byte %d is 0x%02x, expected 0x%02x", v,
                                  m.num_self_tests, o, static_cast<int>(b), got[b], expected[b]);
                    return res;
                }
            }
            expected += m.outputs[o]->Bytes();
        }
    }
    res.status = Status::kOk;
    std::snprintf(res.message, sizeof(res.message), "self-test passed: %d vectors bit for bit", m.num_self_tests);
    return res;
}

}  // namespace nn
