// Kernel.h — rtos::Kernel::Clock, the millisecond system clock (virtual time of the simulator).
#ifndef MBED_KERNEL_H
#define MBED_KERNEL_H

#include <stdint.h>

#include "mbed_chrono.h"
#include "sim_abi.h"

namespace rtos {
namespace Kernel {

struct Clock {
    using duration = std::chrono::milliseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<Clock>;
    // Unsigned 32-bit milliseconds, the argument type of ThisThread::sleep_for.
    using duration_u32 = std::chrono::duration<uint32_t, std::milli>;
    static constexpr bool is_steady = true;

    static time_point now() { return time_point(duration(sim_time_us() / 1000)); }
};

// Milliseconds since the board started (Mbed OS 5 style).
inline uint64_t get_ms_count() { return static_cast<uint64_t>(sim_time_us() / 1000); }

}  // namespace Kernel
}  // namespace rtos

#endif
