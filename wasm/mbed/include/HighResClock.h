// HighResClock.h — mbed::HighResClock, the microsecond clock of Mbed OS 6 (virtual time of the simulator).
#ifndef MBED_HIGHRESCLOCK_H
#define MBED_HIGHRESCLOCK_H

#include "mbed_chrono.h"
#include "sim_abi.h"

namespace mbed {

struct HighResClock {
    using duration = std::chrono::microseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<HighResClock>;
    static constexpr bool is_steady = true;

    static time_point now() { return time_point(duration(sim_time_us())); }
};

}  // namespace mbed

#endif
