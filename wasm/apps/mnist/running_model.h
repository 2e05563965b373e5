// running_model.h — the network the app runs: the body of the signed image in the primary model slot (a model
// package, docs/model-package.md), installed by the SDK's update agent after it verified the image.
//
// The body is copied into a window that stands for the chip's memory-mapped flash: on the STM32F413 the weights
// would be read in place from flash, but the simulated flash lies outside the firmware's memory. The window is
// therefore counted with the flash, not with the SRAM, in the memory figures. Any MLP with a 784-pixel int8 input
// and ten classes runs, whatever its hidden layers, within the window, pool and arena below.
#ifndef RUNNING_MODEL_H
#define RUNNING_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "UpdateAgent.h"
#include "nn/nn.h"

constexpr int kModelInputSize = 28 * 28;
constexpr int kModelClasses = 10;

struct MnistModel {
    nn::Graph* graph;
    nn::Tensor* input;       // int8 [1, 784]
    nn::Tensor* logits;      // int8 [1, 10]
    nn::Tensor* scores;      // int8 [1, 10], softmax
    nn::Tensor* prediction;  // int32 [1], argmax of the logits
    char name[48];           // e.g. "MLP 784-128-64-10, int8"
    char version[24];        // the image's, e.g. "1.0.0+0"
};

// UpdateAgent::App::install: loads the primary image's body, checks it is such an MLP, runs its self-test.
bool install_model(void* context, mbed::UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size);
// The installed model; nullptr while none is (before boot, during an install).
const MnistModel* running_model();
// Bytes of the window the body is copied into (the largest body the app can run).
uint32_t model_window_bytes();

#endif
