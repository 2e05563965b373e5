// mbed_error.cpp — error(), MBED_ASSERT and empty-callback faults: all halt the board through sim_fault.
#include "mbed_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "Callback.h"
#include "sim_runtime.h"

extern "C" void error(const char* format, ...) {
    char message[256];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    // Mbed messages usually end in "\n"; the fault display adds its own line break.
    size_t len = strlen(message);
    while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == '\r')) {
        message[--len] = '\0';
    }
    sim_rt::fault(message);
}

extern "C" void mbed_die(void) { sim_rt::fault("mbed_die"); }

extern "C" void mbed_assert_internal(const char* expr, const char* file, int line) {
    sim_rt::faultf("Assertion failed: %s (%s:%d)", expr, file, line);
}

namespace mbed {
namespace callback_internal {
void callback_called_empty() { sim_rt::fault("mbed::Callback: called an empty callback"); }
}  // namespace callback_internal
}  // namespace mbed
