// BootSlots.cpp — trailers, the swap log and the swap itself (see BootSlots.h and docs/ota.md "Slots").
//
// Each slot's last sector is its trailer sector. At its end, MCUboot's trailer: swap size, copy_done and image_ok
// (one word each; a flag is set when its first byte is 0x01, unset while erased) and the 16-byte magic. At
// kLogOffset, the swap log: magic, kind, sectors, one word per completed step, a last word once the swap is
// finished. A test swap logs in the primary's trailer sector (erased first: it held the previous swap's log),
// a revert in the secondary's (erased when the test swap finished), so neither log is ever in a sector the swap
// moves. Every step can be redone from its start: its source is intact until the next step begins.
#include "BootSlots.h"

#include <string.h>

#include "flash_map.h"

namespace mbed {

namespace {

constexpr uint8_t kMagic[16] = {0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f,
                                0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80};  // MCUboot's boot_img_magic
constexpr uint32_t kErasedWord = 0xFFFFFFFFu;
constexpr uint32_t kFlagSet = 0xFFFFFF01u;  // first byte 0x01, as MCUboot's BOOT_FLAG_SET
constexpr uint32_t kDoneWord = 0;

// Offsets from the end of a trailer sector.
constexpr uint32_t kMagicFromEnd = 16;
constexpr uint32_t kImageOkFromEnd = 20;
constexpr uint32_t kCopyDoneFromEnd = 24;
constexpr uint32_t kSwapSectorsFromEnd = 28;

// The swap log, from the start of a trailer sector.
constexpr uint32_t kLogOffset = 1024;
constexpr uint32_t kLogMagic = 0x474F4C53u;  // "SLOG"
constexpr uint32_t kLogHeaderWords = 3;      // magic, kind, sectors
constexpr uint32_t kStepsPerSector = 3;      // secondary → scratch, primary → secondary, scratch → primary

constexpr uint32_t kSlotSectors = flash_map::kPrimaryLastSector - flash_map::kPrimaryFirstSector + 1;
constexpr uint32_t kImageSectors = kSlotSectors - 1;

constexpr uint32_t kChunkBytes = 1024;
alignas(4) uint8_t g_chunk[kChunkBytes];

bool all_erased(const uint8_t* p, uint32_t n) {
    for (uint32_t i = 0; i < n; ++i) {
        if (p[i] != flash_map::kErasedByte) {
            return false;
        }
    }
    return true;
}

}  // namespace

BootSlots::BootSlots(FlashIAP& flash)
    : flash_(flash), sector_bytes_(flash.get_sector_size(flash_map::kPrimaryAddress)) {
    static_assert(flash_map::kPrimaryBytes == flash_map::kSecondaryBytes, "the two model slots must be equal");
    static_assert(kImageSectors >= 1, "a slot needs a sector besides its trailer");
}

uint32_t BootSlots::slot_address(Slot slot) const {
    return slot == Slot::kPrimary ? flash_map::kPrimaryAddress : flash_map::kSecondaryAddress;
}

uint32_t BootSlots::image_capacity() const { return kImageSectors * sector_bytes_; }

uint32_t BootSlots::trailer_sector(Slot slot) const { return slot_address(slot) + kImageSectors * sector_bytes_; }

void BootSlots::on_progress(Progress progress, void* context) {
    progress_ = progress;
    progress_context_ = context;
}

bool BootSlots::fail(const char* why) {
    error_ = why;
    return false;
}

bool BootSlots::read_word(uint32_t address, uint32_t* value) {
    return flash_.read(value, address, sizeof *value) == 0 || fail("flash read failed");
}

bool BootSlots::program_word(uint32_t address, uint32_t value) {
    uint32_t now = 0;
    if (!read_word(address, &now)) {
        return false;
    }
    if (now == value) {
        return true;  // redone after a reset: already written
    }
    if (now != kErasedWord) {
        return fail("flash word already written with another value");
    }
    return flash_.program(&value, address, sizeof value) == 0 || fail("flash program failed");
}

bool BootSlots::program_magic(uint32_t address) {
    uint8_t now[sizeof kMagic];
    if (flash_.read(now, address, sizeof now) != 0) {
        return fail("flash read failed");
    }
    if (memcmp(now, kMagic, sizeof kMagic) == 0) {
        return true;
    }
    if (!all_erased(now, sizeof now)) {
        return fail("trailer magic already written with other bytes");
    }
    return flash_.program(kMagic, address, sizeof kMagic) == 0 || fail("flash program failed");
}

bool BootSlots::erase_sector(uint32_t address) {
    return flash_.erase(address, sector_bytes_) == 0 || fail("flash erase failed");
}

bool BootSlots::sector_erased(uint32_t address) {
    for (uint32_t off = 0; off < sector_bytes_; off += kChunkBytes) {
        if (flash_.read(g_chunk, address + off, kChunkBytes) != 0 || !all_erased(g_chunk, kChunkBytes)) {
            return false;
        }
    }
    return true;
}

bool BootSlots::copy_sector(uint32_t from, uint32_t to) {
    for (uint32_t off = 0; off < sector_bytes_; off += kChunkBytes) {
        if (flash_.read(g_chunk, from + off, kChunkBytes) != 0) {
            return fail("flash read failed");
        }
        // Erased chunks stay as the erase left them: programming them would cost time and change nothing.
        if (!all_erased(g_chunk, kChunkBytes) && flash_.program(g_chunk, to + off, kChunkBytes) != 0) {
            return fail("flash program failed");
        }
    }
    return true;
}

BootSlots::Trailer BootSlots::trailer(Slot slot) {
    const uint32_t end = trailer_sector(slot) + sector_bytes_;
    Trailer t = {false, false, false, 0};
    uint8_t magic[sizeof kMagic];
    uint32_t image_ok = kErasedWord, copy_done = kErasedWord, swap_sectors = kErasedWord;
    if (flash_.read(magic, end - kMagicFromEnd, sizeof magic) != 0 || !read_word(end - kImageOkFromEnd, &image_ok) ||
        !read_word(end - kCopyDoneFromEnd, &copy_done) || !read_word(end - kSwapSectorsFromEnd, &swap_sectors)) {
        return t;
    }
    t.magic = memcmp(magic, kMagic, sizeof kMagic) == 0;
    t.image_ok = (image_ok & 0xFF) == 0x01;
    t.copy_done = (copy_done & 0xFF) == 0x01;
    t.swap_sectors = swap_sectors == kErasedWord ? 0 : swap_sectors;
    return t;
}

BootSlots::Swap BootSlots::read_log(uint32_t log_address, uint32_t* sectors, uint32_t* done_steps, bool* finished) {
    uint32_t magic = 0, kind = 0, n = 0;
    *finished = false;
    *done_steps = 0;
    if (!read_word(log_address, &magic) || magic != kLogMagic || !read_word(log_address + 4, &kind) ||
        !read_word(log_address + 8, &n) || n < 1 || n > kImageSectors ||
        (kind != static_cast<uint32_t>(Swap::kTest) && kind != static_cast<uint32_t>(Swap::kRevert))) {
        return Swap::kNone;
    }
    *sectors = n;
    const uint32_t steps = n * kStepsPerSector;
    uint32_t word = kErasedWord;
    while (*done_steps < steps && read_word(log_address + 4 * (kLogHeaderWords + *done_steps), &word) &&
           word != kErasedWord) {
        ++*done_steps;
    }
    *finished =
        *done_steps == steps && read_word(log_address + 4 * (kLogHeaderWords + steps), &word) && word != kErasedWord;
    return static_cast<Swap>(kind);
}

bool BootSlots::test_mode() {
    const Trailer p = trailer(Slot::kPrimary);
    return p.magic && p.copy_done && !p.image_ok;
}

BootSlots::Swap BootSlots::pending() {
    uint32_t sectors = 0, done = 0;
    bool finished = false;
    if (read_log(trailer_sector(Slot::kPrimary) + kLogOffset, &sectors, &done, &finished) == Swap::kTest && !finished) {
        return Swap::kTest;
    }
    if (read_log(trailer_sector(Slot::kSecondary) + kLogOffset, &sectors, &done, &finished) == Swap::kRevert) {
        return Swap::kRevert;
    }
    const Trailer s = trailer(Slot::kSecondary);
    if (s.magic && !s.image_ok) {
        return Swap::kTest;
    }
    return test_mode() ? Swap::kRevert : Swap::kNone;
}

BootSlots::Swap BootSlots::boot(bool* ok) {
    bool good = true;
    const Swap swap = pending();
    if (swap != Swap::kNone) {
        const uint32_t log = trailer_sector(swap == Swap::kTest ? Slot::kPrimary : Slot::kSecondary) + kLogOffset;
        uint32_t sectors = 0, done = 0;
        bool finished = false;
        if (read_log(log, &sectors, &done, &finished) == swap && !finished) {
            good = run_swap(swap, log, sectors, done) && finish(swap, log);  // resume
        } else if (swap == Swap::kTest) {
            const uint32_t asked = trailer(Slot::kSecondary).swap_sectors;
            sectors = asked >= 1 && asked <= kImageSectors ? asked : kImageSectors;
            good = erase_sector(trailer_sector(Slot::kPrimary)) && program_word(log, kLogMagic) &&
                   program_word(log + 4, static_cast<uint32_t>(swap)) && program_word(log + 8, sectors) &&
                   run_swap(swap, log, sectors, 0) && finish(swap, log);
        } else {
            good = revert();
        }
    }
    if (ok != nullptr) {
        *ok = good;
    }
    return swap;
}

bool BootSlots::run_swap(Swap swap, uint32_t log_address, uint32_t sectors, uint32_t first_step) {
    const uint32_t steps = sectors * kStepsPerSector;
    for (uint32_t step = first_step; step < steps; ++step) {
        if (progress_ != nullptr) {
            progress_(progress_context_, swap, step, steps);
        }
        const uint32_t offset = step / kStepsPerSector * sector_bytes_;
        const uint32_t primary = flash_map::kPrimaryAddress + offset;
        const uint32_t secondary = flash_map::kSecondaryAddress + offset;
        const uint32_t scratch = flash_map::kScratchAddress;
        uint32_t from = secondary, to = scratch;
        if (step % kStepsPerSector == 1) {
            from = primary, to = secondary;
        } else if (step % kStepsPerSector == 2) {
            from = scratch, to = primary;
        }
        if (!erase_sector(to) || !copy_sector(from, to) ||
            !program_word(log_address + 4 * (kLogHeaderWords + step), kDoneWord)) {
            return false;
        }
    }
    return true;
}

bool BootSlots::finish(Swap swap, uint32_t log_address) {
    const uint32_t primary_end = trailer_sector(Slot::kPrimary) + sector_bytes_;
    if (swap == Swap::kRevert) {
        // The previous image is back, and it had been confirmed; then the revert's log goes with its sector.
        return program_word(primary_end - kImageOkFromEnd, kFlagSet) && erase_sector(trailer_sector(Slot::kSecondary));
    }
    uint32_t sectors = 0, done = 0;
    bool finished = false;
    read_log(log_address, &sectors, &done, &finished);
    const uint32_t secondary_trailer = trailer_sector(Slot::kSecondary);
    // The request and the download record go first: a reset after this point finds the log, not the request.
    return (sector_erased(secondary_trailer) || erase_sector(secondary_trailer)) &&
           program_word(primary_end - kCopyDoneFromEnd, kFlagSet) && program_magic(primary_end - kMagicFromEnd) &&
           program_word(log_address + 4 * (kLogHeaderWords + sectors * kStepsPerSector), kDoneWord);
}

bool BootSlots::request_test(uint32_t image_bytes, uint32_t primary_bytes) {
    if (image_bytes == 0 || image_bytes > image_capacity()) {
        return fail("the image does not fit the slot");
    }
    const uint32_t longest = image_bytes > primary_bytes ? image_bytes : primary_bytes;
    uint32_t sectors = (longest + sector_bytes_ - 1) / sector_bytes_;
    if (sectors > kImageSectors) {
        sectors = kImageSectors;
    }
    const uint32_t end = trailer_sector(Slot::kSecondary) + sector_bytes_;
    return program_word(end - kSwapSectorsFromEnd, sectors) && program_magic(end - kMagicFromEnd);
}

bool BootSlots::confirm() {
    if (!test_mode()) {
        return fail("no image is on trial");
    }
    return program_word(trailer_sector(Slot::kPrimary) + sector_bytes_ - kImageOkFromEnd, kFlagSet);
}

bool BootSlots::revert() {
    if (!test_mode()) {
        return fail("no image is on trial");
    }
    // The sectors the test swap covered, from its (finished) log.
    uint32_t sectors = kImageSectors, done = 0;
    bool finished = false;
    read_log(trailer_sector(Slot::kPrimary) + kLogOffset, &sectors, &done, &finished);
    const uint32_t secondary_trailer = trailer_sector(Slot::kSecondary);
    const uint32_t log = secondary_trailer + kLogOffset;
    return (sector_erased(secondary_trailer) || erase_sector(secondary_trailer)) && program_word(log, kLogMagic) &&
           program_word(log + 4, static_cast<uint32_t>(Swap::kRevert)) && program_word(log + 8, sectors) &&
           run_swap(Swap::kRevert, log, sectors, 0) && finish(Swap::kRevert, log);
}

}  // namespace mbed
