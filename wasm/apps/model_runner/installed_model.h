// installed_model.h — the model the runner runs: the body of the signed image in the primary model slot (a model
// package, docs/model-package.md), installed by the SDK's update agent after it verified the image.
//
// Any package runs whose graph has one int8 input and an int8 first output (the one top-k is taken from), as long
// as its arena and graph objects fit the arena and pool below. The body is copied into a flash window
// (FlashWindow.h) the size of a model slot and its weights are read in place from there, as a device reads them
// from memory-mapped flash; the arena and the pool are in the board's SRAM (docs/model-runner.md).
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
// The flash window the body is read from (the largest body the app accepts), the arena in SRAM, and the pool for
// the graph's objects.
uint32_t model_window_bytes();
uint32_t model_arena_bytes();
uint32_t model_pool_bytes();

#endif
