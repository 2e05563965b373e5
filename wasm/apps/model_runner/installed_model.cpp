// installed_model.cpp — installing the primary image's model package (see installed_model.h).
#include "installed_model.h"

#include <stdio.h>
#include <string.h>

#include "FlashWindow.h"

namespace {

// The body is read in place from the flash window, as the STM32F413 reads it from memory-mapped flash; the arena and
// the pool are in SRAM. The arena is sized for the largest MLPerf Tiny model, the VWW MobileNet (86,448 bytes planned
// and persistent), the pool for its graph objects (about 14 KB).
MBED_FLASH_WINDOW(g_window);
alignas(16) uint8_t g_arena[128 * 1024];
alignas(16) uint8_t g_pool[16 * 1024];
InstalledModel g_model;
bool g_installed = false;

}  // namespace

bool install_model(void*, mbed::UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size) {
    g_installed = false;
    const uint32_t body = info.body_size;
    if (body > sizeof g_window) {
        snprintf(why, why_size, "model package of %u bytes, the flash window holds %u", static_cast<unsigned>(body),
                 static_cast<unsigned>(sizeof g_window));
        return false;
    }
    if (!agent.read_primary(info.body_offset, g_window, body)) {
        snprintf(why, why_size, "flash read failed");
        return false;
    }
    nn::LoadedModel& m = g_model.loaded;
    m = nn::LoadedModel();
    if (nn::LoadModel(g_window, body, g_pool, sizeof g_pool, g_arena, sizeof g_arena, &m) != nn::Status::kOk) {
        snprintf(why, why_size, "%s", m.error);  // names the arena or pool it needs and what it has
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

uint32_t model_window_bytes() { return sizeof g_window; }

uint32_t model_pool_bytes() { return sizeof g_pool; }

uint32_t model_arena_bytes() { return sizeof g_arena; }
