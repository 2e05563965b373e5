// mbed_chrono.h — std::chrono durations, time points and literals (500ms, 1s) for the Mbed API.
//
// libc++'s <chrono> drags in <string>, <vector>, <locale> and more for compatibility, which triples the time to
// compile a small firmware file. Only durations and time points are needed here, so take just those parts when
// this libc++ has them. Code that wants the clocks or the rest of <chrono> includes <chrono> itself.
#ifndef MBED_CHRONO_H
#define MBED_CHRONO_H

#if defined(_LIBCPP_VERSION) || __has_include(<__config>)
#if __has_include(<__chrono/duration.h>) && __has_include(<__chrono/time_point.h>)
#include <__chrono/duration.h>
#include <__chrono/time_point.h>
#define MBED_CHRONO_MINIMAL 1
#endif
#endif

#ifndef MBED_CHRONO_MINIMAL
#include <chrono>
#endif

#endif
