#include "golden_check.h"

#include <cstdio>
#include <cstring>

namespace nn_test {

int g_checks = 0;
int g_failures = 0;

void Report(const golden::Case& c, const char* variant, int n, int mismatches, const char* note) {
    ++g_checks;
    if (mismatches != 0)
        ++g_failures;
    std::printf("CASE %s %s %s n=%d mismatches=%d%s%s\n", c.name.c_str(), c.op.c_str(), variant, n, mismatches,
                note[0] ? " " : "", note);
}

void ReportCheck(const char* name, int n, int mismatches) {
    ++g_checks;
    if (mismatches != 0)
        ++g_failures;
    std::printf("CASE %s property - n=%d mismatches=%d\n", name, n, mismatches);
}

int Compare(const golden::Tensor& want, const void* got, nn::DType type, int n, const char* what) {
    if (static_cast<int>(want.count) != n) {
        std::printf("  %s: expected %u values, got %d\n", what, want.count, n);
        return n > 0 ? n : 1;
    }
    const int size = nn::DTypeSize(type);
    if (golden::TypeSize(want.storage) != size) {
        std::printf("  %s: type mismatch\n", what);
        return n;
    }
    int mismatches = 0;
    for (int i = 0; i < n; ++i) {
        if (std::memcmp(static_cast<const uint8_t*>(got) + i * size, want.bytes.data() + i * size, size) != 0) {
            if (mismatches < 5) {
                double g = 0;
                if (type == nn::DType::kInt8)
                    g = static_cast<const int8_t*>(got)[i];
                else if (type == nn::DType::kInt32)
                    g = static_cast<const int32_t*>(got)[i];
                else
                    g = static_cast<const float*>(got)[i];
                std::printf("  %s[%d]: got %.9g want %.9g\n", what, i, g, want.Value(i));
            }
            ++mismatches;
        }
    }
    return mismatches;
}

int CompareInt32(const golden::Tensor& want, const std::vector<int32_t>& got, const char* what) {
    return Compare(want, got.data(), nn::DType::kInt32, static_cast<int>(got.size()), what);
}

nn::Shape ShapeOf(const golden::Tensor& t) {
    nn::Shape s;
    s.rank = static_cast<int32_t>(t.shape.size());
    for (int i = 0; i < s.rank && i < nn::kMaxDims; ++i)
        s.dims[i] = t.shape[i];
    return s;
}

nn::DType TypeOf(const golden::Tensor& t) {
    return t.dtype == golden::kInt8 ? nn::DType::kInt8
                                    : (t.dtype == golden::kInt32 ? nn::DType::kInt32 : nn::DType::kFloat32);
}

nn::Activation Act(double code) {
    return code == golden::kActRelu ? nn::Activation::kRelu
                                    : (code == golden::kActRelu6 ? nn::Activation::kRelu6 : nn::Activation::kNone);
}
nn::Padding Pad(double code) { return code == golden::kPadSame ? nn::Padding::kSame : nn::Padding::kValid; }

const char* KernelName(nn::FcKernel k) { return k == nn::FcKernel::kReference ? "reference" : "simd"; }

bool RunGraph(const golden::Case& c, const char* variant, nn::Graph& graph, Workspace& ws) {
    if (graph.Prepare() != nn::Status::kOk) {
        Report(c, variant, 0, 1, graph.error());
        return false;
    }
    ws.FeedInputs();
    graph.Invoke();
    return true;
}

}  // namespace nn_test
