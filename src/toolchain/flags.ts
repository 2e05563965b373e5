// Compiler and linker flags shared by the Node build and the in-browser compiler, so both produce the same firmware.
import { BOARD_SRAM_BYTES, FLASH_WINDOW_BYTES } from '../runtime/boardMemory';

export const TARGET_FLAGS = ['--target=wasm32-wasip1'];

export const COMPILE_FLAGS = [
  ...TARGET_FLAGS,
  '-O2',
  '-fno-exceptions', // the runtime has no unwinder: without this the link fails on __cxa_throw
  '-fno-rtti',
  '-msimd128',
  '-std=c++17',
  '-Wall',
  '-Wextra',
  '-fdiagnostics-absolute-paths',
  '-fno-color-diagnostics',
  // In the browser clang's stack is the engine's fixed native stack: a simple recursive template exhausts it between
  // 220 and 250 levels, before clang's default limit (1024). Below that, clang reports the instantiation with its
  // location instead of dying with "Maximum call stack size exceeded".
  '-ftemplate-depth=200',
];

/**
 * Only for the application's own files, not the SDK archives: a load, store or member access through a null
 * pointer, or an offset applied to one (`p[i]` with p null), calls a handler in the SDK that halts the board with a
 * named fault (wasm/mbed/src/ubsan_handlers.cpp). The NN kernels in libnn.a stay uninstrumented.
 */
export const APP_COMPILE_FLAGS = ['-fsanitize=null,pointer-overflow', '-fno-sanitize-recover=all'];

/** Include directories of the SDK, relative to the virtual file system root. */
export const SDK_INCLUDE_DIRS = [
  'sdk/include',
  'sdk/mbed/include',
  'sdk/nn/include',
  'sdk/models/include',
  'sdk/ota/include',
];

export const STACK_BYTES = 64 * 1024;

/**
 * A firmware declares its flash window (src/runtime/boardMemory.ts FLASH_WINDOW_BYTES) with a line that begins with
 * MBED_FLASH_WINDOW( in one of its own files; the Node build and the in-browser compiler both decide from the
 * sources, so a demo and its copy in the editor link alike.
 */
export function declaresFlashWindow(sources: Record<string, string>): boolean {
  return Object.values(sources).some((text) => /^[ \t]*MBED_FLASH_WINDOW\(/m.test(text));
}

/** The firmware's wasm memory: the board's SRAM, and the flash window after it if the firmware declares one. */
export function firmwareMemoryBytes(sources: Record<string, string>): number {
  return BOARD_SRAM_BYTES + (declaresFlashWindow(sources) ? FLASH_WINDOW_BYTES : 0);
}

/** The link flags of a firmware built from `sources`. */
export function linkFlags(sources: Record<string, string>): string[] {
  const memoryBytes = firmwareMemoryBytes(sources);
  return [
    ...TARGET_FLAGS,
    // Reactor: no _start; the runtime calls _initialize, then fw_main.
    '-mexec-model=reactor',
    // Stack first: an overflow runs below address 0 and traps instead of silently corrupting static data.
    `-Wl,-z,stack-size=${STACK_BYTES}`,
    '-Wl,--stack-first',
    '-Wl,--export=__stack_pointer',
    '-Wl,--export=__heap_base',
    '-Wl,--export=__data_end',
    // The board's SRAM (and the flash window, a static buffer) and no more: memory starts at that size and cannot
    // grow, so the heap ends at __heap_end and malloc returns NULL when it is exhausted.
    `-Wl,--initial-memory=${memoryBytes}`,
    `-Wl,--max-memory=${memoryBytes}`,
    // Heap statistics (mbed_stats_heap_get) count every allocation, as Mbed OS does with the same wrappers.
    ...['malloc', 'free', 'calloc', 'realloc', 'aligned_alloc', 'posix_memalign'].map((f) => `-Wl,--wrap=${f}`),
  ];
}
