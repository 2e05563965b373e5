// model_run — runs a model package (docs/model-package.md) with the firmware's engine (wasm/nn, libnn) on inputs
// from a file: the command-model wasm32-wasip1 program behind `npm run model -- run` (scripts/modelRun.ts), built
// with @yowasp/clang and run under node:wasi.
//
//   model_run <package> <inputs> <count> <outputs> [<dump dir>]
//
// <inputs> holds <count> inputs concatenated, each the graph input's bytes (int8, the model's input layout);
// <outputs> receives, per input, the graph outputs' bytes in io-table order. With <dump dir>, the first input's
// tensors are written there as `<package tensor index>.bin`: the graph input, then each op's output right after the
// op ran (the planner reuses arena bytes, so a tensor is only whole then). Errors go to stdout as "ERROR ..." with
// exit code 1.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "nn/model_loader.h"

namespace {

constexpr size_t kPoolBytes = 64 * 1024;
constexpr size_t kArenaBytes = 1024 * 1024;  // the package format's largest declared arena
alignas(16) uint8_t pool[kPoolBytes];
alignas(16) uint8_t arena[kArenaBytes];

[[noreturn]] void Fail(const char* what, const char* detail) {
    std::printf("ERROR %s%s\n", what, detail);
    std::exit(1);
}

// The whole file, in a 16-byte aligned heap buffer (the loader wants an aligned body).
uint8_t* ReadFile(const char* path, size_t* size) {
    FILE* f = std::fopen(path, "rb");
    if (f == nullptr)
        Fail("cannot open ", path);
    std::fseek(f, 0, SEEK_END);
    const long n = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    uint8_t* buf = static_cast<uint8_t*>(std::aligned_alloc(16, (static_cast<size_t>(n) + 16) & ~size_t{15}));
    if (buf == nullptr || std::fread(buf, 1, static_cast<size_t>(n), f) != static_cast<size_t>(n))
        Fail("cannot read ", path);
    std::fclose(f);
    *size = static_cast<size_t>(n);
    return buf;
}

void WriteTensor(const char* dir, int index, const nn::Tensor& t) {
    char path[512];
    std::snprintf(path, sizeof path, "%s/%d.bin", dir, index);
    FILE* f = std::fopen(path, "wb");
    const size_t n = static_cast<size_t>(t.Bytes());
    if (f == nullptr || std::fwrite(t.data, 1, n, f) != n)
        Fail("cannot write ", path);
    std::fclose(f);
}

int TensorIndex(const nn::LoadedModel& m, const nn::Tensor* t) { return static_cast<int>(t - m.tensors); }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5 && argc != 6)
        Fail("usage: ", "model_run <package> <inputs> <count> <outputs> [<dump dir>]");
    size_t body_size = 0;
    uint8_t* body = ReadFile(argv[1], &body_size);
    nn::LoadedModel m;
    if (nn::LoadModel(body, body_size, pool, sizeof pool, arena, sizeof arena, &m) != nn::Status::kOk)
        Fail("model refused: ", m.error);
    int32_t input_bytes = 0;
    int32_t output_bytes = 0;
    for (int i = 0; i < m.num_inputs; ++i)
        input_bytes += m.inputs[i]->Bytes();
    for (int i = 0; i < m.num_outputs; ++i)
        output_bytes += m.outputs[i]->Bytes();

    const long count = std::strtol(argv[3], nullptr, 10);
    size_t in_size = 0;
    const uint8_t* in = ReadFile(argv[2], &in_size);
    if (count < 1 || in_size != static_cast<size_t>(count) * static_cast<size_t>(input_bytes)) {
        std::printf("ERROR the input file has %zu bytes; %ld input(s) of %d bytes need %zu\n", in_size, count,
                    static_cast<int>(input_bytes), static_cast<size_t>(count > 0 ? count : 0) * input_bytes);
        return 1;
    }
    FILE* out = std::fopen(argv[4], "wb");
    if (out == nullptr)
        Fail("cannot write ", argv[4]);
    const char* dump = argc == 6 ? argv[5] : nullptr;
    for (long n = 0; n < count; ++n) {
        const uint8_t* x = in + n * input_bytes;
        for (int i = 0; i < m.num_inputs; ++i) {
            std::memcpy(m.inputs[i]->data, x, static_cast<size_t>(m.inputs[i]->Bytes()));
            if (dump != nullptr && n == 0)
                WriteTensor(dump, TensorIndex(m, m.inputs[i]), *m.inputs[i]);
            x += m.inputs[i]->Bytes();
        }
        for (int op = 0; op < m.graph->num_ops(); ++op) {
            if (m.graph->InvokeOp(op) != nn::Status::kOk)
                Fail("invoke failed: ", m.graph->error());
            const nn::Tensor* t = m.graph->op(op)->output();
            if (dump != nullptr && n == 0)
                WriteTensor(dump, TensorIndex(m, t), *t);
        }
        for (int i = 0; i < m.num_outputs; ++i) {
            const size_t bytes = static_cast<size_t>(m.outputs[i]->Bytes());
            if (std::fwrite(m.outputs[i]->data, 1, bytes, out) != bytes)
                Fail("cannot write ", argv[4]);
        }
    }
    std::fclose(out);
    std::printf("OK %ld input(s) of %d bytes, %d output bytes each\n", count, static_cast<int>(input_bytes),
                static_cast<int>(output_bytes));
    return 0;
}
