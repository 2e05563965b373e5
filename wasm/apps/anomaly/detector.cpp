// detector.cpp — see detector.h. The least-squares fit solves the normal equations in double precision (with the
// readings centred on their mean and a tiny ridge term so a flat stream still has a solution); predictions run in
// float, as on a Cortex-M4F.
#include "detector.h"

#include <math.h>
#include <string.h>

namespace {
constexpr double kTwoPi = 6.283185307179586;
}

void Detector::reset_alarm_state() {
    run_ = 0;
    holdoff_left_ = 0;
    prev_scored_ = false;
}

void Detector::use_model(const Model& m) {
    model_ = m;
    learning_ = false;
    ready_ = true;
    reset_alarm_state();
}

void Detector::start_learning(const Model& m) {
    model_ = m;
    for (float& w : model_.weights) {
        w = 0.0f;
    }
    model_.bias = 0.0f;
    model_.sigma = 0.0f;
    model_.crc = 0;
    learning_ = true;
    ready_ = false;
    learn_from_ = seq_;
    fit_ = {0, 0.0f, 0.0f};
    reset_alarm_state();
}

void Detector::resume_learning(const Model& fitted) {
    model_ = fitted;
    learning_ = true;
    ready_ = true;
    learn_from_ = seq_;
    fit_ = {0, fitted.sigma, fitted.sigma * fitted.sigma};
    reset_alarm_state();
}

void Detector::reset_counters() {
    anomalies_ = 0;
    outliers_ = 0;
    readings_ = 0;
    sq_count_ = 0;
    sq_next_ = 0;
}

float Detector::mse() const {
    if (sq_count_ == 0) {
        return 0.0f;
    }
    double sum = 0.0;
    for (int i = 0; i < sq_count_; ++i) {
        sum += sq_err_[i];
    }
    return static_cast<float>(sum / sq_count_);
}

// Feature i for the reading with sequence number target_seq; lags[0..k) are the k readings before it.
float Detector::feature(int i, uint32_t target_seq, const float* lags) const {
    if (i < model_.k) {
        return lags[i];
    }
    double phase =
        kTwoPi * static_cast<double>(target_seq % static_cast<uint32_t>(model_.tod_period)) / model_.tod_period;
    return static_cast<float>(i == model_.k ? sin(phase) : cos(phase));
}

// Prediction for the next reading (sequence number seq_) from the last k stored readings.
float Detector::predict() const {
    float lags[kMaxLags];
    for (int i = 0; i < model_.k; ++i) {
        lags[i] = at(seq_ - model_.k + i);
    }
    float features[kMaxFeatures];
    for (int i = 0; i < model_.features(); ++i) {
        features[i] = feature(i, seq_, lags);
    }
    return predict_features(model_, features);
}

// The alarm rules (docs/anomaly.md, "Why a reading is flagged"). With u = (value - predicted) / sigma:
//  - strong outlier: |u| > alarm_z;
//  - spike echo: a spike at the previous reading pulled this prediction off by w_k times the spike (w_k, the
//    newest lag's weight), so the previous and this residual together, (u_prev - w_k u) / sqrt(1 + w_k^2), have unit
//    variance on a clean stream and are > alarm_z after a spike too small to cross alarm_z on its own;
//  - debounce: `debounce` outliers (|u| > z) in a row, for anomalies that last but stay small.
// The reading a strong outlier or a spike echo blames enters the history as its prediction, so it pulls no later
// prediction off: one spike raises one alarm, and a refit never learns it (never two readings in a row: a level
// that stays is real and must enter the model). After an alarm, up to `holdoff` readings
// outside the interval belong to the same event and raise no new alarm; the first reading back inside ends it, so
// a false alarm does not hide a real spike two readings later.
Step Detector::step(float value) {
    Step s{};
    s.value = value;
    ++readings_;
    s.has_prediction = ready_ && seq_ >= static_cast<uint32_t>(model_.k);
    float stored = value;
    float u = 0.0f;
    bool held = holdoff_left_ > 0;
    if (s.has_prediction) {
        s.predicted = predict();
        float half = model_.z * sigma();
        s.lo = s.predicted - half;
        s.hi = s.predicted + half;
        s.outlier = value < s.lo || value > s.hi;
        float err = value - s.predicted;
        u = err / sigma();
        sq_err_[sq_next_] = err * err;
        sq_next_ = (sq_next_ + 1) % kMseWindow;
        if (sq_count_ < kMseWindow) {
            ++sq_count_;
        }
        if (s.outlier) {
            ++outliers_;
        }
        run_ = s.outlier ? run_ + 1 : 0;
        if (held) {
            // The event goes on while readings stay outside the interval; the first one back inside ends it.
            holdoff_left_ = s.outlier ? holdoff_left_ - 1 : 0;
            run_ = 0;  // outliers in the hold-off are not counted towards the next alarm
        } else {
            bool strong = model_.alarm_z > 0.0f && fabsf(u) > model_.alarm_z;
            float w = model_.weights[model_.k - 1];
            bool echo =
                model_.alarm_z > 0.0f && prev_scored_ && fabsf(prev_u_ - w * u) / sqrtf(1.0f + w * w) > model_.alarm_z;
            if (strong || echo || run_ >= model_.debounce) {
                s.alarm = true;
                ++anomalies_;
                run_ = 0;
                holdoff_left_ = model_.holdoff;
                if (strong && !replaced_prev_) {
                    stored = s.predicted;
                } else if (echo && !replaced_prev_) {
                    history_[(seq_ - 1) % kHistory] = prev_predicted_;
                }
            }
        }
    }
    replaced_prev_ = stored != value;
    prev_scored_ = s.has_prediction && !s.alarm && !held;  // evidence of an event already flagged is not used again
    prev_u_ = u;
    prev_predicted_ = s.predicted;
    history_[seq_ % kHistory] = stored;
    ++seq_;
    if (learning_) {
        int since = readings_since_learning();
        bool first = !ready_ && since >= model_.learn_min;
        bool refit = ready_ && since >= model_.learn_min && model_.refit_every > 0 &&
                     (since - model_.learn_min) % model_.refit_every == 0;
        if (first || refit) {
            s.fitted = fit();
            ready_ = ready_ || s.fitted;
        }
    }
    return s;
}

// Least squares over the last L readings (L = min(readings since learning started, learn_window)): each reading
// from the k-th on is a target, the k before it its lags.
bool Detector::fit() {
    const int k = model_.k;
    const int F = model_.features();
    int since = readings_since_learning();
    int L = since < model_.learn_window ? since : model_.learn_window;
    int pairs = L - k;
    if (pairs < F + 1) {
        return false;
    }
    uint32_t first = seq_ - static_cast<uint32_t>(L);
    double mean = 0.0;
    for (int j = 0; j < L; ++j) {
        mean += at(first + j);
    }
    mean /= L;

    // Normal equations for theta = [w_0 .. w_{F-1}, c] on centred data: (y - mean) ~ sum w_i x_i' + c, with
    // x_i' = lag - mean for lags and the raw sin/cos for the time-of-day features.
    const int N = F + 1;
    static double A[kMaxFeatures + 1][kMaxFeatures + 1];
    static double b[kMaxFeatures + 1];
    memset(A, 0, sizeof A);
    memset(b, 0, sizeof b);
    double x[kMaxFeatures + 1];
    float lags[kMaxLags];
    for (int j = k; j < L; ++j) {
        uint32_t target = first + j;
        for (int i = 0; i < k; ++i) {
            lags[i] = at(target - k + i);
        }
        for (int i = 0; i < F; ++i) {
            x[i] = i < k ? lags[i] - mean : feature(i, target, lags);
        }
        x[F] = 1.0;
        double y = at(target) - mean;
        for (int r = 0; r < N; ++r) {
            b[r] += x[r] * y;
            for (int c = 0; c <= r; ++c) {
                A[r][c] += x[r] * x[c];
            }
        }
    }
    double trace = 0.0;
    for (int i = 0; i < F; ++i) {
        trace += A[i][i];
    }
    double ridge = 1e-9 * trace / F + 1e-12;
    for (int i = 0; i < F; ++i) {
        A[i][i] += ridge;
    }
    // Cholesky A = L L^T in the lower triangle, then two triangular solves.
    for (int r = 0; r < N; ++r) {
        for (int c = 0; c <= r; ++c) {
            double s = A[r][c];
            for (int q = 0; q < c; ++q) {
                s -= A[r][q] * A[c][q];
            }
            if (r == c) {
                if (s <= 0.0) {
                    return false;
                }
                A[r][r] = sqrt(s);
            } else {
                A[r][c] = s / A[c][c];
            }
        }
    }
    double theta[kMaxFeatures + 1];
    for (int r = 0; r < N; ++r) {
        double s = b[r];
        for (int q = 0; q < r; ++q) {
            s -= A[r][q] * theta[q];
        }
        theta[r] = s / A[r][r];
    }
    for (int r = N - 1; r >= 0; --r) {
        double s = theta[r];
        for (int q = r + 1; q < N; ++q) {
            s -= A[q][r] * theta[q];
        }
        theta[r] = s / A[r][r];
    }
    double lag_sum = 0.0;
    for (int i = 0; i < F; ++i) {
        if (!isfinite(theta[i])) {
            return false;
        }
        model_.weights[i] = static_cast<float>(theta[i]);
        if (i < k) {
            lag_sum += theta[i];
        }
    }
    model_.bias = static_cast<float>(mean + theta[F] - mean * lag_sum);

    // Residuals of the model as it will run (float weights).
    double sq = 0.0;
    for (int j = k; j < L; ++j) {
        uint32_t target = first + j;
        for (int i = 0; i < k; ++i) {
            lags[i] = at(target - k + i);
        }
        float y = model_.bias;
        for (int i = 0; i < F; ++i) {
            y += model_.weights[i] * feature(i, target, lags);
        }
        double e = at(target) - y;
        sq += e * e;
    }
    model_.sigma = static_cast<float>(sqrt(sq / pairs));
    fit_ = {pairs, model_.sigma, static_cast<float>(sq / pairs)};
    return true;
}
