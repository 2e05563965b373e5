// Test driver for the model package loader (wasm/nn/src/model_loader.cc), run under node:wasi by
// wasm/tests/package/package.test.ts. Memory is bounded: static buffers only, and the module is linked with a fixed
// maximum memory. Commands (files are in the preopened /data directory):
//
//   check <cases> <pool_bytes> <arena_bytes>
//       <cases>: u32 base count, per base u32 length + bytes (padded to 4); u32 mutant count, per mutant u32 base,
//       u32 length (the base truncated to it, or extended with zeros), u32 patch count, per patch u32 offset + u32
//       byte value.
//       Per mutant prints "R <i> <load ok|fail> <selftest pass|fail|-> <vector> <output> <byte> <pool> | <message>".
//   run <package> <inputs> <outputs>   loads the package, runs every input vector (the graph inputs' bytes,
//                                      concatenated), writes the graph outputs' bytes of each
//   mnist <inputs> <outputs>           the same with the compiled-in MNIST model (logits, scores, prediction)
//   sizes                              prints sizeof of the objects the loader builds in its pool
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "mnist_model.h"
#include "nn/model_loader.h"
#include "nn/ops.h"

namespace {

constexpr size_t kMaxFile = 4 * 1024 * 1024;
constexpr size_t kMaxPool = 64 * 1024;
constexpr size_t kMaxArena = 1024 * 1024;
alignas(16) uint8_t file_buf[kMaxFile];
alignas(16) uint8_t body_buf[kMaxFile];
alignas(16) uint8_t pool[kMaxPool];
alignas(16) uint8_t arena[kMaxArena];
uint8_t io_buf[kMaxFile];

size_t ReadFile(const char* path, uint8_t* buf, size_t cap) {
    FILE* f = std::fopen(path, "rb");
    if (f == nullptr) {
        std::printf("ERROR cannot open %s\n", path);
        std::exit(2);
    }
    const size_t n = std::fread(buf, 1, cap, f);
    std::fclose(f);
    return n;
}

void WriteFile(const char* path, const uint8_t* data, size_t n) {
    FILE* f = std::fopen(path, "wb");
    if (f == nullptr || std::fwrite(data, 1, n, f) != n) {
        std::printf("ERROR cannot write %s\n", path);
        std::exit(2);
    }
    std::fclose(f);
}

uint32_t U32At(const uint8_t* p) { return static_cast<uint32_t>(p[0] | (p[1] << 8) | (p[2] << 16) | (p[3] << 24)); }

int Check(const char* path, size_t pool_bytes, size_t arena_bytes) {
    if (pool_bytes > kMaxPool || arena_bytes > kMaxArena) {
        std::printf("ERROR pool or arena above the driver's buffers\n");
        return 2;
    }
    const size_t n = ReadFile(path, file_buf, kMaxFile);
    size_t at = 0;
    const auto next = [&]() {
        const uint32_t v = at + 4 <= n ? U32At(file_buf + at) : 0;
        at += 4;
        return v;
    };
    constexpr int kMaxBases = 16;
    const uint8_t* bases[kMaxBases];
    uint32_t base_len[kMaxBases];
    const uint32_t num_bases = next();
    if (num_bases < 1 || num_bases > kMaxBases) {
        std::printf("ERROR %u bases\n", static_cast<unsigned>(num_bases));
        return 2;
    }
    for (uint32_t i = 0; i < num_bases; ++i) {
        base_len[i] = next();
        bases[i] = file_buf + at;
        at += (base_len[i] + 3) / 4 * 4;
    }
    const uint32_t mutants = next();
    for (uint32_t m = 0; m < mutants; ++m) {
        const uint32_t base = next() % num_bases;
        const uint32_t len = next() % kMaxFile;
        const uint32_t patches = next();
        // Truncated, or extended with zero bytes.
        const uint32_t kept = len < base_len[base] ? len : base_len[base];
        std::memcpy(body_buf, bases[base], kept);
        std::memset(body_buf + kept, 0, len - kept);
        for (uint32_t p = 0; p < patches; ++p) {
            const uint32_t offset = next();
            const uint32_t value = next();
            if (offset < len)
                body_buf[offset] = static_cast<uint8_t>(value);
        }
        nn::LoadedModel model;
        const bool ok = nn::LoadModel(body_buf, len, pool, pool_bytes, arena, arena_bytes, &model) == nn::Status::kOk;
        if (!ok) {
            std::printf("R %u fail - -1 -1 -1 0 | %s\n", static_cast<unsigned>(m), model.error);
            continue;
        }
        const nn::SelfTestResult st = nn::RunSelfTest(model);
        std::printf("R %u ok %s %d %d %d %d | %s\n", static_cast<unsigned>(m),
                    st.status == nn::Status::kOk ? "pass" : "fail", st.failed_vector, st.output,
                    static_cast<int>(st.byte), static_cast<int>(model.pool_bytes), st.message);
    }
    std::printf("DONE %u\n", static_cast<unsigned>(mutants));
    return 0;
}

int Run(const char* package_path, const char* inputs_path, const char* outputs_path) {
    const size_t size = ReadFile(package_path, body_buf, kMaxFile);
    nn::LoadedModel model;
    if (nn::LoadModel(body_buf, size, pool, kMaxPool, arena, kMaxArena, &model) != nn::Status::kOk) {
        std::printf("ERROR %s\n", model.error);
        return 1;
    }
    const size_t n = ReadFile(inputs_path, file_buf, kMaxFile);
    const size_t in_bytes = static_cast<size_t>(model.self_test_input_bytes);
    const size_t out_bytes = static_cast<size_t>(model.self_test_output_bytes);
    size_t written = 0;
    for (size_t at = 0; at + in_bytes <= n && written + out_bytes <= sizeof(io_buf); at += in_bytes) {
        const uint8_t* in = file_buf + at;
        for (int k = 0; k < model.num_inputs; ++k) {
            std::memcpy(model.inputs[k]->data, in, static_cast<size_t>(model.inputs[k]->Bytes()));
            in += model.inputs[k]->Bytes();
        }
        model.graph->Invoke();
        for (int o = 0; o < model.num_outputs; ++o) {
            std::memcpy(io_buf + written, model.outputs[o]->data, static_cast<size_t>(model.outputs[o]->Bytes()));
            written += static_cast<size_t>(model.outputs[o]->Bytes());
        }
    }
    WriteFile(outputs_path, io_buf, written);
    std::printf("RUN pool=%d arena=%d vectors=%u\n", static_cast<int>(model.pool_bytes),
                static_cast<int>(model.arena_bytes), static_cast<unsigned>(written / out_bytes));
    return 0;
}

int RunMnist(const char* inputs_path, const char* outputs_path) {
    const char* error = nullptr;
    const mnist_model::Model* m = mnist_model::Build(&error);
    if (m == nullptr) {
        std::printf("ERROR %s\n", error);
        return 1;
    }
    const size_t n = ReadFile(inputs_path, file_buf, kMaxFile);
    size_t written = 0;
    for (size_t at = 0; at + mnist_model::kInputSize <= n; at += mnist_model::kInputSize) {
        std::memcpy(m->input->data, file_buf + at, mnist_model::kInputSize);
        m->graph->Invoke();
        for (const nn::Tensor* t : {m->logits, m->scores, m->prediction}) {
            std::memcpy(io_buf + written, t->data, static_cast<size_t>(t->Bytes()));
            written += static_cast<size_t>(t->Bytes());
        }
    }
    WriteFile(outputs_path, io_buf, written);
    std::printf("MNIST flash=%d arena=%d\n", static_cast<int>(mnist_model::kFlashBytes),
                static_cast<int>(mnist_model::kArenaBytes));
    return 0;
}

// The loader's pool objects (src/ml/tflite/runtimeBytes.ts keeps the same figures; a test compares them).
int Sizes() {
    std::printf("SIZES Graph=%u Tensor=%u OpPointer=%u", static_cast<unsigned>(sizeof(nn::Graph)),
                static_cast<unsigned>(sizeof(nn::Tensor)), static_cast<unsigned>(sizeof(nn::Op*)));
#define NN_PRINT_SIZE(T) std::printf(" " #T "=%u", static_cast<unsigned>(sizeof(nn::T)))
    NN_PRINT_SIZE(FullyConnected);
    NN_PRINT_SIZE(Conv2D);
    NN_PRINT_SIZE(DepthwiseConv2D);
    NN_PRINT_SIZE(MaxPool2D);
    NN_PRINT_SIZE(AveragePool2D);
    NN_PRINT_SIZE(Add);
    NN_PRINT_SIZE(Sub);
    NN_PRINT_SIZE(Minimum);
    NN_PRINT_SIZE(Maximum);
    NN_PRINT_SIZE(Relu);
    NN_PRINT_SIZE(Relu6);
    NN_PRINT_SIZE(Reshape);
    NN_PRINT_SIZE(Quantize);
    NN_PRINT_SIZE(Dequantize);
    NN_PRINT_SIZE(Softmax);
    NN_PRINT_SIZE(ArgMax);
#undef NN_PRINT_SIZE
    std::printf("\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::strcmp(argv[1], "check") == 0)
        return Check(argv[2], std::strtoul(argv[3], nullptr, 10), std::strtoul(argv[4], nullptr, 10));
    if (argc == 5 && std::strcmp(argv[1], "run") == 0)
        return Run(argv[2], argv[3], argv[4]);
    if (argc == 4 && std::strcmp(argv[1], "mnist") == 0)
        return RunMnist(argv[2], argv[3]);
    if (argc == 2 && std::strcmp(argv[1], "sizes") == 0)
        return Sizes();
    std::printf(
        "usage: check <cases> <pool> <arena> | run <package> <inputs> <outputs> | mnist <inputs> <outputs> | sizes\n");
    return 2;
}
