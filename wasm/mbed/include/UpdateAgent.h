// UpdateAgent.h — the device's update agent for signed model images (docs/ota.md): downloads an offered image block
// by block into the secondary slot (resuming after an interruption), checks it (SHA-256 computed here, structure
// and policy by ota::InspectImage, the ECDSA signature by the secure element), swaps it in for a trial
// (BootSlots), has the app install and self-test it, and confirms it — or swaps the previous image back. State and
// result follow LwM2M Object 5 (Firmware Update) and are reported as `ota.status` telemetry, on serial and to the
// app for its LCD.
//
//   UpdateAgent::App app = {"mnist", ota::PayloadType::kNnModelV1, install_model, nullptr, sizeof model_ram};
//   UpdateAgent agent(queue, flash, se, link, app);
//   agent.boot();              // after reset: finish or revert a swap, then install the primary image
//   queue.dispatch_forever();  // offers arrive as interrupts; the agent works in the queue's thread
#ifndef MBED_UPDATEAGENT_H
#define MBED_UPDATEAGENT_H

#include <stddef.h>
#include <stdint.h>

#include "BootSlots.h"
#include "EventQueue.h"
#include "FlashIAP.h"
#include "NonCopyable.h"
#include "SecureElement.h"
#include "UpdateLink.h"
#include "ota/image.h"

namespace mbed {

class UpdateAgent : private NonCopyable<UpdateAgent> {
public:
    // LwM2M Object 5, resource 3 (State).
    enum class State : uint8_t { kIdle = 0, kDownloading = 1, kDownloaded = 2, kUpdating = 3 };
    using Result = ota::UpdateResult;  // resource 5 (Update Result)

    struct App {
        const char* target;        // the target TLV the app accepts, e.g. "mnist"
        ota::PayloadType payload;  // the payload type it can run
        // Loads the body of the image in the primary slot (`info`, read through `agent.read_primary`) and runs its
        // self-test. False, with a reason in `why`, when the model cannot run.
        bool (*install)(void* context, UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size);
        void* context;
        uint32_t max_body_bytes;  // the largest body the app has RAM for
        // Put before each status line on serial, e.g. "# " where the app's serial output is CSV with comments.
        const char* serial_prefix = "";
    };

    // Secure-element key slots the agent trusts: the factory key, the owner's, and the key of the workshop the board
    // joined (provisioned at join time, docs/fleet.md).
    static constexpr int kFactoryKeySlot = 8;
    static constexpr int kOwnerKeySlot = 9;
    static constexpr int kWorkshopKeySlot = 10;
    static constexpr int kTrustedKeySlots[] = {kFactoryKeySlot, kOwnerKeySlot, kWorkshopKeySlot};

    UpdateAgent(events::EventQueue& queue, FlashIAP& flash, SecureElement& se, UpdateLink& link, const App& app);

    // After reset: completes or reverts what a reset interrupted, then verifies and installs the primary image.
    // False when no good image could be installed (`status()` says why).
    bool boot();
    // Stops a download in progress (the server withdrew its offer): result kCancelled.
    void cancel();

    State state() const { return state_; }
    Result result() const { return result_; }
    // A short line for serial and the LCD, e.g. "OTA: downloading 45%".
    const char* status() const { return status_; }
    // The running image (valid once boot() succeeded).
    const ota::ImageInfo& running() const { return running_; }

    // Reads `size` bytes at `offset` of the primary slot (for App::install).
    bool read_primary(uint32_t offset, void* buffer, uint32_t size);

    // Called (thread context) whenever state, result or status change.
    void on_change(Callback<void()> handler) { changed_ = handler; }

private:
    void on_link(uint32_t event);
    void start_download();
    void next_block();
    void collect_block();
    void downloaded();
    bool verify(BootSlots::Slot slot, uint32_t size, ota::ImageInfo* info, Result* failure);
    // Swaps the checked image in the secondary slot in for a trial, then try_trial().
    bool swap_and_try(const ota::ImageInfo& info);
    // Installs the image on trial and confirms it, or swaps the previous one back and installs that.
    bool try_trial();
    // Verifies and installs the primary image as the running one; false with reason_.
    bool install_running();
    bool load_trusted_keys();
    bool record_word(uint32_t index, uint32_t* value);
    bool program_record(uint32_t index, uint32_t value);
    void set(State state, Result result, const char* format, ...) __attribute__((format(printf, 4, 5)));
    void report();  // ota.status telemetry (UpdateAgentReport.cpp)

    events::EventQueue& queue_;
    FlashIAP& flash_;
    SecureElement& se_;
    UpdateLink& link_;
    App app_;
    BootSlots slots_;

    State state_ = State::kIdle;
    Result result_ = Result::kInitial;
    char status_[96] = "OTA: idle";
    char reason_[64] = "";  // why the last verify or install failed
    Callback<void()> changed_;

    // What the last check of each slot's image found: "verified", a verdict name, "" while unchecked; and the start
    // of the SHA-256 the firmware computed, once the image's structure let it be computed.
    struct SlotCheck {
        const char* verdict = "";
        bool has_digest = false;
        uint8_t digest[8] = {};
    };
    SlotCheck checks_[2];
    ota::ImageInfo running_ = {};
    bool running_valid_ = false;
    uint8_t trusted_[3][ota::kKeyHashBytes] = {};
    int trusted_slot_[3] = {};
    size_t trusted_count_ = 0;

    UpdateLink::Offer offer_ = {};
    uint32_t next_block_ = 0;
    uint32_t done_blocks_ = 0;
    int64_t due_us_ = 0;
    alignas(4) uint8_t block_[SIM_LINK_BLOCK_BYTES];
};

}  // namespace mbed

#endif
