// tensor.h — tensors, shapes and quantization parameters of the nn library.
//
// A Tensor is a small descriptor: type, shape (up to 4 dims), quantization parameters and a data pointer. Constant
// tensors (weights, biases) point at const data that the linker places in flash (.rodata); activation tensors are
// placed in the arena ("SRAM") by the Graph's memory planner, which sets their data pointer in Graph::Prepare.
// Twin: src/ml/kernels/tensor.ts.
#ifndef NN_TENSOR_H
#define NN_TENSOR_H

#include <cstdint>
#include <initializer_list>

namespace nn {

enum class DType : uint8_t { kInt8 = 0, kInt32 = 1, kFloat32 = 2 };
const char* DTypeName(DType t);
int32_t DTypeSize(DType t);

enum class Status : uint8_t { kOk = 0, kError = 1 };

constexpr int kMaxDims = 4;

struct Shape {
    int32_t rank = 0;
    int32_t dims[kMaxDims] = {0, 0, 0, 0};

    Shape() = default;
    Shape(std::initializer_list<int32_t> d);
    int32_t Dim(int i) const { return dims[i]; }
    int32_t FlatSize() const;
    bool operator==(const Shape& o) const;
    bool operator!=(const Shape& o) const { return !(*this == o); }
    // Writes e.g. "[1,28,28,1]" into buf (always NUL-terminated); returns buf.
    const char* Format(char* buf, int size) const;
};

// Per-tensor (scale, zero_point) or per-channel symmetric (channel_scales[num_channels] along `axis`, zero point 0).
struct Quant {
    float scale = 0.0f;
    int32_t zero_point = 0;
    const float* channel_scales = nullptr;
    int32_t num_channels = 0;
    int32_t axis = 0;

    bool per_channel() const { return channel_scales != nullptr; }
    float ScaleAt(int32_t channel) const { return channel_scales != nullptr ? channel_scales[channel] : scale; }
    // Bytes these parameters take when stored next to a constant tensor: scales (float) + one int32 zero point.
    int32_t StoredBytes() const { return (channel_scales != nullptr ? num_channels : 1) * 4 + 4; }
};

struct Tensor {
    DType type = DType::kInt8;
    Shape shape;
    Quant quant;
    void* data = nullptr;
    bool is_const = false;    // true: weights/bias in const data ("flash"); false: activation in the arena ("SRAM")
    bool keep_alive = false;  // activation that must survive to the end of Invoke although an op consumes it

    int32_t Bytes() const { return shape.FlatSize() * DTypeSize(type); }
    int8_t* i8() const { return static_cast<int8_t*>(data); }
    int32_t* i32() const { return static_cast<int32_t*>(data); }
    float* f32() const { return static_cast<float*>(data); }

    // Activation placed in the arena by the planner.
    static Tensor Activation(DType type, Shape shape, float scale = 0.0f, int32_t zero_point = 0);
    // Constant int8 weights, per-tensor symmetric.
    static Tensor ConstInt8(Shape shape, const int8_t* data, float scale, int32_t zero_point = 0);
    // Constant int8 weights, per-channel symmetric along `axis` (0 for FullyConnected/Conv2D, 3 for DepthwiseConv2D).
    static Tensor ConstInt8PerChannel(Shape shape, const int8_t* data, const float* scales, int32_t num_channels,
                                      int32_t axis);
    // Constant int32 bias (scale implied: input_scale * weight_scale[c]).
    static Tensor ConstInt32(Shape shape, const int32_t* data);
};

}  // namespace nn

#endif  // NN_TENSOR_H
