// mbed_critical.h — critical sections.
//
// The simulator has no real interrupt mask: interrupts are delivered by the runtime at HAL calls. Inside a critical
// section (a nesting counter) they are recorded and run when the outermost section exits, as masked interrupts
// would on hardware.
#ifndef MBED_CRITICAL_H
#define MBED_CRITICAL_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

void core_util_critical_section_enter(void);
void core_util_critical_section_exit(void);
bool core_util_in_critical_section(void);
// False inside a critical section (interrupts are held back there).
bool core_util_are_interrupts_enabled(void);
// True while an interrupt handler runs (InterruptIn, Ticker, Timeout, serial sigio callbacks).
bool core_util_is_isr_active(void);

#ifdef __cplusplus
}
#endif

#endif
