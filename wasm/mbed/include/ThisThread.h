// ThisThread.h — sleeping. While the firmware sleeps, virtual time passes and interrupts run.
//
// Sleeping is not allowed in interrupt context or inside a critical section: the board halts with a fault.
#ifndef MBED_THISTHREAD_H
#define MBED_THISTHREAD_H

#include <stdint.h>

#include "Kernel.h"

namespace rtos {
namespace ThisThread {

void sleep_for(Kernel::Clock::duration_u32 rel_time);
void sleep_until(Kernel::Clock::time_point abs_time);

// Millisecond counts, as in Mbed OS 5.
void sleep_for(uint32_t millisec);
void sleep_until(uint64_t millisec);

// Let pending interrupts run; returns at once.
void yield();

}  // namespace ThisThread
}  // namespace rtos

#endif
