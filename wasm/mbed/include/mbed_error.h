// mbed_error.h — error() and mbed_die(): halt the board with a message (the simulator shows it as a fault).
#ifndef MBED_ERROR_H
#define MBED_ERROR_H

#include "mbed_assert.h"

#ifdef __cplusplus
extern "C" {
#endif

// printf-style message, then halt. Does not return.
__attribute__((noreturn, format(printf, 1, 2))) void error(const char* format, ...);
__attribute__((noreturn)) void mbed_die(void);

#ifdef __cplusplus
}
#endif

#endif
