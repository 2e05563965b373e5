// Runs the fixed-point arithmetic and planner golden tables.
#include <vector>

#include "golden_cases.h"
#include "golden_check.h"

namespace nn_test {

void RunQuantizeMultiplier(const golden::Case& c) {
    const golden::Tensor& in = c.tensors[c.Indices(golden::kRaw)[0]];
    std::vector<int32_t> out;
    for (uint32_t i = 0; i < in.count; ++i) {
        int32_t m = 0;
        int s = 0;
        nn::QuantizeMultiplier(in.At<double>(i), &m, &s);
        out.push_back(m);
        out.push_back(s);
    }
    Report(c, "-", static_cast<int>(out.size()), CompareInt32(c.tensors[c.Indices(golden::kExpected)[0]], out, "qm"));
}

void RunMultiplyByQuantizedMultiplier(const golden::Case& c) {
    const golden::Tensor& in = c.tensors[c.Indices(golden::kRaw)[0]];
    std::vector<int32_t> out;
    for (uint32_t i = 0; i + 2 < in.count; i += 3) {
        out.push_back(
            nn::MultiplyByQuantizedMultiplier(in.At<int32_t>(i), in.At<int32_t>(i + 1), in.At<int32_t>(i + 2)));
    }
    Report(c, "-", static_cast<int>(out.size()), CompareInt32(c.tensors[c.Indices(golden::kExpected)[0]], out, "mbqm"));
}

void RunChooseQuantParams(const golden::Case& c) {
    const golden::Tensor& in = c.tensors[c.Indices(golden::kRaw)[0]];
    std::vector<float> scales;
    std::vector<int32_t> zps;
    for (uint32_t i = 0; i + 1 < in.count; i += 2) {
        float s = 0;
        int32_t z = 0;
        nn::ChooseQuantParams(in.At<float>(i), in.At<float>(i + 1), &s, &z);
        scales.push_back(s);
        zps.push_back(z);
    }
    const std::vector<int> e = c.Indices(golden::kExpected);
    const int m =
        Compare(c.tensors[e[0]], scales.data(), nn::DType::kFloat32, static_cast<int>(scales.size()), "scale") +
        CompareInt32(c.tensors[e[1]], zps, "zero_point");
    Report(c, "-", static_cast<int>(scales.size() * 2), m);
}

template <typename P>
std::vector<int32_t> PlanOffsets(P& planner, const golden::Tensor& problem, bool* overlap) {
    planner.Reset();
    for (uint32_t i = 0; i + 2 < problem.count; i += 3) {
        planner.AddBuffer(problem.At<int32_t>(i), problem.At<int32_t>(i + 1), problem.At<int32_t>(i + 2));
    }
    planner.Plan();
    std::vector<int32_t> out;
    for (int i = 0; i < planner.num_buffers(); ++i)
        out.push_back(planner.offset(i));
    out.push_back(planner.RequiredBytes());
    *overlap = planner.HasOverlap();
    return out;
}

void RunPlanner(const golden::Case& c) {
    static nn::GreedyPlanner greedy;
    static nn::LinearPlanner linear;
    const golden::Tensor& problem = c.tensors[c.Indices(golden::kRaw)[0]];
    const std::vector<int> e = c.Indices(golden::kExpected);
    bool overlap_g = false;
    bool overlap_l = false;
    const std::vector<int32_t> g = PlanOffsets(greedy, problem, &overlap_g);
    const std::vector<int32_t> l = PlanOffsets(linear, problem, &overlap_l);
    const int m = CompareInt32(c.tensors[e[0]], g, "greedy") + CompareInt32(c.tensors[e[1]], l, "linear") +
                  (overlap_g ? 1 : 0) + (overlap_l ? 1 : 0);
    Report(c, "-", static_cast<int>(g.size() + l.size()), m);
}

}  // namespace nn_test
