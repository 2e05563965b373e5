// nn_golden_test.cc — runs wasm/nn on the shared golden vectors with zero tolerance, plus property tests.
//
// Built for wasm32-wasip1 (command) by wasm/tests/nn/nn.test.ts and run under node:wasi; also builds natively:
//   g++ -std=c++17 -O2 -Iwasm/nn/include wasm/nn/src/*.cc wasm/tests/nn/nn_golden_test.cc -o /tmp/nn_test
//   /tmp/nn_test wasm/tests/nn/golden/nn_golden.bin
// Output, one line per check:  CASE <name> <op> <variant> n=<values> mismatches=<m>
// then                         SUMMARY checks=<n> failures=<f> cases=<c> simd=<0|1>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "golden_reader.h"
#include "nn/nn.h"

namespace {

int g_checks = 0;
int g_failures = 0;

void Report(const golden::Case& c, const char* variant, int n, int mismatches, const char* note = "") {
  ++g_checks;
  if (mismatches != 0) ++g_failures;
  std::printf("CASE %s %s %s n=%d mismatches=%d%s%s\n", c.name.c_str(), c.op.c_str(), variant, n, mismatches,
              note[0] ? " " : "", note);
}

void ReportCheck(const char* name, int n, int mismatches) {
  ++g_checks;
  if (mismatches != 0) ++g_failures;
  std::printf("CASE %s property - n=%d mismatches=%d\n", name, n, mismatches);
}

// Compares an output buffer with an expected golden tensor element by element (bitwise for floats).
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
        if (type == nn::DType::kInt8) g = static_cast<const int8_t*>(got)[i];
        else if (type == nn::DType::kInt32) g = static_cast<const int32_t*>(got)[i];
        else g = static_cast<const float*>(got)[i];
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
  for (int i = 0; i < s.rank && i < nn::kMaxDims; ++i) s.dims[i] = t.shape[i];
  return s;
}

nn::DType TypeOf(const golden::Tensor& t) {
  return t.dtype == golden::kInt8 ? nn::DType::kInt8 : (t.dtype == golden::kInt32 ? nn::DType::kInt32 : nn::DType::kFloat32);
}

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
      for (uint32_t i = 0; i < g.count; ++i) f32.back()[i] = g.At<float>(i);
      feeds.push_back({t, f32.back().data(), static_cast<int>(g.count * 4)});
    } else {
      i8.emplace_back(g.count);
      for (uint32_t i = 0; i < g.count; ++i) i8.back()[i] = nn::QuantizeInt8(g.At<float>(i), scale, g.zero_point);
      feeds.push_back({t, i8.back().data(), static_cast<int>(g.count)});
    }
    return t;
  }

  nn::Tensor* Output(const golden::Tensor& g) {
    tensors.push_back(nn::Tensor::Activation(TypeOf(g), ShapeOf(g), g.scales.empty() ? 0.0f : g.scales[0], g.zero_point));
    return &tensors.back();
  }

  float WeightScale(const golden::Tensor& w, int32_t channel) const {
    return w.scales.size() == 1 ? w.scales[0] : w.scales[channel];
  }

  nn::Tensor* Weights(const golden::Tensor& g) {
    i8.emplace_back(g.count);
    int32_t inner = 1;
    for (size_t i = g.axis + 1; i < g.shape.size(); ++i) inner *= g.shape[i];
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
    for (const Feed& f : feeds) std::memcpy(f.tensor->data, f.data, static_cast<size_t>(f.bytes));
  }
};

nn::Activation Act(double code) {
  return code == golden::kActRelu ? nn::Activation::kRelu : (code == golden::kActRelu6 ? nn::Activation::kRelu6 : nn::Activation::kNone);
}
nn::Padding Pad(double code) { return code == golden::kPadSame ? nn::Padding::kSame : nn::Padding::kValid; }

const char* KernelName(nn::FcKernel k) { return k == nn::FcKernel::kReference ? "reference" : "simd"; }

// Prepares a graph and runs it; on failure reports every expected value as a mismatch.
bool RunGraph(const golden::Case& c, const char* variant, nn::Graph& graph, Workspace& ws) {
  if (graph.Prepare() != nn::Status::kOk) {
    Report(c, variant, 0, 1, graph.error());
    return false;
  }
  ws.FeedInputs();
  graph.Invoke();
  return true;
}

void RunSingleOp(const golden::Case& c, nn::FcKernel kernel) {
  Workspace ws;
  std::vector<nn::Tensor*> inputs;
  nn::Tensor* weights = nullptr;
  nn::Tensor* bias = nullptr;
  const golden::Tensor* last_weights = nullptr;
  for (const golden::Tensor& t : c.tensors) {
    if (t.role == golden::kInput) inputs.push_back(ws.Input(t));
    if (t.role == golden::kWeights) {
      weights = ws.Weights(t);
      last_weights = &t;
    }
    if (t.role == golden::kBias) bias = ws.Bias(t, *last_weights);
  }
  const golden::Tensor& want = c.tensors[c.Indices(golden::kExpected).at(0)];
  nn::Tensor* out = ws.Output(want);
  nn::Tensor* x = inputs.at(0);
  nn::Tensor* y = inputs.size() > 1 ? inputs[1] : nullptr;
  const std::string& op = c.op;

  // Every op type lives on the stack; exactly one is used.
  nn::FullyConnected fc(x, weights, bias, out, Act(c.Param(0)), kernel);
  nn::Add add(x, y, out, Act(c.Param(0)));
  nn::Sub sub(x, y, out, Act(c.Param(0)));
  nn::Minimum mn(x, y, out);
  nn::Maximum mx(x, y, out);
  nn::ArgMax argmax(x, out, static_cast<int32_t>(c.Param(0, -1)));
  nn::Relu relu(x, out);
  nn::Relu6 relu6(x, out);
  nn::Reshape reshape(x, out);
  nn::Quantize quantize(x, out);
  nn::Dequantize dequantize(x, out);
  nn::Softmax softmax(x, out, static_cast<float>(c.Param(0, 1.0)));
  nn::Conv2DOptions co;
  co.stride_h = static_cast<int32_t>(c.Param(0, 1));
  co.stride_w = static_cast<int32_t>(c.Param(1, 1));
  co.padding = Pad(c.Param(2));
  co.activation = Act(c.Param(3));
  nn::Conv2D conv(x, weights, bias, out, co);
  nn::DepthwiseConv2DOptions dwo;
  dwo.stride_h = static_cast<int32_t>(c.Param(0, 1));
  dwo.stride_w = static_cast<int32_t>(c.Param(1, 1));
  dwo.padding = Pad(c.Param(2));
  dwo.depth_multiplier = static_cast<int32_t>(c.Param(3, 1));
  dwo.activation = Act(c.Param(4));
  nn::DepthwiseConv2D dw(x, weights, bias, out, dwo);
  nn::Pool2DOptions po;
  po.filter_h = static_cast<int32_t>(c.Param(0, 1));
  po.filter_w = static_cast<int32_t>(c.Param(1, 1));
  po.stride_h = static_cast<int32_t>(c.Param(2, 1));
  po.stride_w = static_cast<int32_t>(c.Param(3, 1));
  po.padding = Pad(c.Param(4));
  po.activation = Act(c.Param(5));
  nn::MaxPool2D maxpool(x, out, po);
  nn::AveragePool2D avgpool(x, out, po);

  nn::Op* chosen = nullptr;
  if (op == "FullyConnected") chosen = &fc;
  else if (op == "Add") chosen = &add;
  else if (op == "Sub") chosen = &sub;
  else if (op == "Minimum") chosen = &mn;
  else if (op == "Maximum") chosen = &mx;
  else if (op == "ArgMax") chosen = &argmax;
  else if (op == "Relu") chosen = &relu;
  else if (op == "Relu6") chosen = &relu6;
  else if (op == "Reshape") chosen = &reshape;
  else if (op == "Quantize") chosen = &quantize;
  else if (op == "Dequantize") chosen = &dequantize;
  else if (op == "Softmax") chosen = &softmax;
  else if (op == "Conv2D") chosen = &conv;
  else if (op == "DepthwiseConv2D") chosen = &dw;
  else if (op == "MaxPool2D") chosen = &maxpool;
  else if (op == "AveragePool2D") chosen = &avgpool;
  const char* variant = op == "FullyConnected" ? KernelName(kernel) : "-";
  if (chosen == nullptr) {
    Report(c, variant, 0, 1, "unknown op");
    return;
  }
  nn::Op* ops[] = {chosen};
  nn::Graph graph(ops, 1, ws.arena.data(), static_cast<int32_t>(ws.arena.size()));
  if (!RunGraph(c, variant, graph, ws)) return;
  const int n = out->shape.FlatSize();
  Report(c, variant, n, Compare(want, out->data, out->type, n, "output"));
}

std::vector<int32_t> StatsVector(const nn::Graph& g) {
  nn::GraphStats s;
  g.GetStats(&s);
  std::vector<int32_t> v = {static_cast<int32_t>(s.macs), s.weight_bytes, s.bias_bytes, s.scale_bytes,
                            s.multiplier_bytes, s.quant_param_bytes, s.flash_bytes, s.planned_bytes,
                            s.persistent_bytes, s.arena_bytes, s.unplanned_bytes, s.peak_live_bytes};
  for (int i = 0; i < g.num_ops(); ++i) {
    nn::LayerStats l;
    g.GetLayerStats(i, &l);
    v.push_back(static_cast<int32_t>(l.macs));
    v.push_back(l.persistent_bytes);
    v.push_back(l.activation_bytes);
    v.push_back(l.live_bytes);
    v.push_back(l.quant_param_bytes);
  }
  return v;
}

// params [layers, act_0 .. act_{L-1}, softmax]; see src/ml/golden/runner.ts runMlp.
void RunMlp(const golden::Case& c, nn::FcKernel kernel) {
  Workspace ws;
  const int layers = static_cast<int>(c.Param(0));
  const bool with_softmax = c.Param(1 + layers) == 1;
  const std::vector<int> expected = c.Indices(golden::kExpected);
  nn::Tensor* x = ws.Input(c.tensors[0]);
  std::deque<nn::FullyConnected> fcs;
  std::deque<nn::Softmax> sms;
  std::vector<nn::Op*> ops;
  size_t k = 1;
  for (int l = 0; l < layers; ++l) {
    nn::Tensor* w = ws.Weights(c.tensors[k]);
    nn::Tensor* b = ws.Bias(c.tensors[k + 1], c.tensors[k]);
    const bool last = l == layers - 1;
    const golden::Tensor& spec = c.tensors[k + 2].role == golden::kIntermediate ? c.tensors[k + 2] : c.tensors[expected[0]];
    nn::Tensor* out = ws.Output(spec);
    fcs.emplace_back(x, w, b, out, Act(c.Param(1 + l)), kernel);
    ops.push_back(&fcs.back());
    x = out;
    k += (last && !with_softmax) ? 2 : 3;
  }
  nn::Tensor* result = x;
  if (with_softmax) {
    result = ws.Output(c.tensors[expected[0]]);
    sms.emplace_back(x, result);
    ops.push_back(&sms.back());
  }
  nn::Graph graph(ops.data(), static_cast<int>(ops.size()), ws.arena.data(), static_cast<int32_t>(ws.arena.size()));
  const char* variant = KernelName(kernel);
  if (!RunGraph(c, variant, graph, ws)) return;
  const int n = result->shape.FlatSize();
  Report(c, variant, n, Compare(c.tensors[expected[0]], result->data, result->type, n, "output"));
  // Figures: the 'simd' expectation only applies when the SIMD kernel is compiled in.
  const bool simd = kernel != nn::FcKernel::kReference && nn::ref::SimdAvailable();
  const std::vector<int32_t> stats = StatsVector(graph);
  std::string stats_variant = std::string(variant) + "-stats";
  Report(c, stats_variant.c_str(), static_cast<int>(stats.size()),
         CompareInt32(c.tensors[expected[simd ? 2 : 1]], stats, "stats"));
  if (graph.error()[0] != '\0') std::printf("  unexpected error text: %s\n", graph.error());
}

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
    out.push_back(nn::MultiplyByQuantizedMultiplier(in.At<int32_t>(i), in.At<int32_t>(i + 1), in.At<int32_t>(i + 2)));
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
  const int m = Compare(c.tensors[e[0]], scales.data(), nn::DType::kFloat32, static_cast<int>(scales.size()), "scale") +
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
  for (int i = 0; i < planner.num_buffers(); ++i) out.push_back(planner.offset(i));
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

// ---- property tests (not golden) ----------------------------------------------------------------------------------

uint32_t g_rng = 0x2018u;
uint32_t NextRandom() {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}
int32_t RandomIn(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(NextRandom() % static_cast<uint32_t>(hi - lo + 1)); }

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
        if (greedy.first_use(i) <= t && t <= greedy.last_use(i)) live += greedy.size(i);
      }
      if (live > peak) peak = live;
    }
    bool ok = !greedy.HasOverlap() && !linear.HasOverlap() && greedy.RequiredBytes() <= nn::AlignUp(linear.RequiredBytes(), nn::kArenaAlignment) &&
              greedy.RequiredBytes() >= peak;
    for (int i = 0; i < n; ++i) ok = ok && greedy.offset(i) % 16 == 0 && linear.offset(i) % 16 == 0;
    if (!ok) ++failures;
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
    for (auto& v : x) v = static_cast<int8_t>(overflow ? 127 : RandomIn(-128, 127));
    for (auto& v : w) v = static_cast<int8_t>(overflow ? -127 : RandomIn(-127, 127));
    for (auto& v : bias) v = RandomIn(-100000, 100000);
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
    if (a != b) ++failures;
  }
  ReportCheck(nn::ref::SimdAvailable() ? "fc_simd_vs_reference_random" : "fc_fallback_vs_reference_random",
              problems + 1, failures);
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
  if (graph.Prepare() != nn::Status::kOk) ++failures;
  nn::GraphStats s;
  graph.GetStats(&s);
  if (s.macs != 12 || s.weight_bytes != 12 || s.bias_bytes != 16 || s.scale_bytes != 4 * 4 + 4) ++failures;
  if (s.multiplier_bytes != 4 * 8 + 8 || s.flash_bytes != 12 + 16 + 20 || s.unplanned_bytes != 3 + 4 + 4) ++failures;
  if (s.arena_bytes != s.planned_bytes + s.persistent_bytes || s.arena_bytes > s.arena_capacity) ++failures;
  // The input must stay distinct from the softmax output only while both are live; h and o overlap in time.
  if (graph.tensor(0)->data == graph.tensor(1)->data) ++failures;
  nn::Graph too_small(ops, 2, arena, 40);
  if (too_small.Prepare() == nn::Status::kOk || std::strstr(too_small.error(), "arena") == nullptr) ++failures;
  nn::Graph bad_graph(bad_ops, 1, arena, sizeof(arena));
  if (bad_graph.Prepare() == nn::Status::kOk || std::strstr(bad_graph.error(), "FullyConnected#0") == nullptr) ++failures;
  std::printf("  graph error examples: \"%s\" | \"%s\"\n", too_small.error(), bad_graph.error());
  ReportCheck("graph_stats_and_errors", 7, failures);
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "/golden/nn_golden.bin";
  FILE* f = std::fopen(path, "rb");
  if (f == nullptr) {
    std::printf("ERROR cannot open %s\n", path);
    return 2;
  }
  std::vector<uint8_t> data;
  static uint8_t buf[65536];
  size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof(buf), f)) > 0) data.insert(data.end(), buf, buf + got);
  std::fclose(f);
  std::vector<golden::Case> cases;
  golden::Reader reader(data);
  if (!reader.Parse(&cases)) {
    std::printf("ERROR golden file: %s\n", reader.error().c_str());
    return 2;
  }
  for (const golden::Case& c : cases) {
    if (c.op == "QuantizeMultiplier") RunQuantizeMultiplier(c);
    else if (c.op == "MultiplyByQuantizedMultiplier") RunMultiplyByQuantizedMultiplier(c);
    else if (c.op == "ChooseQuantParams") RunChooseQuantParams(c);
    else if (c.op == "Planner") RunPlanner(c);
    else if (c.op == "MLP") {
      RunMlp(c, nn::FcKernel::kReference);
      RunMlp(c, nn::FcKernel::kSimd);
    } else if (c.op == "FullyConnected") {
      RunSingleOp(c, nn::FcKernel::kReference);
      RunSingleOp(c, nn::FcKernel::kSimd);
    } else {
      RunSingleOp(c, nn::FcKernel::kAuto);
    }
  }
  PlannerProperty();
  FullyConnectedSimdProperty();
  GraphProperty();
  std::printf("SUMMARY checks=%d failures=%d cases=%d simd=%d\n", g_checks, g_failures, static_cast<int>(cases.size()),
              nn::ref::SimdAvailable() ? 1 : 0);
  return g_failures == 0 ? 0 : 1;
}
