// HostTimer.h — a stopwatch on the wall clock of the computer running the simulator, in nanoseconds.
//
// For measuring how long code takes as WebAssembly on this computer; never a device's latency (virtual time
// stands still while firmware computes, and a Cortex-M runs the same code at another speed). Its resolution may
// be coarse (browsers often round to 0.1 ms): time many runs and divide. Same interface as Timer.
#ifndef MBED_HOSTTIMER_H
#define MBED_HOSTTIMER_H

#include <stdint.h>

#include "mbed_chrono.h"
#include "sim_abi.h"

namespace mbed {

class HostTimer {
public:
    void start() {
        if (!running_) {
            start_ns_ = sim_host_time_ns();
            running_ = true;
        }
    }

    void stop() {
        if (running_) {
            accumulated_ns_ += sim_host_time_ns() - start_ns_;
            running_ = false;
        }
    }

    // Zero the elapsed time; a running timer keeps running.
    void reset() {
        accumulated_ns_ = 0;
        start_ns_ = sim_host_time_ns();
    }

    std::chrono::nanoseconds elapsed_time() const {
        return std::chrono::nanoseconds(accumulated_ns_ + (running_ ? sim_host_time_ns() - start_ns_ : 0));
    }

private:
    int64_t start_ns_ = 0;
    int64_t accumulated_ns_ = 0;
    bool running_ = false;
};

}  // namespace mbed

#endif
