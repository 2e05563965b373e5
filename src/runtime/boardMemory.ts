// The simulated board's memory: the DISCO-F413ZH's 320 KB of SRAM (its profile is in src/ml/cycles/boards.ts).
// Firmware is linked so that its wasm memory is exactly this size and cannot grow: stack, static data and heap
// share it as they would share the chip's SRAM.
export const BOARD_SRAM_BYTES = 320 * 1024;

/** WebAssembly memory comes in 64 KiB pages; the SRAM size must be a whole number of them. */
export const WASM_PAGE_BYTES = 65536;
