// installed_model.cpp — installing the primary image's model package (see installed_model.h).
#include "installed_model.h"

#include <stdio.h>
#include <string.h>

namespace {

// Body first, then the arena in what the body leaves: a small model may plan a large arena and the other way round.
alignas(16) uint8_t g_memory[168 * 1024];
alignas(16) uint8_t g_pool[16 * 1024];
InstalledModel g_model;
bool g_installed = false;

uint32_t align16(uint32_t n) { return (n + 15u) & ~15u; }

}  // namespace

bool install_model(void*, mbed::UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size) {
    g_installed = false;
    const uint32_t body = info.body_size;
    if (body > sizeof g_memory) {
        snprintf(why, why_size, "model package of %u bytes, the model memory holds %u", static_cast<unsigned>(body),
                 static_cast<unsigned>(sizeof g_memory));
        return false;
    }
    if (!agent.read_primary(info.body_offset, g_memory, body)) {
        snprintf(why, why_size, "flash read failed");
        return false;
    }
    const uint32_t arena_at = align16(body);
    uint8_t* arena = g_memory + arena_at;
    const size_t arena_bytes = sizeof g_memory - arena_at;
    nn::LoadedModel& m = g_model.loaded;
    m = nn::LoadedModel();
    if (nn::LoadModel(g_memory, body, g_pool, sizeof g_pool, arena, arena_bytes, &m) != nn::Status::kOk) {
        snprintf(why, why_size, "%s (package %u bytes, arena room %u)", m.error, static_cast<unsigned>(body),
                 static_cast<unsigned>(arena_bytes));
        return false;
    }
    if (m.num_inputs != 1 || m.input->type != nn::DType::kInt8 || m.outputs[0]->type != nn::DType::kInt8) {
        snprintf(why, why_size, "the runner needs one int8 input and an int8 first output");
        return false;
    }
    const nn::SelfTestResult st = nn::RunSelfTest(m);
    if (st.status != nn::Status::kOk) {
        snprintf(why, why_size, "self-test failed: %s", st.message);
        return false;
    }
    g_model.input = m.input;
    g_model.output = m.outputs[0];
    g_model.body_bytes = body;
    snprintf(g_model.version, sizeof g_model.version, "%u.%u.%u+%u", info.version.major, info.version.minor,
             info.version.revision, static_cast<unsigned>(info.version.build));
    printf("Model v%s: self-test passed (%d vectors)\n", g_model.version, st.vectors);
    g_installed = true;
    return true;
}

const InstalledModel* installed_model() { return g_installed ? &g_model : nullptr; }

uint32_t model_memory_bytes() { return sizeof g_memory; }

uint32_t model_pool_bytes() { return sizeof g_pool; }
