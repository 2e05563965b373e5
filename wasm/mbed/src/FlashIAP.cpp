// FlashIAP.cpp — mbed::FlashIAP on the sim_flash_* calls of sim_abi.h (see FlashIAP.h).
#include "FlashIAP.h"

#include <string.h>

#include "flash_map.h"
#include "sim_abi.h"

namespace mbed {

namespace {

bool in_flash(uint32_t addr, uint32_t size) {
    return addr >= flash_map::kFlashStart && size <= flash_map::kFlashBytes &&
           addr - flash_map::kFlashStart <= flash_map::kFlashBytes - size;
}

bool is_sector_start(uint32_t addr) {
    for (const flash_map::Sector& s : flash_map::kSectors) {
        if (s.address == addr) {
            return true;
        }
    }
    return false;
}

}  // namespace

int FlashIAP::init() { return 0; }

int FlashIAP::deinit() { return 0; }

int FlashIAP::read(void* buffer, uint32_t addr, uint32_t size) {
    if (size == 0) {
        return 0;
    }
    if (buffer == nullptr || !in_flash(addr, size)) {
        return -1;
    }
    return sim_flash_read(addr, static_cast<uint8_t*>(buffer), size) == SIM_FLASH_OK ? 0 : -1;
}

int FlashIAP::program(const void* buffer, uint32_t addr, uint32_t size) {
    const uint32_t page = get_page_size();
    if (buffer == nullptr || addr % page != 0 || !in_flash(addr, size)) {
        return -1;
    }
    const uint8_t* src = static_cast<const uint8_t*>(buffer);
    const uint32_t whole = size / page * page;
    if (whole > 0 && sim_flash_program(addr, src, whole) != SIM_FLASH_OK) {
        return -1;
    }
    if (whole == size) {
        return 0;
    }
    // The tail is programmed as a whole page, padded with the erase value, as Mbed OS's FlashIAP does.
    uint8_t tail[flash_map::kProgramBytes];
    memset(tail, flash_map::kErasedByte, sizeof tail);
    memcpy(tail, src + whole, size - whole);
    if (!in_flash(addr + whole, page)) {
        return -1;
    }
    return sim_flash_program(addr + whole, tail, page) == SIM_FLASH_OK ? 0 : -1;
}

int FlashIAP::erase(uint32_t addr, uint32_t size) {
    if (!in_flash(addr, size) || !is_sector_start(addr)) {
        return -1;
    }
    const uint32_t end = addr + size;
    if (end != flash_map::kFlashStart + flash_map::kFlashBytes && !is_sector_start(end)) {
        return -1;
    }
    while (addr < end) {
        if (sim_flash_erase(addr) != SIM_FLASH_OK) {
            return -1;
        }
        addr += get_sector_size(addr);
    }
    return 0;
}

uint32_t FlashIAP::get_sector_size(uint32_t addr) const {
    for (const flash_map::Sector& s : flash_map::kSectors) {
        if (addr >= s.address && addr - s.address < s.bytes) {
            return s.bytes;
        }
    }
    return MBED_FLASH_INVALID_SIZE;
}

uint32_t FlashIAP::get_flash_start() const { return flash_map::kFlashStart; }

uint32_t FlashIAP::get_flash_size() const { return flash_map::kFlashBytes; }

uint32_t FlashIAP::get_page_size() const { return flash_map::kProgramBytes; }

uint8_t FlashIAP::get_erase_value() const { return flash_map::kErasedByte; }

}  // namespace mbed
