// UpdateAgentReport.cpp — the update agent's `ota.status` telemetry report (fields: src/shared/telemetry/reports.ts).
#include <stdio.h>
#include <string.h>

#include "TelemetryReport.h"
#include "UpdateAgent.h"

namespace mbed {

namespace {

// `n` bytes as lower-case hex into `out` (2 * n + 1 bytes).
void hex(const uint8_t* bytes, size_t n, char* out) {
    out[0] = '\0';
    for (size_t i = 0; i < n; ++i) {
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    }
}

uint32_t le32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24; }

void version_text(const ota::ImageVersion& v, char* out, size_t size) {
    snprintf(out, size, "%u.%u.%u+%u", v.major, v.minor, v.revision, static_cast<unsigned>(v.build));
}

}  // namespace

void UpdateAgent::report() {
    TelemetryReport<768> r("ota.status");
    r.integer("state", static_cast<int>(state_));
    r.integer("result", static_cast<int>(result_));
    r.string("status", status_);
    const uint32_t downloaded = done_blocks_ * SIM_LINK_BLOCK_BYTES;
    r.integer("downloaded_bytes", downloaded > offer_.size ? offer_.size : downloaded);
    r.integer("download_size", offer_.size);
    char etag[2 * SIM_LINK_ETAG_BYTES + 1];
    hex(offer_.etag, offer_.size > 0 ? SIM_LINK_ETAG_BYTES : 0, etag);
    r.string("etag", etag);  // the offer this report is about ("" before any)
    r.begin_array("slots");
    for (BootSlots::Slot slot : {BootSlots::Slot::kPrimary, BootSlots::Slot::kSecondary}) {
        uint8_t header[ota::kImageHeaderSize];
        const BootSlots::Trailer t = slots_.trailer(slot);
        r.begin_object();
        if (flash_.read(header, slots_.slot_address(slot), sizeof header) == 0 &&
            le32(header + ota::kHeaderMagic) == ota::kImageMagic) {
            const ota::ImageVersion v = {
                header[ota::kHeaderVerMajor], header[ota::kHeaderVerMinor],
                static_cast<uint16_t>(header[ota::kHeaderVerRevision] | header[ota::kHeaderVerRevision + 1] << 8),
                le32(header + ota::kHeaderVerBuild)};
            char version[32];
            version_text(v, version, sizeof version);
            r.string("version", version);
            r.integer("body_bytes", le32(header + ota::kHeaderImgSize));
        } else {
            r.null("version");
            r.integer("body_bytes", 0);
        }
        const SlotCheck& check = checks_[static_cast<int>(slot)];
        r.string("check", check.verdict);
        char digest[2 * sizeof check.digest + 1];
        hex(check.digest, check.has_digest ? sizeof check.digest : 0, digest);
        r.string("digest", digest);  // "" until the firmware computed it
        // A primary without a trailer was programmed at the factory: as good as confirmed.
        r.boolean("confirmed", slot == BootSlots::Slot::kPrimary ? (!t.magic || t.image_ok) : false);
        r.boolean("pending", slot == BootSlots::Slot::kSecondary && t.magic && !t.image_ok);
        r.end_object();
    }
    r.end_array();
    if (running_valid_) {
        char version[32];
        version_text(running_.version, version, sizeof version);
        r.string("running", version);
        r.integer("security_counter", running_.security_counter);
        char digest[17];
        hex(running_.digest, 8, digest);
        r.string("running_digest", digest);
        int key_slot = -1;
        for (size_t i = 0; i < trusted_count_; ++i) {
            if (memcmp(running_.key_hash, trusted_[i], ota::kKeyHashBytes) == 0) {
                key_slot = trusted_slot_[i];
            }
        }
        r.integer("running_key_slot", key_slot);
    } else {
        r.null("running");
    }
    r.send();
}

}  // namespace mbed
