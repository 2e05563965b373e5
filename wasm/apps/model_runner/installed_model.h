// installed_model.h — the model the runner runs: the body of the signed image in the primary model slot (a model
// package, docs/model-package.md), installed by the SDK's update agent after it verified the image.
//
// Any package runs whose graph has one int8 input and an int8 first output (the one top-k is taken from), as long
// as the package and the arena it declares fit together in the model memory below. The body is copied into that
// memory, which stands for the chip's memory-mapped flash plus the arena: on a device the weights would be read
// in place from flash, but the simulated flash lies outside the firmware's memory (the board's 320 KB of SRAM), so
// the largest model this firmware can run is smaller than a model slot (docs/model-runner.md).
#ifndef INSTALLED_MODEL_H
#define INSTALLED_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "UpdateAgent.h"
#include "nn/model_loader.h"

struct InstalledModel {
    nn::LoadedModel loaded;  // graph, input, outputs
    nn::Tensor* input;       // int8, the graph's only input
    nn::Tensor* output;      // int8, the graph's first output
    uint32_t body_bytes;     // the package's size
    char version[24];        // the image's, e.g. "1.2.0+0"
};

// UpdateAgent::App::install: loads the primary image's body and runs its self-test.
bool install_model(void* context, mbed::UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size);
// The installed model; nullptr while none is (a board never programmed, during an install, after a refusal).
const InstalledModel* installed_model();
// The memory the body and the arena share (the largest body the app accepts), and the pool for the graph's objects.
uint32_t model_memory_bytes();
uint32_t model_pool_bytes();

#endif
