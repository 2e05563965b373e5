// runner_report.h — what the runner tells the page (schemas in src/shared/telemetry/reports.ts, fields explained in
// docs/model-runner.md): the installed model's figures ("model_runner.model", at start and after each update), each
// inference's top-k, output bytes and host time ("model_runner.inference"), and why an input was not run
// ("model_runner.error"). The per-layer stats have the same fields as the MNIST demo's.
#ifndef RUNNER_REPORT_H
#define RUNNER_REPORT_H

#include <stdint.h>

#include "installed_model.h"
#include "top_k.h"

struct Inference {
    const char* source;  // "canvas" or "blob"
    uint32_t seq;        // 1 for the first inference since start
    int64_t time_us;     // virtual time
    double host_us;      // wall-clock time per inference on the computer running the simulator
    const TopK& top;
};

// `model` nullptr: no model is installed, `why` says what the update agent last said.
void publish_model_report(const InstalledModel* model, const char* why);
void publish_inference_report(const InstalledModel& model, const Inference& inference);
void publish_error(const char* source, const char* message);

#endif
