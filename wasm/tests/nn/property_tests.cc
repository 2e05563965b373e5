#include "property_tests.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "golden_check.h"

namespace nn_test {

namespace {

uint32_t g_rng = 0x2018u;
uint32_t NextRandom() {
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}
int32_t RandomIn(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(NextRandom() % static_cast<uint32_t>(hi - lo + 1));
}

}  // namespace

// Thousands of random problems: no two buffers alive together overlap, offsets are 16-aligned, greedy never needs
// more than linear (up to linear's final alignment padding), and greedy needs at least the peak of simultaneously
// live bytes.
void PlannerProperty() {
    static nn::GreedyPlanner greedy;
    static nn::LinearPlanner linear;
    const int problems = 3000;
    int failures = 0;
    for (int p = 0; p < problems; ++p) {
        const int n = RandomIn(0, nn::MemoryPlanner::kMaxBuffers);
        const int ops = RandomIn(1, 40);
        greedy.Reset();
        linear.Reset();
        for (int i = 0; i < n; ++i) {
            const int32_t first = RandomIn(0, ops - 1);
            const int32_t last = RandomIn(first, first + RandomIn(0, 6) < ops - 1 ? first + RandomIn(0, 6) : ops - 1);
            const int32_t size = RandomIn(0, 20) == 0 ? 0 : RandomIn(1, RandomIn(0, 1) ? 64 : 100000);
            greedy.AddBuffer(size, first, last);
            linear.AddBuffer(size, first, last);
        }
        greedy.Plan();
        linear.Plan();
        int32_t peak = 0;
        for (int t = 0; t < ops; ++t) {
            int32_t live = 0;
            for (int i = 0; i < n; ++i) {
                if (greedy.first_use(i) <= t && t <= greedy.last_use(i))
                    live += greedy.size(i);
            }
            if (live > peak)
                peak = live;
        }
        bool ok = !greedy.HasOverlap() && !linear.HasOverlap() &&
                  greedy.RequiredBytes() <= nn::AlignUp(linear.RequiredBytes(), nn::kArenaAlignment) &&
                  greedy.RequiredBytes() >= peak;
        for (int i = 0; i < n; ++i)
            ok = ok && greedy.offset(i) % 16 == 0 && linear.offset(i) % 16 == 0;
        if (!ok)
            ++failures;
    }
    ReportCheck("planner_random_no_overlap", problems, failures);
}

// Reference vs SIMD FullyConnected on random problems, including an accumulator that overflows int32.
void FullyConnectedSimdProperty() {
    const int problems = 400;
    int failures = 0;
    for (int p = 0; p <= problems; ++p) {
        const bool overflow = p == problems;
        const int32_t batches = overflow ? 1 : RandomIn(1, 3);
        const int32_t depth = overflow ? 70000 : RandomIn(1, 1200);
        const int32_t units = overflow ? 6 : RandomIn(1, 40);
        std::vector<int8_t> x(static_cast<size_t>(batches) * depth);
        std::vector<int8_t> w(static_cast<size_t>(units) * depth);
        std::vector<int32_t> bias(units);
        for (auto& v : x)
            v = static_cast<int8_t>(overflow ? 127 : RandomIn(-128, 127));
        for (auto& v : w)
            v = static_cast<int8_t>(overflow ? -127 : RandomIn(-127, 127));
        for (auto& v : bias)
            v = RandomIn(-100000, 100000);
        const bool per_channel = RandomIn(0, 1) == 1;
        std::vector<int32_t> mult(per_channel ? units : 1);
        std::vector<int32_t> shift(mult.size());
        for (size_t i = 0; i < mult.size(); ++i) {
            int s = 0;
            nn::QuantizeMultiplier(std::ldexp(1.0 + (NextRandom() % 1000) / 1000.0, -RandomIn(5, 20)), &mult[i], &s);
            shift[i] = s;
        }
        nn::ref::FullyConnectedParams fp;
        fp.input_offset = overflow ? 128 : RandomIn(-127, 128);
        fp.output_offset = RandomIn(-128, 127);
        fp.output_multiplier = mult.data();
        fp.output_shift = shift.data();
        fp.per_channel = per_channel;
        fp.act_min = RandomIn(-128, 0);
        fp.act_max = RandomIn(0, 127);
        fp.batches = batches;
        fp.accum_depth = depth;
        fp.output_depth = units;
        std::vector<int32_t> sums(units);
        nn::ref::WeightRowSums(w.data(), units, depth, sums.data());
        std::vector<int8_t> a(static_cast<size_t>(batches) * units);
        std::vector<int8_t> b(a.size());
        const int32_t* bp = RandomIn(0, 3) == 0 ? nullptr : bias.data();
        nn::ref::FullyConnected(fp, x.data(), w.data(), bp, a.data());
        nn::ref::FullyConnectedSimd(fp, sums.data(), x.data(), w.data(), bp, b.data());
        if (a != b)
            ++failures;
    }
    ReportCheck(nn::ref::SimdAvailable() ? "fc_simd_vs_reference_random" : "fc_fallback_vs_reference_random",
                problems + 1, failures);
}

namespace {

// Random requantization parameters for `channels` output channels.
void RandomMultipliers(int32_t channels, std::vector<int32_t>* mult, std::vector<int32_t>* shift) {
    mult->resize(channels);
    shift->resize(channels);
    for (int32_t i = 0; i < channels; ++i) {
        int s = 0;
        nn::QuantizeMultiplier(std::ldexp(1.0 + (NextRandom() % 1000) / 1000.0, -RandomIn(4, 16)), &(*mult)[i], &s);
        (*shift)[i] = s;
    }
}

}  // namespace

// Reference vs SIMD Conv2D and DepthwiseConv2D on random shapes: odd and even channel counts, 1x1 to 5x5 filters
// (non-square too), strides 1 and 2, dilations 1 to 3, SAME and VALID padding, depth multipliers 1 to 3,
// per-channel requantization with extreme zero points. Where a SIMD kernel does not apply (depth multiplier > 1) both
// sides are the reference.
void ConvSimdProperty() {
    const int problems = 600;
    int failures = 0;
    int simd_runs = 0;
    for (int pr = 0; pr < problems; ++pr) {
        const bool depthwise = pr % 2 == 1;
        nn::ref::ConvParams p;
        p.batches = RandomIn(1, 2);
        p.in_h = RandomIn(1, 12);
        p.in_w = RandomIn(1, 12);
        p.in_c = RandomIn(0, 3) == 0 ? RandomIn(1, 3) : RandomIn(1, 40);
        p.filter_h = RandomIn(1, 5);
        p.filter_w = RandomIn(1, 5);
        p.stride_h = RandomIn(1, 2);
        p.stride_w = RandomIn(1, 2);
        p.depth_multiplier = depthwise && RandomIn(0, 2) == 0 ? RandomIn(2, 3) : 1;
        p.out_c = depthwise ? p.in_c * p.depth_multiplier : RandomIn(1, 37);
        p.dilation_h = RandomIn(0, 3) == 0 ? RandomIn(2, 3) : 1;
        p.dilation_w = RandomIn(0, 3) == 0 ? RandomIn(2, 3) : 1;
        const nn::ref::Padding padding = RandomIn(0, 1) == 0 ? nn::ref::Padding::kSame : nn::ref::Padding::kValid;
        int32_t span_h = (p.filter_h - 1) * p.dilation_h + 1;
        int32_t span_w = (p.filter_w - 1) * p.dilation_w + 1;
        if (padding == nn::ref::Padding::kValid && (span_h > p.in_h || span_w > p.in_w)) {
            p.filter_h = p.filter_w = 1;
            span_h = span_w = 1;
        }
        p.out_h = nn::ref::ComputeOutSize(padding, p.in_h, span_h, p.stride_h);
        p.out_w = nn::ref::ComputeOutSize(padding, p.in_w, span_w, p.stride_w);
        p.pad_h = nn::ref::ComputePadding(p.stride_h, p.in_h, span_h, p.out_h);
        p.pad_w = nn::ref::ComputePadding(p.stride_w, p.in_w, span_w, p.out_w);
        const int32_t zero_point = RandomIn(0, 4) == 0 ? (RandomIn(0, 1) ? -128 : 127) : RandomIn(-128, 127);
        p.input_offset = -zero_point;
        p.output_offset = RandomIn(-128, 127);
        p.act_min = RandomIn(-128, 0);
        p.act_max = RandomIn(0, 127);
        std::vector<int32_t> mult, shift;
        RandomMultipliers(p.out_c, &mult, &shift);
        p.output_multiplier = mult.data();
        p.output_shift = shift.data();
        const int32_t filter_size =
            depthwise ? p.filter_h * p.filter_w * p.out_c : p.out_c * p.filter_h * p.filter_w * p.in_c;
        std::vector<int8_t> x(static_cast<size_t>(p.batches) * p.in_h * p.in_w * p.in_c);
        std::vector<int8_t> w(filter_size);
        std::vector<int32_t> bias(p.out_c);
        for (auto& v : x)
            v = static_cast<int8_t>(RandomIn(-128, 127));
        for (auto& v : w)
            v = static_cast<int8_t>(RandomIn(0, 9) == 0 ? -128 : RandomIn(-127, 127));
        for (auto& v : bias)
            v = RandomIn(-50000, 50000);
        const int32_t* bp = RandomIn(0, 3) == 0 ? nullptr : bias.data();
        std::vector<int8_t> a(static_cast<size_t>(p.batches) * p.out_h * p.out_w * p.out_c);
        std::vector<int8_t> b(a.size(), 0);
        if (depthwise) {
            nn::ref::DepthwiseConv2D(p, x.data(), w.data(), bp, a.data());
            if (nn::ref::DepthwiseSimdApplies(p)) {
                ++simd_runs;
                nn::ref::DepthwiseConv2DSimd(p, x.data(), w.data(), bp, b.data());
            } else {
                nn::ref::DepthwiseConv2D(p, x.data(), w.data(), bp, b.data());
            }
        } else {
            static int8_t patch[nn::ref::kConvSimdMaxPatch];
            nn::ref::Conv2D(p, x.data(), w.data(), bp, a.data());
            if (nn::ref::ConvSimdApplies(p))
                ++simd_runs;
            nn::ref::Conv2DSimd(p, x.data(), w.data(), bp, patch, b.data());
        }
        if (a != b)
            ++failures;
    }
    // In the SIMD build most problems must have run a SIMD kernel (all Conv2D, depthwise with multiplier 1).
    if (nn::ref::SimdAvailable() && simd_runs < problems / 2 + problems / 8)
        ++failures;
    if (!nn::ref::SimdAvailable() && simd_runs != 0)
        ++failures;
    std::printf("  conv property: %d of %d problems ran a SIMD kernel\n", simd_runs, problems);
    ReportCheck(nn::ref::SimdAvailable() ? "conv_simd_vs_reference_random" : "conv_fallback_vs_reference_random",
                problems, failures);
}

// Graph figures and error reporting on a small model built the way an application would.
void GraphProperty() {
    static const int8_t w1[4 * 3] = {1, -2, 3, 4, 5, -6, 7, 8, 9, -10, 11, 12};
    static const int32_t b1[4] = {1, 2, 3, 4};
    static const float s1[4] = {0.01f, 0.02f, 0.03f, 0.04f};
    nn::Tensor in = nn::Tensor::Activation(nn::DType::kInt8, {1, 3}, 0.05f, -3);
    nn::Tensor w = nn::Tensor::ConstInt8PerChannel({4, 3}, w1, s1, 4, 0);
    nn::Tensor b = nn::Tensor::ConstInt32({4}, b1);
    nn::Tensor h = nn::Tensor::Activation(nn::DType::kInt8, {1, 4}, 0.1f, 0);
    nn::Tensor o = nn::Tensor::Activation(nn::DType::kInt8, {1, 4}, 1.0f / 256, -128);
    nn::Tensor wrong = nn::Tensor::Activation(nn::DType::kInt8, {1, 5}, 0.1f, 0);
    nn::FullyConnected fc(&in, &w, &b, &h, nn::Activation::kRelu);
    nn::Softmax sm(&h, &o);
    nn::FullyConnected bad(&in, &w, &b, &wrong);
    nn::Op* ops[] = {&fc, &sm};
    nn::Op* bad_ops[] = {&bad};
    alignas(16) static uint8_t arena[512];
    int failures = 0;
    nn::Graph graph(ops, 2, arena, sizeof(arena));
    if (graph.Prepare() != nn::Status::kOk)
        ++failures;
    nn::GraphStats s;
    graph.GetStats(&s);
    if (s.macs != 12 || s.weight_bytes != 12 || s.bias_bytes != 16 || s.scale_bytes != 4 * 4 + 4)
        ++failures;
    if (s.multiplier_bytes != 4 * 8 + 8 || s.flash_bytes != 12 + 16 + 20 || s.unplanned_bytes != 3 + 4 + 4)
        ++failures;
    if (s.arena_bytes != s.planned_bytes + s.persistent_bytes || s.arena_bytes > s.arena_capacity)
        ++failures;
    // The input must stay distinct from the softmax output only while both are live; h and o overlap in time.
    if (graph.tensor(0)->data == graph.tensor(1)->data)
        ++failures;
    nn::Graph too_small(ops, 2, arena, 40);
    if (too_small.Prepare() == nn::Status::kOk || std::strstr(too_small.error(), "arena") == nullptr)
        ++failures;
    nn::Graph bad_graph(bad_ops, 1, arena, sizeof(arena));
    if (bad_graph.Prepare() == nn::Status::kOk || std::strstr(bad_graph.error(), "FullyConnected#0") == nullptr)
        ++failures;
    std::printf("  graph error examples: \"%s\" | \"%s\"\n", too_small.error(), bad_graph.error());
    ReportCheck("graph_stats_and_errors", 7, failures);
}

}  // namespace nn_test
