// memory_stats.h — what the firmware's memory really holds: static data, stack and heap high-water marks.
//
// Stack and heap are measured the way embedded developers do it on hardware ("stack painting"): at start-up the
// unused part of each region is filled with a pattern, and later the lowest (stack) or highest (heap) byte that
// no longer holds the pattern tells how far the region was ever used.
//
// Memory map of this wasm32 firmware (linker flags --stack-first, 64 KiB stack):
//   [__stack_low, __stack_high)   the stack, growing down from __stack_high
//   [__global_base, __data_end)   static data: const tables (flash on an MCU), initialised and zeroed variables
//   [__heap_base, memory end)     malloc's heap (wasi-libc dlmalloc), growing up
#ifndef MEMORY_STATS_H
#define MEMORY_STATS_H

#include <stdint.h>

namespace memory_stats {

// Paint the free stack and heap. Call first thing in main().
void paint();
// Bytes of stack ever in use, measured from the top of the stack region.
uint32_t stack_high_water();
uint32_t stack_size();
// Bytes of heap ever in use, from __heap_base (an upper bound by at most 16 bytes).
uint32_t heap_high_water();
// __data_end - __global_base: every statically placed byte (const and mutable).
uint32_t static_data_bytes();
// Static data only the simulator needs (the buffer that saves a suspended firmware's call stack): not on a device.
uint32_t simulator_only_bytes();

}  // namespace memory_stats

#endif
