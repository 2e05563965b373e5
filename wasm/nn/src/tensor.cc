#include "nn/tensor.h"

#include <cstdio>

namespace nn {

const char* DTypeName(DType t) {
    switch (t) {
        case DType::kInt8:
            return "int8";
        case DType::kInt32:
            return "int32";
        case DType::kFloat32:
            return "float32";
    }
    return "?";
}

int32_t DTypeSize(DType t) {
    switch (t) {
        case DType::kInt8:
            return 1;
        case DType::kInt32:
            return 4;
        case DType::kFloat32:
            return 4;
    }
    return 0;
}

Shape::Shape(std::initializer_list<int32_t> d) {
    rank = 0;
    for (int32_t v : d) {
        if (rank < kMaxDims)
            dims[rank] = v;
        ++rank;
    }
    if (rank > kMaxDims)
        rank = -1;  // invalid; ops reject it in Prepare
}

int32_t Shape::FlatSize() const {
    if (rank < 0)
        return 0;
    int32_t n = 1;
    for (int i = 0; i < rank; ++i)
        n *= dims[i];
    return n;
}

bool Shape::operator==(const Shape& o) const {
    if (rank != o.rank)
        return false;
    for (int i = 0; i < rank; ++i) {
        if (dims[i] != o.dims[i])
            return false;
    }
    return true;
}

const char* Shape::Format(char* buf, int size) const {
    if (size <= 0)
        return buf;
    int pos = std::snprintf(buf, static_cast<size_t>(size), "[");
    for (int i = 0; i < rank && pos < size; ++i) {
        pos +=
            std::snprintf(buf + pos, static_cast<size_t>(size - pos), i == 0 ? "%d" : ",%d", static_cast<int>(dims[i]));
    }
    if (pos < size)
        std::snprintf(buf + pos, static_cast<size_t>(size - pos), "]");
    return buf;
}

Tensor Tensor::Activation(DType type, Shape shape, float scale, int32_t zero_point) {
    Tensor t;
    t.type = type;
    t.shape = shape;
    t.quant.scale = scale;
    t.quant.zero_point = zero_point;
    return t;
}

Tensor Tensor::ConstInt8(Shape shape, const int8_t* data, float scale, int32_t zero_point) {
    Tensor t;
    t.type = DType::kInt8;
    t.shape = shape;
    t.quant.scale = scale;
    t.quant.zero_point = zero_point;
    t.data = const_cast<int8_t*>(data);
    t.is_const = true;
    return t;
}

Tensor Tensor::ConstInt8PerChannel(Shape shape, const int8_t* data, const float* scales, int32_t num_channels,
                                   int32_t axis) {
    Tensor t;
    t.type = DType::kInt8;
    t.shape = shape;
    t.quant.scale = num_channels > 0 ? scales[0] : 0.0f;
    t.quant.zero_point = 0;
    t.quant.channel_scales = scales;
    t.quant.num_channels = num_channels;
    t.quant.axis = axis;
    t.data = const_cast<int8_t*>(data);
    t.is_const = true;
    return t;
}

Tensor Tensor::ConstInt32(Shape shape, const int32_t* data) {
    Tensor t;
    t.type = DType::kInt32;
    t.shape = shape;
    t.data = const_cast<int32_t*>(data);
    t.is_const = true;
    return t;
}

}  // namespace nn
