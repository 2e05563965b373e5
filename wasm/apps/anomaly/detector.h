// detector.h — predict each reading from the previous ones, flag readings outside the interval.
//
// The model is one dense layer: predicted = bias + sum_i w_i * x_i, where x holds the last k readings (oldest
// first) and, optionally, sin/cos of the reading's phase within a day. The interval is predicted ± z * sigma, with
// sigma the residual standard deviation of the model (95 % for z = 1.96 if residuals are Gaussian). A reading
// outside it is an outlier. An alarm needs stronger evidence (step() in detector.cpp): one reading more than
// alarm_z sigmas off, a spike and its echo in the next reading as strong together, or `debounce` outliers in a
// row; after it `holdoff` readings cannot raise another. In on-device learning mode the weights come from a
// least-squares fit over the recent readings.
// Plain C++ (no HAL): main.cpp feeds it readings and shows the results.
#ifndef ANOMALY_DETECTOR_H
#define ANOMALY_DETECTOR_H

#include <stdint.h>

#include "model.h"

struct Step {
    float value;
    bool has_prediction;  // false while warming up (fewer than k readings) or before the first on-device fit
    float predicted;
    float lo;
    float hi;
    bool outlier;  // outside [lo, hi]
    bool alarm;    // raised an anomaly (after debounce, outside hold-off)
    bool fitted;   // an on-device fit happened after this reading
};

struct FitInfo {
    int pairs;    // training pairs used
    float sigma;  // residual RMS of the fit
    float mse;
};

class Detector {
public:
    // Fixed mode: predict with the model's weights.
    void use_model(const Model& m);
    // On-device learning with the model's settings: collect m.learn_min readings, fit, then refit every
    // m.refit_every readings over the last m.learn_window.
    void start_learning(const Model& m);
    // On-device learning continued from a model fitted earlier (kept in flash across a reset): it predicts at once
    // and refits when learn_min readings have accumulated again, then every refit_every.
    void resume_learning(const Model& fitted);

    Step step(float value);

    bool learning() const { return learning_; }
    bool fitted() const { return ready_; }
    int readings_since_learning() const { return static_cast<int>(seq_ - learn_from_); }
    const Model& model() const { return model_; }
    const FitInfo& last_fit() const { return fit_; }
    float sigma() const { return model_.sigma > model_.sigma_floor ? model_.sigma : model_.sigma_floor; }

    // Statistics since the last reset_counters().
    uint32_t anomalies() const { return anomalies_; }
    uint32_t outliers() const { return outliers_; }
    uint32_t readings() const { return readings_; }
    // Mean squared prediction error over the last kMseWindow predictions.
    float mse() const;
    void reset_counters();

    static constexpr int kMseWindow = 256;

private:
    float predict() const;
    float feature(int i, uint32_t target_seq, const float* lags) const;
    bool fit();
    void reset_alarm_state();
    float at(uint32_t seq) const { return history_[seq % kHistory]; }

    static constexpr uint32_t kHistory = kMaxLearnWindow;

    Model model_;
    bool learning_ = false;
    bool ready_ = false;  // weights usable
    uint32_t learn_from_ = 0;
    FitInfo fit_{0, 0.0f, 0.0f};

    float history_[kHistory] = {};
    uint32_t seq_ = 0;  // readings stored since boot

    int run_ = 0;  // consecutive outliers
    int holdoff_left_ = 0;
    bool prev_scored_ = false;  // the previous reading had a prediction: prev_u_ and prev_predicted_ are valid
    float prev_u_ = 0.0f;       // its residual in sigmas
    float prev_predicted_ = 0.0f;
    bool replaced_prev_ = false;  // the previous reading entered the history as its prediction

    uint32_t anomalies_ = 0;
    uint32_t outliers_ = 0;
    uint32_t readings_ = 0;
    float sq_err_[kMseWindow] = {};
    int sq_count_ = 0;
    int sq_next_ = 0;
};

#endif
