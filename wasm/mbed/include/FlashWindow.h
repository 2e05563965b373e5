// FlashWindow.h — a window of the firmware's memory that stands for the chip's memory-mapped flash.
//
// On the STM32F413 the CPU reads the internal flash in place (RM0430 section 3.3: the main memory is mapped at
// 0x0800 0000 and read through the ART accelerator), so a model's weights need no SRAM. The simulated flash lies
// outside the firmware's wasm memory; a firmware that reads a model in place declares, at file scope and at the start
// of a line,
//
//   MBED_FLASH_WINDOW(g_window);
//
// a static buffer the size of one model slot that the model is copied into (UpdateAgent::read_primary) and read from.
// The build sees the declaration and links the firmware with a memory of the board's SRAM plus the window
// (src/toolchain/flags.ts, src/runtime/boardMemory.ts), so stack, the other static data and the heap still share
// exactly the board's 320 KB; a firmware's static-RAM figure leaves the window out.
#ifndef MBED_FLASHWINDOW_H
#define MBED_FLASHWINDOW_H

#include <stdint.h>

#include "flash_map.h"

#define MBED_FLASH_WINDOW(name) alignas(16) uint8_t name[flash_map::kPrimaryBytes]

#endif
