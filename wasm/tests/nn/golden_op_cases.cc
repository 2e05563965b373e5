// Runs single-op and MLP golden cases, each FullyConnected one with both kernels; convolutions report the kernel
// they ran.
#include <cstdio>
#include <deque>
#include <string>
#include <vector>

#include "golden_cases.h"
#include "golden_check.h"

namespace nn_test {

void RunSingleOp(const golden::Case& c, nn::FcKernel kernel) {
    Workspace ws;
    std::vector<nn::Tensor*> inputs;
    nn::Tensor* weights = nullptr;
    nn::Tensor* bias = nullptr;
    const golden::Tensor* last_weights = nullptr;
    for (const golden::Tensor& t : c.tensors) {
        if (t.role == golden::kInput)
            inputs.push_back(ws.Input(t));
        if (t.role == golden::kWeights) {
            weights = ws.Weights(t);
            last_weights = &t;
        }
        if (t.role == golden::kBias)
            bias = ws.Bias(t, *last_weights);
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
    co.dilation_h = static_cast<int32_t>(c.Param(4, 1));
    co.dilation_w = static_cast<int32_t>(c.Param(5, 1));
    nn::Conv2D conv(x, weights, bias, out, co);
    nn::DepthwiseConv2DOptions dwo;
    dwo.stride_h = static_cast<int32_t>(c.Param(0, 1));
    dwo.stride_w = static_cast<int32_t>(c.Param(1, 1));
    dwo.padding = Pad(c.Param(2));
    dwo.depth_multiplier = static_cast<int32_t>(c.Param(3, 1));
    dwo.activation = Act(c.Param(4));
    dwo.dilation_h = static_cast<int32_t>(c.Param(5, 1));
    dwo.dilation_w = static_cast<int32_t>(c.Param(6, 1));
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
    if (op == "FullyConnected")
        chosen = &fc;
    else if (op == "Add")
        chosen = &add;
    else if (op == "Sub")
        chosen = &sub;
    else if (op == "Minimum")
        chosen = &mn;
    else if (op == "Maximum")
        chosen = &mx;
    else if (op == "ArgMax")
        chosen = &argmax;
    else if (op == "Relu")
        chosen = &relu;
    else if (op == "Relu6")
        chosen = &relu6;
    else if (op == "Reshape")
        chosen = &reshape;
    else if (op == "Quantize")
        chosen = &quantize;
    else if (op == "Dequantize")
        chosen = &dequantize;
    else if (op == "Softmax")
        chosen = &softmax;
    else if (op == "Conv2D")
        chosen = &conv;
    else if (op == "DepthwiseConv2D")
        chosen = &dw;
    else if (op == "MaxPool2D")
        chosen = &maxpool;
    else if (op == "AveragePool2D")
        chosen = &avgpool;
    const char* variant = op == "FullyConnected" ? KernelName(kernel) : "-";
    if (chosen == nullptr) {
        Report(c, variant, 0, 1, "unknown op");
        return;
    }
    nn::Op* ops[] = {chosen};
    nn::Graph graph(ops, 1, ws.arena.data(), static_cast<int32_t>(ws.arena.size()));
    if (!RunGraph(c, variant, graph, ws))
        return;
    // Convolutions pick their kernel themselves: the line names the one that ran (LayerStats).
    if (op == "Conv2D" || op == "DepthwiseConv2D") {
        nn::LayerStats layer;
        graph.GetLayerStats(0, &layer);
        variant = layer.kernel;
    }
    const int n = out->shape.FlatSize();
    Report(c, variant, n, Compare(want, out->data, out->type, n, "output"));
}

namespace {

std::vector<int32_t> StatsVector(const nn::Graph& g) {
    nn::GraphStats s;
    g.GetStats(&s);
    std::vector<int32_t> v = {static_cast<int32_t>(s.macs), s.weight_bytes,      s.bias_bytes,      s.scale_bytes,
                              s.multiplier_bytes,           s.quant_param_bytes, s.flash_bytes,     s.planned_bytes,
                              s.persistent_bytes,           s.arena_bytes,       s.unplanned_bytes, s.peak_live_bytes};
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

}  // namespace

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
        const golden::Tensor& spec =
            c.tensors[k + 2].role == golden::kIntermediate ? c.tensors[k + 2] : c.tensors[expected[0]];
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
    if (!RunGraph(c, variant, graph, ws))
        return;
    const int n = result->shape.FlatSize();
    Report(c, variant, n, Compare(c.tensors[expected[0]], result->data, result->type, n, "output"));
    // Figures: the 'simd' expectation only applies when the SIMD kernel is compiled in.
    const bool simd = kernel != nn::FcKernel::kReference && nn::ref::SimdAvailable();
    const std::vector<int32_t> stats = StatsVector(graph);
    std::string stats_variant = std::string(variant) + "-stats";
    Report(c, stats_variant.c_str(), static_cast<int>(stats.size()),
           CompareInt32(c.tensors[expected[simd ? 2 : 1]], stats, "stats"));
    if (graph.error()[0] != '\0')
        std::printf("  unexpected error text: %s\n", graph.error());
}

}  // namespace nn_test
