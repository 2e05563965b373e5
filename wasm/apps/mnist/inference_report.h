// inference_report.h — what the MNIST firmware tells the host's inference panel: the model's figures once at
// start ("mnist.model"), the canvas being cleared ("mnist.canvas"), and the input, scores and figures after each
// inference ("mnist.inference"). The fields are described in src/shared/telemetry/reports.ts and explained in
// docs/mnist.md#telemetry.
#ifndef INFERENCE_REPORT_H
#define INFERENCE_REPORT_H

#include <stdint.h>

#include "running_model.h"

// SRAM the app's preprocessing holds beside the model's arena (canvas, 20x20 box, 28x28 digit).
struct PreprocessBuffers {
    uint32_t canvas_bytes;
    uint32_t total_bytes;
};

struct Inference {
    const char* source;  // "touch" or "blob"
    int slot;            // blob slot of the image, -1 for a drawing
    int ink_radius;      // the brush a drawing was re-inked with before preprocessing, -1 for a blob
    uint32_t seq;        // 1 for the first inference since start
    int prediction;
    int64_t time_us;         // virtual time
    double host_us;          // wall-clock time per inference on the computer running the simulator
    const uint8_t* digit28;  // the 28x28 input (0..255)
};

void publish_model_report(const MnistModel& model, const PreprocessBuffers& buffers);
void publish_inference_report(const MnistModel& model, const PreprocessBuffers& buffers, const Inference& inference);
// The touch screen shows the canvas: the page draws the ink from the same pen samples with the same brush and path
// (the TypeScript twin of digit_canvas.h), and this report ("mnist.canvas") tells it the canvas was cleared, which
// brush it draws with and how many points the path holds; a drawing's inference report gives the brush it was
// re-inked with.
void publish_canvas_cleared();

#endif
