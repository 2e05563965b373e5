// mbed_alloc_wrappers.cpp — heap statistics and the out-of-memory fault.
//
// The linker wraps malloc and friends (-Wl,--wrap, see src/toolchain/flags.ts), as Mbed OS does, so every
// allocation is counted. `new` is replaced: when malloc returns NULL it halts the board with a named fault instead
// of returning NULL (the firmware is built without exceptions, so there is no std::bad_alloc to throw).
#include <malloc.h>
#include <stdlib.h>

#include <new>

#include "mbed_stats.h"
#include "sim_runtime.h"

extern "C" {
extern char __heap_base;
extern char __heap_end;
void* __real_malloc(size_t size);
void __real_free(void* ptr);
void* __real_calloc(size_t count, size_t size);
void* __real_realloc(void* ptr, size_t size);
void* __real_aligned_alloc(size_t alignment, size_t size);
int __real_posix_memalign(void** out, size_t alignment, size_t size);
}

namespace {

mbed_stats_heap_t g_heap = {};

void count_alloc(void* ptr, size_t requested) {
    if (ptr == nullptr) {
        if (requested != 0)
            ++g_heap.alloc_fail_cnt;
        return;
    }
    const uint32_t bytes = static_cast<uint32_t>(malloc_usable_size(ptr));
    g_heap.current_size += bytes;
    g_heap.total_size += bytes;
    if (g_heap.current_size > g_heap.max_size)
        g_heap.max_size = g_heap.current_size;
    ++g_heap.alloc_cnt;
}

void count_free(void* ptr) {
    if (ptr == nullptr)
        return;
    g_heap.current_size -= static_cast<uint32_t>(malloc_usable_size(ptr));
    --g_heap.alloc_cnt;
}

uint32_t heap_reserved() {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&__heap_end) - reinterpret_cast<uintptr_t>(&__heap_base));
}

[[noreturn]] void out_of_memory(size_t size) {
    sim_rt::faultf("out of memory (heap %u of %u bytes): new of %u bytes failed",
                   static_cast<unsigned>(g_heap.current_size), static_cast<unsigned>(heap_reserved()),
                   static_cast<unsigned>(size));
}

void* new_or_fault(size_t size) {
    void* ptr = malloc(size == 0 ? 1 : size);
    if (ptr == nullptr)
        out_of_memory(size);
    return ptr;
}

void* aligned_new(size_t size, std::align_val_t alignment) {
    const size_t align = static_cast<size_t>(alignment);
    return aligned_alloc(align, (size + align - 1) / align * align);
}

}  // namespace

extern "C" {

void mbed_stats_heap_get(mbed_stats_heap_t* stats) {
    *stats = g_heap;
    stats->reserved_size = heap_reserved();
}

void* __wrap_malloc(size_t size) {
    void* ptr = __real_malloc(size);
    count_alloc(ptr, size);
    return ptr;
}

void __wrap_free(void* ptr) {
    count_free(ptr);
    __real_free(ptr);
}

void* __wrap_calloc(size_t count, size_t size) {
    void* ptr = __real_calloc(count, size);
    count_alloc(ptr, count * size);
    return ptr;
}

void* __wrap_realloc(void* ptr, size_t size) {
    const uint32_t before = ptr != nullptr ? static_cast<uint32_t>(malloc_usable_size(ptr)) : 0;
    void* moved = __real_realloc(ptr, size);
    if (moved == nullptr) {
        if (size != 0)
            ++g_heap.alloc_fail_cnt;  // the old block stays allocated
        return nullptr;
    }
    if (ptr != nullptr) {
        g_heap.current_size -= before;
        --g_heap.alloc_cnt;
    }
    count_alloc(moved, size);
    return moved;
}

void* __wrap_aligned_alloc(size_t alignment, size_t size) {
    void* ptr = __real_aligned_alloc(alignment, size);
    count_alloc(ptr, size);
    return ptr;
}

int __wrap_posix_memalign(void** out, size_t alignment, size_t size) {
    const int err = __real_posix_memalign(out, alignment, size);
    count_alloc(err == 0 ? *out : nullptr, size);
    return err;
}

}  // extern "C"

void* operator new(size_t size) { return new_or_fault(size); }
void* operator new[](size_t size) { return new_or_fault(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return malloc(size == 0 ? 1 : size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return malloc(size == 0 ? 1 : size); }
void* operator new(size_t size, std::align_val_t alignment) {
    void* ptr = aligned_new(size, alignment);
    if (ptr == nullptr)
        out_of_memory(size);
    return ptr;
}
void* operator new[](size_t size, std::align_val_t alignment) { return operator new(size, alignment); }
void* operator new(size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return aligned_new(size, alignment);
}
void* operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return aligned_new(size, alignment);
}

void operator delete(void* ptr) noexcept { free(ptr); }
void operator delete[](void* ptr) noexcept { free(ptr); }
void operator delete(void* ptr, size_t) noexcept { free(ptr); }
void operator delete[](void* ptr, size_t) noexcept { free(ptr); }
void operator delete(void* ptr, std::align_val_t) noexcept { free(ptr); }
void operator delete[](void* ptr, std::align_val_t) noexcept { free(ptr); }
void operator delete(void* ptr, size_t, std::align_val_t) noexcept { free(ptr); }
void operator delete[](void* ptr, size_t, std::align_val_t) noexcept { free(ptr); }
