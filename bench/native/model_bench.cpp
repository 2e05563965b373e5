// model_bench.cpp — the firmware's int8 engine (wasm/nn) running one model package, for `npm run bench`.
//
// Built twice from the same sources: natively (g++ -O3 -march=native, with the main below) and for wasm32 with the
// firmware's compile flags (-DMODEL_BENCH_LIBRARY: no main, the mb_* functions exported; bench/mlperf.ts times them
// in a worker in Chromium).
// Native usage: model_bench <package.bin> <input.bin> <runs> <output.bin>  → prints the median µs per inference
// and writes the output of the last run.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "nn/model_loader.h"

namespace {

constexpr size_t kPoolBytes = 256 * 1024;
constexpr size_t kArenaBytes = 2 * 1024 * 1024;

nn::LoadedModel g_model;
void* g_pool = nullptr;
uint8_t* g_arena = nullptr;
// The host writes the input here: the planner lets later activations reuse the input's arena bytes, so every run
// copies it in again.
int8_t* g_staged_input = nullptr;

}  // namespace

extern "C" {

// A 16-byte aligned buffer (the loader's alignment) for the host to fill.
void* mb_alloc(int32_t bytes) { return std::aligned_alloc(16, (static_cast<size_t>(bytes) + 15) & ~size_t{15}); }

// 0 when the package loaded, its graph is prepared and its self-test vectors pass; otherwise mb_error() says why.
int32_t mb_load(const uint8_t* body, int32_t size) {
    if (g_pool == nullptr) {
        g_pool = std::aligned_alloc(16, kPoolBytes);
        g_arena = static_cast<uint8_t*>(std::aligned_alloc(16, kArenaBytes));
    }
    const nn::Status s =
        nn::LoadModel(body, static_cast<size_t>(size), g_pool, kPoolBytes, g_arena, kArenaBytes, &g_model);
    if (s != nn::Status::kOk)
        return 1;
    // The package's vectors carry the TS reference engine's outputs: this build must reproduce them bit for bit.
    const nn::SelfTestResult st = nn::RunSelfTest(g_model);
    if (st.status != nn::Status::kOk) {
        std::snprintf(g_model.error, sizeof(g_model.error), "self-test: %s", st.message);
        return 1;
    }
    std::free(g_staged_input);
    g_staged_input = static_cast<int8_t*>(mb_alloc(g_model.input->Bytes()));
    std::memset(g_staged_input, 0, static_cast<size_t>(g_model.input->Bytes()));
    return 0;
}

const char* mb_error() { return g_model.error; }
int8_t* mb_input() { return g_staged_input; }
int32_t mb_input_bytes() { return g_model.input->Bytes(); }
int8_t* mb_output() { return g_model.outputs[0]->i8(); }  // the first output only: the MLPerf models have one
int32_t mb_output_bytes() { return g_model.outputs[0]->Bytes(); }

// Runs the graph `runs` times on the staged input; 0 when every run succeeded.
int32_t mb_invoke(int32_t runs) {
    for (int32_t i = 0; i < runs; ++i) {
        std::memcpy(g_model.input->data, g_staged_input, static_cast<size_t>(g_model.input->Bytes()));
        if (g_model.graph->Invoke() != nn::Status::kOk)
            return 1;
    }
    return 0;
}

}  // extern "C"

#ifndef MODEL_BENCH_LIBRARY
namespace {

bool ReadFile(const char* path, std::vector<uint8_t>* out) {
    FILE* f = std::fopen(path, "rb");
    if (f == nullptr)
        return false;
    uint8_t buf[65536];
    for (size_t got; (got = std::fread(buf, 1, sizeof(buf), f)) > 0;)
        out->insert(out->end(), buf, buf + got);
    std::fclose(f);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: model_bench <package.bin> <input.bin> <runs> <output.bin>\n");
        return 2;
    }
    std::vector<uint8_t> package, input;
    if (!ReadFile(argv[1], &package) || !ReadFile(argv[2], &input)) {
        std::fprintf(stderr, "cannot read %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    uint8_t* body = static_cast<uint8_t*>(mb_alloc(static_cast<int32_t>(package.size())));
    std::memcpy(body, package.data(), package.size());
    if (mb_load(body, static_cast<int32_t>(package.size())) != 0) {
        std::fprintf(stderr, "model refused: %s\n", mb_error());
        return 3;
    }
    if (static_cast<int32_t>(input.size()) != mb_input_bytes()) {
        std::fprintf(stderr, "input has %zu bytes, the model takes %d\n", input.size(), mb_input_bytes());
        return 3;
    }
    const int runs = std::atoi(argv[3]);
    std::memcpy(mb_input(), input.data(), input.size());
    mb_invoke(1);  // warm caches
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        if (mb_invoke(1) != 0)
            return 4;
        times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    FILE* out = std::fopen(argv[4], "wb");
    if (out == nullptr)
        return 2;
    std::fwrite(mb_output(), 1, static_cast<size_t>(mb_output_bytes()), out);
    std::fclose(out);
    std::printf("%.3f\n", times[times.size() / 2]);
    return 0;
}
#endif
