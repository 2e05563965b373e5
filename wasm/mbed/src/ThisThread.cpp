// ThisThread.cpp — sleeping and waiting on the virtual clock.
#include "ThisThread.h"

#include "mbed_wait_api.h"
#include "sim_runtime.h"

namespace rtos {
namespace ThisThread {

void sleep_for(Kernel::Clock::duration_u32 rel_time) {
    // Checked before reading the clock so the fault names the call the user wrote.
    if (sim_rt::in_isr()) {
        sim_rt::fault("ThisThread::sleep_for called from interrupt context");
    }
    sim_rt::sleep_until(sim_time_us() + static_cast<int64_t>(rel_time.count()) * 1000, false, "ThisThread::sleep_for");
}

void sleep_for(uint32_t millisec) { sleep_for(Kernel::Clock::duration_u32(millisec)); }

void sleep_until(Kernel::Clock::time_point abs_time) {
    sim_rt::sleep_until(static_cast<int64_t>(abs_time.time_since_epoch().count()) * 1000, false,
                        "ThisThread::sleep_until");
}

void sleep_until(uint64_t millisec) {
    sleep_until(Kernel::Clock::time_point(Kernel::Clock::duration(static_cast<int64_t>(millisec))));
}

void yield() { sim_rt::sleep_until(sim_time_us(), false, "ThisThread::yield"); }

}  // namespace ThisThread
}  // namespace rtos

extern "C" void wait_us(int us) {
    if (us > 0) {
        sim_busy_wait_us(us);
    }
}

extern "C" void wait_ns(unsigned int ns) {
    if (ns > 0) {
        sim_busy_wait_us((ns + 999) / 1000);
    }
}

extern "C" void wait_ms(int ms) {
    if (ms > 0) {
        rtos::ThisThread::sleep_for(static_cast<uint32_t>(ms));
    }
}

extern "C" void wait(float s) {
    if (s > 0.0f) {
        sim_rt::sleep_until(sim_time_us() + static_cast<int64_t>(s * 1e6f), false, "wait");
    }
}
