// The simulated board's memory: the DISCO-F413ZH's 320 KB of SRAM (its profile is in src/ml/cycles/boards.ts).
// Firmware is linked so that its wasm memory is exactly this size and cannot grow: stack, static data and heap
// share it as they would share the chip's SRAM.
import { FLASH_REGIONS, regionBytes } from './peripherals/flashMap';

export const BOARD_SRAM_BYTES = 320 * 1024;

/** WebAssembly memory comes in 64 KiB pages; the SRAM size must be a whole number of them. */
export const WASM_PAGE_BYTES = 65536;

/**
 * A firmware that reads a model in place from the chip's memory-mapped flash (as the STM32F413 does: XIP) declares
 * a flash window with MBED_FLASH_WINDOW (wasm/mbed/include/FlashWindow.h): a static buffer the size of one model
 * slot that stands for that flash, because the simulated flash lies outside the firmware's memory. Its memory is
 * then the SRAM plus the window, so stack, the other static data and the heap still share exactly BOARD_SRAM_BYTES.
 */
export const FLASH_WINDOW_BYTES = regionBytes(FLASH_REGIONS.find((r) => r.name === 'primary')!);

/** The wasm memory sizes a firmware may have: the SRAM, or the SRAM and a flash window. */
export const FIRMWARE_MEMORY_BYTES = [BOARD_SRAM_BYTES, BOARD_SRAM_BYTES + FLASH_WINDOW_BYTES] as const;
