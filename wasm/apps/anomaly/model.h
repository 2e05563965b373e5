// model.h — the detector's parameters and their versioned blob (the layout is documented in docs/anomaly.md and
// in src/ml/anomaly/modelBlob.ts, which writes it; model_blob.h is generated from there).
#ifndef ANOMALY_MODEL_H
#define ANOMALY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "model_blob.h"

constexpr int kMaxLags = model_blob::kMaxLags;
constexpr int kMaxFeatures = model_blob::kMaxFeatures;
constexpr int kMaxLearnWindow = model_blob::kMaxLearnWindow;
constexpr size_t kModelBlobMaxBytes = model_blob::kMaxBytes;

struct Model {
    int k = 1;                 // past readings used
    bool time_of_day = false;  // + sin, cos of the reading's phase in a day of tod_period readings
    bool learn_on_device = false;
    int debounce = 1;  // consecutive outliers that raise an alarm
    int holdoff = 0;   // readings after an alarm that cannot raise another
    int tod_period = 0;
    int learn_min = 0;     // on-device learning: first fit after this many readings
    int learn_window = 0;  //   fit over at most the last this many readings
    int refit_every = 0;   //   refit period in readings (0: once)
    float z = 1.96f;       // interval half-width in sigmas
    float alarm_z = 0.0f;  // one reading (or a spike and its echo) this many sigmas off raises an alarm; 0: off
    float sigma = 0.0f;    // residual standard deviation
    float sigma_floor = 0.0f;
    float bias = 0.0f;
    float weights[kMaxFeatures] = {};  // oldest lag first, then sin, cos
    uint32_t crc = 0;                  // of the blob it came from (0 when fitted on the device)

    int features() const { return k + (time_of_day ? 2 : 0); }
};

uint32_t crc32(const uint8_t* data, size_t len);

// Parses and validates a blob. On failure returns false and writes the reason into `why` (the model is untouched).
bool parse_model_blob(const uint8_t* data, size_t len, Model* out, char* why, size_t why_len);

// The prediction for one row of the model's features: the bias, then each weight times its feature, in float.
float predict_features(const Model& m, const float* features);

// Parses the model package of a signed image (the blob, then self-test vectors: model_blob.h) and runs its
// self-test: every vector's prediction must equal the expected one bit for bit. False with the reason in `why`.
bool parse_model_package(const uint8_t* data, size_t len, Model* out, char* why, size_t why_len);

#endif
