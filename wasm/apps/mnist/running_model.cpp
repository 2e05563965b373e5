// running_model.cpp — installing the primary image's model package (see running_model.h).
#include "running_model.h"

#include <stdio.h>
#include <string.h>

#include "nn/model_loader.h"

namespace {

alignas(16) uint8_t g_window[144 * 1024];
alignas(16) uint8_t g_pool[8 * 1024];
alignas(16) uint8_t g_arena[16 * 1024];
nn::LoadedModel g_loaded;
MnistModel g_model;
bool g_installed = false;

bool is(const nn::Tensor* t, nn::DType type, int32_t elements) {
    return t != nullptr && t->type == type && t->shape.FlatSize() == elements;
}

// "MLP 784-128-64-10, int8" from the graph's fully connected layers.
void describe(const nn::Graph& graph, char* out, size_t size) {
    int n = snprintf(out, size, "MLP %d", kModelInputSize);
    for (int i = 0; i < graph.num_ops(); ++i) {
        nn::LayerStats s;
        graph.GetLayerStats(i, &s);
        if (strcmp(s.op, "FullyConnected") == 0 && n > 0 && static_cast<size_t>(n) < size) {
            n += snprintf(out + n, size - n, "-%d", static_cast<int>(s.output_shape.dims[s.output_shape.rank - 1]));
        }
    }
    if (n > 0 && static_cast<size_t>(n) < size) {
        snprintf(out + n, size - n, ", int8");
    }
}

}  // namespace

bool install_model(void*, mbed::UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size) {
    g_installed = false;
    if (info.body_size > sizeof g_window) {
        snprintf(why, why_size, "model of %u bytes, the window holds %u", static_cast<unsigned>(info.body_size),
                 static_cast<unsigned>(sizeof g_window));
        return false;
    }
    if (!agent.read_primary(info.body_offset, g_window, info.body_size)) {
        snprintf(why, why_size, "flash read failed");
        return false;
    }
    g_loaded = nn::LoadedModel();
    if (nn::LoadModel(g_window, info.body_size, g_pool, sizeof g_pool, g_arena, sizeof g_arena, &g_loaded) !=
        nn::Status::kOk) {
        snprintf(why, why_size, "%s", g_loaded.error);
        return false;
    }
    if (g_loaded.num_inputs != 1 || g_loaded.num_outputs != 3 ||
        !is(g_loaded.input, nn::DType::kInt8, kModelInputSize) ||
        !is(g_loaded.outputs[0], nn::DType::kInt8, kModelClasses) ||
        !is(g_loaded.outputs[1], nn::DType::kInt8, kModelClasses) || !is(g_loaded.outputs[2], nn::DType::kInt32, 1)) {
        snprintf(why, why_size, "not a digit classifier (784 int8 in; logits, scores, prediction out)");
        return false;
    }
    const nn::SelfTestResult st = nn::RunSelfTest(g_loaded);
    if (st.status != nn::Status::kOk) {
        snprintf(why, why_size, "self-test failed: %s", st.message);
        return false;
    }
    g_model.graph = g_loaded.graph;
    g_model.input = g_loaded.input;
    g_model.logits = g_loaded.outputs[0];
    g_model.scores = g_loaded.outputs[1];
    g_model.prediction = g_loaded.outputs[2];
    describe(*g_model.graph, g_model.name, sizeof g_model.name);
    snprintf(g_model.version, sizeof g_model.version, "%u.%u.%u+%u", info.version.major, info.version.minor,
             info.version.revision, static_cast<unsigned>(info.version.build));
    printf("Model v%s (%s): self-test passed (%d vectors)\n", g_model.version, g_model.name, st.vectors);
    g_installed = true;
    return true;
}

const MnistModel* running_model() { return g_installed ? &g_model : nullptr; }

uint32_t model_window_bytes() { return sizeof g_window; }
