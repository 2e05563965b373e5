// mbed_assert.h — MBED_ASSERT halts the board with "Assertion failed: <expr> (<file>:<line>)".
#ifndef MBED_ASSERT_H
#define MBED_ASSERT_H

#ifdef __cplusplus
extern "C" {
#endif

__attribute__((noreturn)) void mbed_assert_internal(const char* expr, const char* file, int line);

#ifdef __cplusplus
}
#endif

// Always checked: the simulator is a teaching tool, a silent failed assertion helps nobody.
#define MBED_ASSERT(expr)                                    \
    do {                                                     \
        if (!(expr)) {                                       \
            mbed_assert_internal(#expr, __FILE__, __LINE__); \
        }                                                    \
    } while (0)

#define MBED_STATIC_ASSERT(expr, msg) static_assert(expr, msg)

#endif
