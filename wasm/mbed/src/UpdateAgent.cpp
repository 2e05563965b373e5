// UpdateAgent.cpp — download, verification, trial and confirmation of model images (see UpdateAgent.h).
//
// The download record lives at the start of the secondary slot's trailer sector, one flash word per fact so that
// each is written once: magic, image size, ETag (two words), one word per image sector once it is erased, one word
// per block once it is programmed. A download whose offer has the record's size and ETag resumes; any other starts
// over (the trailer sector is erased with the record). Work is split into queue events, one block each, so the app
// keeps running while a download is in progress.
#include "UpdateAgent.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "HighResClock.h"
#include "flash_map.h"
#include "ota/sha256.h"

namespace mbed {

namespace {

constexpr uint32_t kRecordMagic = 0x43524C44u;  // "DLRC"
constexpr uint32_t kRecordSize = 1;
constexpr uint32_t kRecordEtag = 2;     // two words
constexpr uint32_t kRecordErased = 4;   // one word per image sector
constexpr uint32_t kRecordBlocks = 16;  // one word per block
constexpr uint32_t kErasedWord = 0xFFFFFFFFu;
constexpr uint32_t kDoneWord = 0;
constexpr uint32_t kBlockBytes = SIM_LINK_BLOCK_BYTES;

// DER SubjectPublicKeyInfo of a P-256 key up to the uncompressed point's 0x04: a KEYHASH is SHA-256 over it.
constexpr uint8_t kP256SpkiPrefix[] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48,
                                       0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                       0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04};

struct SlotReader {
    FlashIAP* flash;
    uint32_t base;
};

bool read_slot(void* ctx, uint32_t offset, uint8_t* buf, uint32_t len) {
    SlotReader* r = static_cast<SlotReader*>(ctx);
    return r->flash->read(buf, r->base + offset, len) == 0;
}

// A slot whose header is still erased flash holds nothing yet (a board never given a model), which is no fault.
bool slot_erased(SlotReader* r) {
    uint8_t head[16];
    if (!read_slot(r, 0, head, sizeof head))
        return false;
    for (uint8_t b : head)
        if (b != flash_map::kErasedByte)
            return false;
    return true;
}

}  // namespace

UpdateAgent::UpdateAgent(events::EventQueue& queue, FlashIAP& flash, SecureElement& se, UpdateLink& link,
                         const App& app)
    : queue_(queue), flash_(flash), se_(se), link_(link), app_(app), slots_(flash) {
    link_.attach(callback(this, &UpdateAgent::on_link));
}

void UpdateAgent::set(State state, Result result, const char* format, ...) {
    state_ = state;
    result_ = result;
    va_list args;
    va_start(args, format);
    vsnprintf(status_, sizeof status_, format, args);
    va_end(args);
    printf("%s%s\n", app_.serial_prefix, status_);
    report();
    if (changed_) {
        changed_();
    }
}

bool UpdateAgent::read_primary(uint32_t offset, void* buffer, uint32_t size) {
    return flash_.read(buffer, slots_.slot_address(BootSlots::Slot::kPrimary) + offset, size) == 0;
}

bool UpdateAgent::load_trusted_keys() {
    trusted_count_ = 0;
    for (int slot : kTrustedKeySlots) {
        uint8_t point[64];
        if (se_.read_public_key(slot, point) != SecureElement::Result::Success) {
            continue;  // not provisioned
        }
        ota::Sha256 h;
        h.Update(kP256SpkiPrefix, sizeof kP256SpkiPrefix);
        h.Update(point, sizeof point);
        h.Final(trusted_[trusted_count_]);
        trusted_slot_[trusted_count_++] = slot;
    }
    return trusted_count_ > 0;
}

bool UpdateAgent::verify(BootSlots::Slot slot, uint32_t size, ota::ImageInfo* info, Result* failure) {
    ota::Policy policy;
    policy.trusted_key_hashes = trusted_;
    policy.trusted_key_count = trusted_count_;
    policy.min_security_counter = running_valid_ ? running_.security_counter : 0;
    policy.target = app_.target;
    policy.payload_types = &app_.payload;
    policy.payload_type_count = 1;
    SlotReader r = {&flash_, slots_.slot_address(slot)};
    ota::Verdict v = ota::InspectImage(read_slot, &r, size, policy, info);
    if (v == ota::Verdict::kUnknownKey && load_trusted_keys()) {
        // A key provisioned since the keys were read (a workshop joined while the board ran) counts too.
        policy.trusted_key_count = trusted_count_;
        v = ota::InspectImage(read_slot, &r, size, policy, info);
    }
    SlotCheck& slot_check = checks_[static_cast<int>(slot)];
    const char*& check = slot_check.verdict;
    check = ota::VerdictName(v);
    slot_check.has_digest = v == ota::Verdict::kOk;
    memcpy(slot_check.digest, info->digest, sizeof slot_check.digest);
    if (v != ota::Verdict::kOk) {
        *failure = ota::UpdateResultOf(v);
        const bool empty = v == ota::Verdict::kBadMagic && slot_erased(&r);
        snprintf(reason_, sizeof reason_, "%s",
                 empty ? "the slot is empty" : ota::kVerdictDescriptions[static_cast<int>(v)]);
        return false;
    }
    if (info->body_size > app_.max_body_bytes) {
        check = "outOfRam";
        *failure = Result::kOutOfRam;
        snprintf(reason_, sizeof reason_, "model needs %u bytes of RAM, the app has %u",
                 static_cast<unsigned>(info->body_size), static_cast<unsigned>(app_.max_body_bytes));
        return false;
    }
    int key_slot = -1;
    for (size_t i = 0; i < trusted_count_; ++i) {
        if (memcmp(trusted_[i], info->key_hash, ota::kKeyHashBytes) == 0) {
            key_slot = trusted_slot_[i];
        }
    }
    const SecureElement::Result sig = se_.verify_stored(key_slot, info->digest, info->signature);
    check = sig == SecureElement::Result::Success ? "verified" : "signatureInvalid";
    if (sig != SecureElement::Result::Success) {
        *failure = sig == SecureElement::Result::Mismatch ? Result::kIntegrityCheckFailure : Result::kUpdateFailed;
        snprintf(reason_, sizeof reason_, "%s",
                 sig == SecureElement::Result::Mismatch ? "bad signature" : se_.last_error());
        return false;
    }
    return true;
}

bool UpdateAgent::install_running() {
    Result failure = Result::kInitial;
    ota::ImageInfo info;
    if (!verify(BootSlots::Slot::kPrimary, slots_.image_capacity(), &info, &failure)) {
        return false;
    }
    char why[sizeof reason_] = "";
    if (!app_.install(app_.context, *this, info, why, sizeof why)) {
        snprintf(reason_, sizeof reason_, "%s", why);
        return false;
    }
    running_ = info;
    running_valid_ = true;
    return true;
}

bool UpdateAgent::boot() {
    if (!load_trusted_keys()) {
        set(State::kIdle, result_, "OTA: no trusted key in the secure element");
        return false;
    }
    bool ok = true;
    const BootSlots::Swap swapped = slots_.boot(&ok);
    if (!ok) {
        set(State::kIdle, Result::kUpdateFailed, "OTA: swap failed: %s", slots_.error());
    }
    if (swapped == BootSlots::Swap::kTest) {
        // Requested before the reset: try the image now, as the boot loader's next stage would.
        try_trial();
        return running_valid_;
    }
    if (!install_running()) {
        set(State::kIdle, result_, "OTA: no good model: %s", reason_);
        return false;
    }
    set(State::kIdle, result_, "OTA: running v%u.%u.%u+%u", running_.version.major, running_.version.minor,
        running_.version.revision, static_cast<unsigned>(running_.version.build));
    return true;
}

bool UpdateAgent::try_trial() {
    if (install_running() && slots_.confirm()) {
        set(State::kIdle, Result::kSuccess, "OTA: updated to v%u.%u.%u+%u", running_.version.major,
            running_.version.minor, running_.version.revision, static_cast<unsigned>(running_.version.build));
        return true;
    }
    char why[sizeof reason_];
    snprintf(why, sizeof why, "%s", slots_.test_mode() ? reason_ : slots_.error());
    if (!slots_.revert() || !install_running()) {
        set(State::kIdle, Result::kUpdateFailed, "OTA: revert failed: %s", slots_.error());
        return false;
    }
    set(State::kIdle, Result::kUpdateFailed, "OTA: %s; kept v%u.%u.%u", why, running_.version.major,
        running_.version.minor, running_.version.revision);
    return false;
}

bool UpdateAgent::swap_and_try(const ota::ImageInfo& info) {
    const uint32_t primary = running_valid_ ? running_.image_size : slots_.image_capacity();
    bool ok = false;
    if (!slots_.request_test(info.image_size, primary) || slots_.boot(&ok) != BootSlots::Swap::kTest || !ok) {
        set(State::kIdle, Result::kUpdateFailed, "OTA: swap failed: %s", slots_.error());
        return false;
    }
    const SlotCheck swapped = checks_[0];  // the images changed places, and what is known of them with them
    checks_[0] = checks_[1];
    checks_[1] = swapped;
    return try_trial();
}

void UpdateAgent::on_link(uint32_t event) {
    if (event == UpdateLink::kOffered) {
        queue_.call(this, &UpdateAgent::start_download);
    } else if (event == UpdateLink::kWithdrawn) {
        queue_.call(this, &UpdateAgent::cancel);
    }
}

void UpdateAgent::cancel() {
    if (state_ == State::kDownloading) {
        set(State::kIdle, Result::kCancelled, "OTA: cancelled");
    }
}

bool UpdateAgent::record_word(uint32_t index, uint32_t* value) {
    const uint32_t trailer = slots_.slot_address(BootSlots::Slot::kSecondary) + slots_.image_capacity();
    return flash_.read(value, trailer + 4 * index, sizeof *value) == 0;
}

bool UpdateAgent::program_record(uint32_t index, uint32_t value) {
    const uint32_t trailer = slots_.slot_address(BootSlots::Slot::kSecondary) + slots_.image_capacity();
    return flash_.program(&value, trailer + 4 * index, sizeof value) == 0;
}

void UpdateAgent::start_download() {
    UpdateLink::Offer offer;
    if (!link_.offer(&offer)) {
        return;
    }
    if (state_ == State::kDownloading && memcmp(offer.etag, offer_.etag, sizeof offer.etag) == 0) {
        return;  // already on it
    }
    if (state_ == State::kUpdating || slots_.test_mode()) {
        set(state_, result_, "OTA: busy with an update");
        return;
    }
    offer_ = offer;
    checks_[1] = SlotCheck();
    const uint32_t capacity = slots_.image_capacity();
    const uint32_t max_blocks = capacity / kBlockBytes;
    if (offer.size == 0 || offer.size > capacity || (offer.size + kBlockBytes - 1) / kBlockBytes > max_blocks) {
        set(State::kIdle, Result::kNotEnoughFlash, "OTA: %u bytes do not fit the %u-byte slot",
            static_cast<unsigned>(offer.size), static_cast<unsigned>(capacity));
        return;
    }
    uint32_t magic = 0, size = 0, etag[2] = {0, 0};
    const bool same = record_word(0, &magic) && magic == kRecordMagic && record_word(kRecordSize, &size) &&
                      size == offer.size && record_word(kRecordEtag, &etag[0]) &&
                      record_word(kRecordEtag + 1, &etag[1]) && memcmp(etag, offer.etag, sizeof etag) == 0;
    const uint32_t trailer = slots_.slot_address(BootSlots::Slot::kSecondary) + capacity;
    if (!same) {
        memcpy(etag, offer.etag, sizeof etag);
        set(State::kDownloading, Result::kInitial, "OTA: erasing the download slot");
        if (flash_.erase(trailer, slots_.sector_bytes()) != 0 || !program_record(0, kRecordMagic) ||
            !program_record(kRecordSize, offer.size) || !program_record(kRecordEtag, etag[0]) ||
            !program_record(kRecordEtag + 1, etag[1])) {
            set(State::kIdle, Result::kUpdateFailed, "OTA: flash error");
            return;
        }
    }
    const uint32_t sectors = (offer.size + slots_.sector_bytes() - 1) / slots_.sector_bytes();
    for (uint32_t i = 0; i < sectors; ++i) {
        uint32_t erased = kErasedWord;
        if (record_word(kRecordErased + i, &erased) && erased == kErasedWord) {
            const uint32_t sector = slots_.slot_address(BootSlots::Slot::kSecondary) + i * slots_.sector_bytes();
            if (flash_.erase(sector, slots_.sector_bytes()) != 0 || !program_record(kRecordErased + i, kDoneWord)) {
                set(State::kIdle, Result::kUpdateFailed, "OTA: flash error");
                return;
            }
        }
    }
    next_block_ = 0;
    done_blocks_ = 0;
    const uint32_t blocks = (offer.size + kBlockBytes - 1) / kBlockBytes;
    for (uint32_t b = 0; b < blocks; ++b) {
        uint32_t w = kErasedWord;
        if (record_word(kRecordBlocks + b, &w) && w != kErasedWord) {
            ++done_blocks_;
        }
    }
    set(State::kDownloading, Result::kInitial, done_blocks_ > 0 ? "OTA: resuming at %u KB" : "OTA: downloading %u KB",
        static_cast<unsigned>(done_blocks_ > 0 ? done_blocks_ : (offer.size + 1023) / 1024));
    next_block();
}

void UpdateAgent::next_block() {
    if (state_ != State::kDownloading) {
        return;
    }
    const uint32_t blocks = (offer_.size + kBlockBytes - 1) / kBlockBytes;
    uint32_t w = kErasedWord;
    while (next_block_ < blocks && record_word(kRecordBlocks + next_block_, &w) && w != kErasedWord) {
        ++next_block_;
    }
    if (next_block_ >= blocks) {
        downloaded();
        return;
    }
    const uint32_t offset = next_block_ * kBlockBytes;
    const uint32_t len = offer_.size - offset < kBlockBytes ? offer_.size - offset : kBlockBytes;
    due_us_ = link_.request(offset, len);
    if (due_us_ < 0) {
        set(State::kIdle, Result::kConnectionLost, "OTA: the server refused block %u",
            static_cast<unsigned>(next_block_));
        return;
    }
    const int64_t now = HighResClock::now().time_since_epoch().count();
    const int64_t wait_ms = due_us_ > now ? (due_us_ - now + 999) / 1000 : 0;
    queue_.call_in(static_cast<int>(wait_ms), this, &UpdateAgent::collect_block);
}

void UpdateAgent::collect_block() {
    if (state_ != State::kDownloading) {
        return;
    }
    const uint32_t offset = next_block_ * kBlockBytes;
    const uint32_t len = offer_.size - offset < kBlockBytes ? offer_.size - offset : kBlockBytes;
    int64_t due = 0;
    const int32_t n = link_.collect(block_, len, &due);
    if (n == UpdateLink::kNotYet) {
        const int64_t now = HighResClock::now().time_since_epoch().count();
        queue_.call_in(static_cast<int>(due > now ? (due - now + 999) / 1000 : 0), this, &UpdateAgent::collect_block);
        return;
    }
    if (n == UpdateLink::kOfferChanged) {
        return;  // the new offer's interrupt starts the download again
    }
    if (n != static_cast<int32_t>(len)) {
        set(State::kIdle, Result::kConnectionLost, "OTA: connection lost at %u KB (resumes when offered again)",
            static_cast<unsigned>(done_blocks_));
        return;
    }
    if (flash_.program(block_, slots_.slot_address(BootSlots::Slot::kSecondary) + offset, len) != 0 ||
        !program_record(kRecordBlocks + next_block_, kDoneWord)) {
        set(State::kIdle, Result::kUpdateFailed, "OTA: flash error at block %u", static_cast<unsigned>(next_block_));
        return;
    }
    ++done_blocks_;
    const uint32_t blocks = (offer_.size + kBlockBytes - 1) / kBlockBytes;
    if (done_blocks_ % 8 == 0 || done_blocks_ == blocks) {
        set(State::kDownloading, Result::kInitial, "OTA: downloading %u%%",
            static_cast<unsigned>(100u * done_blocks_ / blocks));
    }
    ++next_block_;
    next_block();
}

void UpdateAgent::downloaded() {
    set(State::kDownloaded, Result::kInitial, "OTA: verifying");
    ota::ImageInfo info;
    Result failure = Result::kInitial;
    if (!verify(BootSlots::Slot::kSecondary, offer_.size, &info, &failure)) {
        set(State::kIdle, failure, "OTA: refused: %s", reason_);
        return;
    }
    set(State::kUpdating, Result::kInitial, "OTA: installing v%u.%u.%u", info.version.major, info.version.minor,
        info.version.revision);
    swap_and_try(info);
}

}  // namespace mbed
