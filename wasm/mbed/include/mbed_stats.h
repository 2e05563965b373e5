// mbed_stats.h — heap statistics, as Mbed OS 6's mbed_stats_heap_get() reports them.
//
// The heap is what the board's SRAM leaves after the stack and static data: [__heap_base, __heap_end). When it is
// exhausted malloc returns NULL and `new` halts the board with "out of memory (heap N of M bytes)".
#ifndef MBED_STATS_H
#define MBED_STATS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint32_t current_size;    // bytes allocated now (usable sizes of the live blocks, without dlmalloc's headers)
    uint32_t max_size;        // the most bytes allocated at one time since reset
    uint32_t total_size;      // every byte ever allocated, freed or not
    uint32_t reserved_size;   // bytes of SRAM set aside for the heap
    uint32_t alloc_cnt;       // blocks allocated now
    uint32_t alloc_fail_cnt;  // allocations that returned NULL
    uint32_t overhead_size;   // bytes the statistics themselves take from the heap: 0 here (kept outside it)
} mbed_stats_heap_t;

void mbed_stats_heap_get(mbed_stats_heap_t* stats);

#ifdef __cplusplus
}
#endif

#endif
