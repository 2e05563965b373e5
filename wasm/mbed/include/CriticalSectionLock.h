// CriticalSectionLock.h — RAII critical section: interrupts are held back for the lifetime of the object.
#ifndef MBED_CRITICALSECTIONLOCK_H
#define MBED_CRITICALSECTIONLOCK_H

#include "NonCopyable.h"
#include "mbed_critical.h"

namespace mbed {

class CriticalSectionLock : private NonCopyable<CriticalSectionLock> {
public:
    CriticalSectionLock() { core_util_critical_section_enter(); }
    ~CriticalSectionLock() { core_util_critical_section_exit(); }

    static void enable() { core_util_critical_section_enter(); }
    static void disable() { core_util_critical_section_exit(); }
};

}  // namespace mbed

#endif
