// model_loader.h — loads a model package (the body of a model image; format in package_format.h and
// docs/model-package.md) into a runnable Graph, without heap, exceptions or copies of the weights.
//
//   alignas(16) static uint8_t pool[8 * 1024];    // Tensor and Op objects, the Graph
//   alignas(16) static uint8_t arena[16 * 1024];  // activations + persistent data, planned by Prepare
//   nn::LoadedModel model;
//   if (nn::LoadModel(body, size, pool, sizeof(pool), arena, sizeof(arena), &model) != nn::Status::kOk)
//       printf("model refused: %s\n", model.error);
//   nn::SelfTestResult st = nn::RunSelfTest(model);   // the package's golden vectors, bit for bit
//   memcpy(model.input->data, pixels, model.input->Bytes());  model.graph->Invoke();  read model.outputs[i]
//
// The body must stay where it is while the model is in use (flash or the image buffer): const tensors point into
// it. It must be 16-byte aligned. Every field a hostile file could get wrong is checked before anything is built;
// on failure `out` holds only the message. Twin: src/ml/package/reader.ts (same checks, order and messages).
#ifndef NN_MODEL_LOADER_H
#define NN_MODEL_LOADER_H

#include <cstddef>
#include <cstdint>

#include "graph.h"
#include "package_format.h"
#include "tensor.h"

namespace nn {

struct LoadedModel {
    Graph* graph = nullptr;   // prepared; nullptr when loading failed
    Tensor* input = nullptr;  // inputs[0]
    int num_inputs = 0;
    Tensor* inputs[package::kMaxInputs] = {};
    int num_outputs = 0;
    Tensor* outputs[package::kMaxOutputs] = {};
    int num_tensors = 0;
    Tensor* tensors = nullptr;  // the tensor table, in the pool
    // Self-test vectors in the body: per vector the inputs' bytes, then the outputs' expected bytes.
    const uint8_t* self_tests = nullptr;
    int num_self_tests = 0;
    int32_t self_test_input_bytes = 0;
    int32_t self_test_output_bytes = 0;
    int32_t pool_bytes = 0;   // pool the model uses
    int32_t arena_bytes = 0;  // arena the package declares (>= what Prepare planned)
    char error[192] = {0};
};

// body and pool and arena must be 16-byte aligned. The pool holds the Graph, one Tensor per tensor record and the op
// objects ("model needs N bytes of pool, have M"); the arena must hold what the package declares ("arena needs N
// bytes, have M"), and Prepare plans the graph into that much of it.
Status LoadModel(const uint8_t* body, size_t size, void* pool, size_t pool_bytes, uint8_t* arena, size_t arena_bytes,
                 LoadedModel* out);

struct SelfTestResult {
    Status status = Status::kError;
    int vectors = 0;
    // First mismatch (-1 when none): vector, graph output, byte within that output, and both byte values.
    int failed_vector = -1;
    int output = -1;
    int32_t byte = -1;
    int expected = -1;
    int actual = -1;
    char message[128] = {0};
};

// Runs every carried vector through the graph and compares all output bytes (ints and floats alike) exactly.
SelfTestResult RunSelfTest(const LoadedModel& model);

}  // namespace nn

#endif  // NN_MODEL_LOADER_H
