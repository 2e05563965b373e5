// memory_stats.cpp — stack and heap painting (see memory_stats.h).
#include "memory_stats.h"

#include <stdlib.h>

#include "mbed.h"  // fw_suspend_buffer_size, the runtime's export

// Symbols the linker (wasm-ld) defines.
extern "C" {
extern char __stack_low;
extern char __stack_high;
extern char __global_base;
extern char __data_end;
extern char __heap_base;
}

namespace memory_stats {

namespace {

constexpr uint8_t kPattern = 0xA5;
constexpr uintptr_t kStackMargin = 256;  // left unpainted below the caller's frame

uintptr_t g_stack_painted_low = 0;  // painted: [g_stack_painted_low, g_stack_painted_high)
uintptr_t g_stack_painted_high = 0;
uintptr_t g_heap_painted_low = 0;  // painted: [g_heap_painted_low, g_heap_painted_high)
uintptr_t g_heap_painted_high = 0;

uintptr_t memory_end() { return static_cast<uintptr_t>(__builtin_wasm_memory_size(0)) * 65536u; }

void fill(uintptr_t from, uintptr_t to) {
    volatile uint8_t* p = reinterpret_cast<volatile uint8_t*>(from);
    for (uintptr_t a = from; a < to; ++a) {
        *p++ = kPattern;
    }
}

}  // namespace

__attribute__((noinline)) void paint() {
    // The stack: from its bottom (skipping the first 16 bytes, around address 0) up to a little below this frame.
    volatile uint8_t here = 0;
    const uintptr_t sp = reinterpret_cast<uintptr_t>(&here);
    g_stack_painted_low = reinterpret_cast<uintptr_t>(&__stack_low) + 16;
    g_stack_painted_high = sp > g_stack_painted_low + kStackMargin ? sp - kStackMargin : g_stack_painted_low;
    fill(g_stack_painted_low, g_stack_painted_high);

    // The heap: global constructors may already have allocated (the EventQueue's event slots). A fresh block sits
    // at the start of the heap's unused top chunk; freed again, everything from just above it to the end of memory
    // is free and may be painted.
    uint8_t* probe = static_cast<uint8_t*>(malloc(16));
    const uintptr_t top =
        probe != nullptr ? reinterpret_cast<uintptr_t>(probe) + 16 : reinterpret_cast<uintptr_t>(&__heap_base);
    free(probe);
    g_heap_painted_low = top;
    g_heap_painted_high = memory_end();
    fill(g_heap_painted_low, g_heap_painted_high);
}

uint32_t stack_size() {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&__stack_high) -
                                 reinterpret_cast<uintptr_t>(&__stack_low));
}

uint32_t stack_high_water() {
    const volatile uint8_t* p = reinterpret_cast<const volatile uint8_t*>(g_stack_painted_low);
    uintptr_t a = g_stack_painted_low;
    while (a < g_stack_painted_high && *p == kPattern) {
        ++a;
        ++p;
    }
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&__stack_high) - a);
}

uint32_t heap_high_water() {
    const uintptr_t base = reinterpret_cast<uintptr_t>(&__heap_base);
    uintptr_t end = memory_end();
    if (end > g_heap_painted_high) {
        return static_cast<uint32_t>(end - base);  // the heap grew memory: all of it counts
    }
    uintptr_t a = g_heap_painted_high;
    const volatile uint8_t* p = reinterpret_cast<const volatile uint8_t*>(a);
    while (a > g_heap_painted_low && *(p - 1) == kPattern) {
        --a;
        --p;
    }
    return static_cast<uint32_t>(a - base);
}

uint32_t simulator_only_bytes() { return fw_suspend_buffer_size(); }

uint32_t static_data_bytes() {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&__data_end) -
                                 reinterpret_cast<uintptr_t>(&__global_base));
}

}  // namespace memory_stats
