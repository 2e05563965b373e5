// model.cpp — reading the model blob: every field is checked before anything is replaced, so a corrupt or
// inconsistent blob leaves the running model alone.
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

uint32_t crc32(const uint8_t* data, size_t len) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; ++i) {
        crc ^= data[i];
        for (int b = 0; b < 8; ++b) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }
    return ~crc;
}

namespace {

uint16_t u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t u32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
}
float f32(const uint8_t* p) {
    uint32_t bits = u32(p);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

}  // namespace

bool parse_model_blob(const uint8_t* data, size_t len, Model* out, char* why, size_t why_len) {
#define REJECT(...)                          \
    do {                                     \
        snprintf(why, why_len, __VA_ARGS__); \
        return false;                        \
    } while (0)
    if (len < model_blob::kMinBytes)
        REJECT("blob too short (%u bytes)", static_cast<unsigned>(len));
    if (len > kModelBlobMaxBytes)
        REJECT("blob too long (%u bytes)", static_cast<unsigned>(len));
    if (memcmp(data + model_blob::kOffsetMagic, model_blob::kMagic, 4) != 0)
        REJECT("bad magic (not an anomaly model blob)");
    uint16_t version = u16(data + model_blob::kOffsetVersion);
    if (version != model_blob::kVersion)
        REJECT("unsupported version %u (this firmware reads %u)", version, model_blob::kVersion);
    uint16_t length = u16(data + model_blob::kOffsetLength);
    if (length != len)
        REJECT("length field says %u bytes, blob has %u", length, static_cast<unsigned>(len));
    uint32_t stored = u32(data + len - model_blob::kCrcBytes);
    uint32_t computed = crc32(data, len - model_blob::kCrcBytes);
    if (stored != computed)
        REJECT("CRC mismatch (stored 0x%08x, computed 0x%08x)", stored, computed);

    Model m;
    m.k = data[model_blob::kOffsetK];
    m.time_of_day = (data[model_blob::kOffsetFlags] & model_blob::kFlagTimeOfDay) != 0;
    m.learn_on_device = (data[model_blob::kOffsetFlags] & model_blob::kFlagLearnOnDevice) != 0;
    m.debounce = data[model_blob::kOffsetDebounce];
    m.holdoff = u16(data + model_blob::kOffsetHoldoff);
    m.tod_period = u16(data + model_blob::kOffsetTodPeriod);
    m.learn_min = u16(data + model_blob::kOffsetLearnMin);
    m.learn_window = u16(data + model_blob::kOffsetLearnWindow);
    m.refit_every = u16(data + model_blob::kOffsetRefitEvery);
    m.alarm_z = u16(data + model_blob::kOffsetAlarmZ) / 100.0f;
    m.z = f32(data + model_blob::kOffsetZ);
    m.sigma = f32(data + model_blob::kOffsetSigma);
    m.sigma_floor = f32(data + model_blob::kOffsetSigmaFloor);
    m.bias = f32(data + model_blob::kOffsetBias);
    m.crc = stored;
    if (m.k < 1 || m.k > kMaxLags)
        REJECT("k must be 1..%d, got %d", kMaxLags, m.k);
    int F = m.features();
    if (len != model_blob::bytes(F))
        REJECT("length %u does not match k=%d (%u)", static_cast<unsigned>(len), m.k,
               static_cast<unsigned>(model_blob::bytes(F)));
    for (int i = 0; i < F; ++i) {
        m.weights[i] = f32(data + model_blob::kOffsetWeights + 4 * i);
        if (!isfinite(m.weights[i]))
            REJECT("weight %d is not finite", i);
    }
    if (m.debounce < 1 || m.debounce > model_blob::kMaxDebounce)
        REJECT("debounce must be 1..%d, got %d", model_blob::kMaxDebounce, m.debounce);
    if (m.time_of_day && m.tod_period < 2)
        REJECT("time-of-day period must be >= 2, got %d", m.tod_period);
    if (m.learn_min < m.k + F + 2 || m.learn_min > kMaxLearnWindow)
        REJECT("first fit must wait %d..%d readings, got %d", m.k + F + 2, kMaxLearnWindow, m.learn_min);
    if (m.learn_window < m.learn_min || m.learn_window > kMaxLearnWindow)
        REJECT("learning window must be %d..%d, got %d", m.learn_min, kMaxLearnWindow, m.learn_window);
    if (!(isfinite(m.z) && m.z > 0.0f))
        REJECT("z must be > 0");
    if (m.alarm_z != 0.0f && m.alarm_z < 1.0f)
        REJECT("alarm threshold must be 0 (off) or 1..655.35, got %.2f", static_cast<double>(m.alarm_z));
    if (!(isfinite(m.sigma) && m.sigma >= 0.0f))
        REJECT("sigma must be >= 0");
    if (!(isfinite(m.sigma_floor) && m.sigma_floor >= 0.0f))
        REJECT("sigma floor must be >= 0");
    if (!isfinite(m.bias))
        REJECT("bias is not finite");
#undef REJECT
    *out = m;
    return true;
}

float predict_features(const Model& m, const float* features) {
    float y = m.bias;
    for (int i = 0; i < m.features(); ++i) {
        y += m.weights[i] * features[i];
    }
    return y;
}

bool parse_model_package(const uint8_t* data, size_t len, Model* out, char* why, size_t why_len) {
    if (len < model_blob::kOffsetLength + 2) {
        snprintf(why, why_len, "package too short (%u bytes)", static_cast<unsigned>(len));
        return false;
    }
    const size_t blob_len = u16(data + model_blob::kOffsetLength);
    if (blob_len + model_blob::kSelfTestHeaderBytes > len) {
        snprintf(why, why_len, "package has no self-test vectors");
        return false;
    }
    Model m;
    if (!parse_model_blob(data, blob_len, &m, why, why_len)) {
        return false;
    }
    const uint8_t* test = data + blob_len;
    const int count = u16(test + 4);
    const int F = m.features();
    if (memcmp(test, model_blob::kSelfTestMagic, 4) != 0 || count < 1 || count > model_blob::kMaxSelfTestVectors ||
        len != model_blob::package_bytes(F, count)) {
        snprintf(why, why_len, "malformed self-test vectors");
        return false;
    }
    const uint8_t* vector = test + model_blob::kSelfTestHeaderBytes;
    for (int v = 0; v < count; ++v, vector += 4 * (F + 1)) {
        float features[kMaxFeatures];
        for (int i = 0; i < F; ++i) {
            features[i] = f32(vector + 4 * i);
        }
        const float predicted = predict_features(m, features);
        const float expected = f32(vector + 4 * F);
        if (memcmp(&predicted, &expected, sizeof predicted) != 0) {
            snprintf(why, why_len, "self-test failed: vector %d predicted %.6f, the image expects %.6f", v,
                     static_cast<double>(predicted), static_cast<double>(expected));
            return false;
        }
    }
    *out = m;
    return true;
}
