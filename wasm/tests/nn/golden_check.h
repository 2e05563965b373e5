// golden_check.h — what the golden driver's checks share: CASE-line reporting, comparison with expected tensors, and
// the Workspace that owns one case's tensors.
#ifndef NN_TESTS_GOLDEN_CHECK_H
#define NN_TESTS_GOLDEN_CHECK_H

#include <cstring>
#include <deque>
#include <vector>

#include "golden_reader.h"
#include "nn/nn.h"

namespace nn_test {

extern int g_checks;
extern int g_failures;

void Report(const golden::Case& c, const char* variant, int n, int mismatches, const char* note = "");
void ReportCheck(const char* name, int n, int mismatches);
// Compares an output buffer with an expected golden tensor element by element (bitwise for floats).
int Compare(const golden::Tensor& want, const void* got, nn::DType type, int n, const char* what);
int CompareInt32(const golden::Tensor& want, const std::vector<int32_t>& got, const char* what);
nn::Shape ShapeOf(const golden::Tensor& t);
nn::DType TypeOf(const golden::Tensor& t);

// Owns the tensors and data of one case (stable addresses for the ops and the graph).
struct Workspace {
    std::deque<nn::Tensor> tensors;
    std::deque<std::vector<int8_t>> i8;
    std::deque<std::vector<int32_t>> i32;
    std::deque<std::vector<float>> f32;
    std::vector<uint8_t> arena = std::vector<uint8_t>(1 << 20);

    // Graph input + the values to copy into it after Prepare.
    struct Feed {
        nn::Tensor* tensor;
        const void* data;
        int bytes;
    };
    std::vector<Feed> feeds;

    nn::Tensor* Input(const golden::Tensor& g) {
        const nn::DType type = TypeOf(g);
        const float scale = g.scales.empty() ? 0.0f : g.scales[0];
        tensors.push_back(nn::Tensor::Activation(type, ShapeOf(g), scale, g.zero_point));
        nn::Tensor* t = &tensors.back();
        if (type == nn::DType::kFloat32) {
            f32.emplace_back(g.count);
            for (uint32_t i = 0; i < g.count; ++i)
                f32.back()[i] = g.At<float>(i);
            feeds.push_back({t, f32.back().data(), static_cast<int>(g.count * 4)});
        } else {
            i8.emplace_back(g.count);
            for (uint32_t i = 0; i < g.count; ++i)
                i8.back()[i] = nn::QuantizeInt8(g.At<float>(i), scale, g.zero_point);
            feeds.push_back({t, i8.back().data(), static_cast<int>(g.count)});
        }
        return t;
    }

    nn::Tensor* Output(const golden::Tensor& g) {
        tensors.push_back(
            nn::Tensor::Activation(TypeOf(g), ShapeOf(g), g.scales.empty() ? 0.0f : g.scales[0], g.zero_point));
        return &tensors.back();
    }

    float WeightScale(const golden::Tensor& w, int32_t channel) const {
        return w.scales.size() == 1 ? w.scales[0] : w.scales[channel];
    }

    nn::Tensor* Weights(const golden::Tensor& g) {
        i8.emplace_back(g.count);
        int32_t inner = 1;
        for (size_t i = g.axis + 1; i < g.shape.size(); ++i)
            inner *= g.shape[i];
        const int32_t channels = g.shape[g.axis];
        for (uint32_t i = 0; i < g.count; ++i) {
            const int32_t c = (static_cast<int32_t>(i) / inner) % channels;
            i8.back()[i] = nn::QuantizeWeight(g.At<float>(i), WeightScale(g, c));
        }
        if (g.scales.size() > 1) {
            f32.emplace_back(g.scales);
            tensors.push_back(nn::Tensor::ConstInt8PerChannel(ShapeOf(g), i8.back().data(), f32.back().data(),
                                                              static_cast<int32_t>(g.scales.size()), g.axis));
        } else {
            tensors.push_back(nn::Tensor::ConstInt8(ShapeOf(g), i8.back().data(), g.scales[0]));
        }
        return &tensors.back();
    }

    nn::Tensor* Bias(const golden::Tensor& g, const golden::Tensor& w) {
        i32.emplace_back(g.count);
        for (uint32_t i = 0; i < g.count; ++i) {
            i32.back()[i] = nn::QuantizeBias(g.At<float>(i), g.scales[0], WeightScale(w, static_cast<int32_t>(i)));
        }
        tensors.push_back(nn::Tensor::ConstInt32(ShapeOf(g), i32.back().data()));
        return &tensors.back();
    }

    void FeedInputs() {
        for (const Feed& f : feeds)
            std::memcpy(f.tensor->data, f.data, static_cast<size_t>(f.bytes));
    }
};

nn::Activation Act(double code);
nn::Padding Pad(double code);
const char* KernelName(nn::FcKernel k);
// Prepares a graph and runs it; on failure reports every expected value as a mismatch.
bool RunGraph(const golden::Case& c, const char* variant, nn::Graph& graph, Workspace& ws);

}  // namespace nn_test

#endif  // NN_TESTS_GOLDEN_CHECK_H
