// golden_reader.h — reads the shared golden vectors (format: src/ml/golden/format.ts) for the C++ test driver.
#ifndef NN_TESTS_GOLDEN_READER_H
#define NN_TESTS_GOLDEN_READER_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "golden_format.h"

namespace golden {

inline int TypeSize(uint8_t t) { return t == kInt8 ? 1 : (t == kFloat64 ? 8 : 4); }

struct Tensor {
    uint8_t role = 0;
    uint8_t dtype = 0;
    uint8_t storage = 0;
    std::vector<int32_t> shape;
    std::vector<float> scales;
    int32_t zero_point = 0;
    int32_t axis = 0;
    uint32_t count = 0;
    std::vector<uint8_t> bytes;  // count * TypeSize(storage), little-endian

    template <typename T>
    T At(uint32_t i) const {
        T v;
        std::memcpy(&v, bytes.data() + static_cast<size_t>(i) * sizeof(T), sizeof(T));
        return v;
    }
    // Stored value i converted to double, whatever the storage type.
    double Value(uint32_t i) const {
        switch (storage) {
            case kInt8:
                return At<int8_t>(i);
            case kInt32:
                return At<int32_t>(i);
            case kFloat32:
                return At<float>(i);
            default:
                return At<double>(i);
        }
    }
};

struct Case {
    std::string name;
    std::string op;
    std::vector<double> params;
    std::vector<Tensor> tensors;

    double Param(size_t i, double fallback = 0.0) const { return i < params.size() ? params[i] : fallback; }
    // Indices of tensors with this role, in order.
    std::vector<int> Indices(uint8_t role) const {
        std::vector<int> out;
        for (size_t i = 0; i < tensors.size(); ++i) {
            if (tensors[i].role == role)
                out.push_back(static_cast<int>(i));
        }
        return out;
    }
};

class Reader {
public:
    explicit Reader(const std::vector<uint8_t>& data) : d_(data) {}

    // Returns false (and sets error) on malformed input.
    bool Parse(std::vector<Case>* cases) {
        if (d_.size() < 12 || std::memcmp(d_.data(), kMagic, 4) != 0)
            return Fail("bad magic");
        pos_ = 4;
        uint32_t version = 0;
        uint32_t num = 0;
        if (!U32(&version) || version != kVersion)
            return Fail("unsupported version");
        if (!U32(&num))
            return false;
        cases->clear();
        for (uint32_t c = 0; c < num; ++c) {
            Case k;
            uint32_t np = 0;
            uint32_t nt = 0;
            if (!Str(&k.name) || !Str(&k.op) || !U32(&np))
                return false;
            k.params.resize(np);
            if (!Bytes(k.params.data(), np * 8))
                return false;
            if (!U32(&nt))
                return false;
            for (uint32_t t = 0; t < nt; ++t) {
                Tensor x;
                uint8_t rank = 0;
                uint32_t ns = 0;
                if (!U8(&x.role) || !U8(&x.dtype) || !U8(&x.storage) || !U8(&rank))
                    return false;
                x.shape.resize(rank);
                if (!Bytes(x.shape.data(), rank * 4u) || !U32(&ns))
                    return false;
                x.scales.resize(ns);
                if (!Bytes(x.scales.data(), ns * 4u))
                    return false;
                if (!Bytes(&x.zero_point, 4) || !Bytes(&x.axis, 4) || !U32(&x.count))
                    return false;
                x.bytes.resize(static_cast<size_t>(x.count) * TypeSize(x.storage));
                if (!Bytes(x.bytes.data(), x.bytes.size()))
                    return false;
                k.tensors.push_back(std::move(x));
            }
            cases->push_back(std::move(k));
        }
        if (pos_ != d_.size())
            return Fail("trailing bytes");
        return true;
    }
    const std::string& error() const { return error_; }

private:
    bool Fail(const char* m) {
        error_ = m;
        return false;
    }
    bool Bytes(void* out, size_t n) {
        if (pos_ + n > d_.size())
            return Fail("truncated");
        if (n > 0)
            std::memcpy(out, d_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    bool U8(uint8_t* v) { return Bytes(v, 1); }
    bool U32(uint32_t* v) { return Bytes(v, 4); }
    bool Str(std::string* s) {
        uint16_t n = 0;
        if (!Bytes(&n, 2))
            return false;
        if (pos_ + n > d_.size())
            return Fail("truncated");
        s->assign(reinterpret_cast<const char*>(d_.data() + pos_), n);
        pos_ += n;
        return true;
    }

    const std::vector<uint8_t>& d_;
    size_t pos_ = 0;
    std::string error_;
};

}  // namespace golden

#endif  // NN_TESTS_GOLDEN_READER_H
