// Timer.h — a stopwatch on the virtual clock (microsecond resolution).
#ifndef MBED_TIMER_H
#define MBED_TIMER_H

#include <stdint.h>

#include "mbed_chrono.h"
#include "sim_abi.h"

namespace mbed {

typedef uint64_t us_timestamp_t;

class Timer {
public:
    void start() {
        if (!running_) {
            start_us_ = sim_time_us();
            running_ = true;
        }
    }

    void stop() {
        if (running_) {
            accumulated_us_ += sim_time_us() - start_us_;
            running_ = false;
        }
    }

    // Zero the elapsed time; a running timer keeps running.
    void reset() {
        accumulated_us_ = 0;
        start_us_ = sim_time_us();
    }

    std::chrono::microseconds elapsed_time() const {
        int64_t us = accumulated_us_ + (running_ ? sim_time_us() - start_us_ : 0);
        return std::chrono::microseconds(us);
    }

    // Mbed OS 5 readers.
    int read_us() const { return static_cast<int>(elapsed_time().count()); }
    int read_ms() const { return static_cast<int>(elapsed_time().count() / 1000); }
    float read() const { return static_cast<float>(elapsed_time().count()) / 1e6f; }
    us_timestamp_t read_high_resolution_us() const { return static_cast<us_timestamp_t>(elapsed_time().count()); }
    operator float() const { return read(); }

private:
    int64_t start_us_ = 0;
    int64_t accumulated_us_ = 0;
    bool running_ = false;
};

}  // namespace mbed

#endif
