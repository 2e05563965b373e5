// BootSlots.h — the boot loader's half of an over-the-air model update, after MCUboot's swap with scratch: two model
// slots in the board's flash (flash_map.h), each ending in a trailer sector that holds no image bytes.
//
// An update is downloaded into the secondary slot; request_test() asks for it to be tried. boot() — run first thing
// after every reset, or at once by the update agent — swaps the two slots sector by sector through the scratch
// sector, logging each step in flash so that a reset at any moment resumes the swap where it stopped. The new image
// then runs in test mode; confirm() makes it permanent. A reset in test mode, or revert(), swaps the previous image
// back. The decision follows MCUboot's (docs/ota.md): secondary magic with image_ok unset → test swap; primary
// magic and copy_done with image_ok unset → revert; otherwise boot the primary as it is.
//
//   FlashIAP flash;
//   BootSlots slots(flash);
//   slots.boot();                        // after reset: finish what a reset interrupted
//   if (slots.test_mode()) { ...self-test...; ok ? slots.confirm() : slots.revert(); }
#ifndef MBED_BOOTSLOTS_H
#define MBED_BOOTSLOTS_H

#include <stdint.h>

#include "FlashIAP.h"
#include "NonCopyable.h"

namespace mbed {

class BootSlots : private NonCopyable<BootSlots> {
public:
    enum class Slot : uint8_t { kPrimary, kSecondary };
    enum class Swap : uint8_t { kNone, kTest, kRevert };

    struct Trailer {
        bool magic;             // the trailer is written (MCUboot's boot_img_magic)
        bool image_ok;          // the image was confirmed
        bool copy_done;         // the image was swapped in
        uint32_t swap_sectors;  // secondary: how many image sectors the requested swap covers (0: not written)
    };

    // Called before each swap step: step of steps, for a status line.
    using Progress = void (*)(void* context, Swap swap, uint32_t step, uint32_t steps);

    explicit BootSlots(FlashIAP& flash);

    uint32_t slot_address(Slot slot) const;
    // Bytes an image may take in a slot: the slot less its trailer sector.
    uint32_t image_capacity() const;
    uint32_t sector_bytes() const { return sector_bytes_; }

    Trailer trailer(Slot slot);
    // What boot() would do now: resume or finish a logged swap, or start the one the trailers ask for.
    Swap pending();
    // The boot decision, carried out. Returns the swap it ran (kNone when there was nothing to do), false in `*ok`
    // on a flash error (error() says which).
    Swap boot(bool* ok = nullptr);
    // The primary image runs on trial: swapped in, not yet confirmed.
    bool test_mode();

    // Asks for the image in the secondary slot, `image_bytes` long, to be tried; `primary_bytes` is the length of
    // the image it replaces (the swap covers the sectors either uses).
    bool request_test(uint32_t image_bytes, uint32_t primary_bytes);
    // Makes the image on trial permanent.
    bool confirm();
    // Swaps the previous image back now, as a reset in test mode would.
    bool revert();

    void on_progress(Progress progress, void* context);
    const char* error() const { return error_; }

private:
    bool run_swap(Swap swap, uint32_t log_address, uint32_t sectors, uint32_t first_step);
    bool finish(Swap swap, uint32_t log_address);
    bool copy_sector(uint32_t from, uint32_t to);
    bool erase_sector(uint32_t address);
    // Both write once: redone after a reset, a write that already happened succeeds.
    bool program_word(uint32_t address, uint32_t value);
    bool program_magic(uint32_t address);
    bool read_word(uint32_t address, uint32_t* value);
    bool sector_erased(uint32_t address);
    // The swap log at `log_address`: its kind (kNone when absent or finished), sectors and completed steps.
    Swap read_log(uint32_t log_address, uint32_t* sectors, uint32_t* done_steps, bool* finished);
    uint32_t trailer_sector(Slot slot) const;
    bool fail(const char* why);

    FlashIAP& flash_;
    uint32_t sector_bytes_;
    Progress progress_ = nullptr;
    void* progress_context_ = nullptr;
    const char* error_ = "";
};

}  // namespace mbed

#endif
