// FlashIAP.h — mbed::FlashIAP: in-application programming of the board's internal flash (STM32F413ZH, 1.5 MB at
// 0x08000000; sectors and the regions the firmware and model slots use in flash_map.h).
//
//   FlashIAP flash;
//   flash.init();
//   flash.erase(flash_map::kSecondaryAddress, flash.get_sector_size(flash_map::kSecondaryAddress));
//   flash.program(block, flash_map::kSecondaryAddress, sizeof block);
//
// As in Mbed OS: every call returns 0 on success, -1 on failure. erase() takes whole sectors (address and end on
// sector boundaries); program() takes a page-aligned address, pads a tail that is not a whole page with 0xFF, and
// needs the flash erased there. A page is one 32-bit word (the controller's x32 parallelism). Erasing and
// programming take the datasheet's time in virtual time (a 128 KB sector 1 s, a word 16 µs); the call returns when
// the controller is done, and interrupts that fall due meanwhile run after it.
#ifndef MBED_FLASHIAP_H
#define MBED_FLASHIAP_H

#include <stdint.h>

#include "NonCopyable.h"

// The value get_sector_size() returns for an address outside the flash, as in Mbed OS.
#define MBED_FLASH_INVALID_SIZE 0xFFFFFFFF

namespace mbed {

class FlashIAP : private NonCopyable<FlashIAP> {
public:
    constexpr FlashIAP() = default;

    int init();
    int deinit();

    // Copies `size` bytes at `addr` into `buffer`.
    int read(void* buffer, uint32_t addr, uint32_t size);
    // Programs `size` bytes from `buffer` at page-aligned `addr` (erased before).
    int program(const void* buffer, uint32_t addr, uint32_t size);
    // Erases the sectors from `addr` (a sector's start) for `size` bytes (ending at a sector boundary).
    int erase(uint32_t addr, uint32_t size);

    // Size of the sector holding `addr`, or MBED_FLASH_INVALID_SIZE outside the flash.
    uint32_t get_sector_size(uint32_t addr) const;
    uint32_t get_flash_start() const;
    uint32_t get_flash_size() const;
    uint32_t get_page_size() const;
    uint8_t get_erase_value() const;
};

}  // namespace mbed

#endif
