// image.h — reads a signed model image where it lies (flash) through a read callback, checking structure, digest,
// key hash and policy in the order docs/ota.md gives: the same verdict as inspectImage in src/ota/image.ts. The
// signature itself is left to the caller (the secure element's Verify: digest and raw r‖s from ImageInfo).
// No heap, no exceptions; every offset is computed in 64 bits and checked against the image's length.
#ifndef OTA_IMAGE_H
#define OTA_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "ota/image_format.h"

namespace ota {

/** Reads `len` bytes at `offset` of the image into `buf`; false on a read error. */
using ReadFn = bool (*)(void* ctx, uint32_t offset, uint8_t* buf, uint32_t len);

struct ImageVersion {
    uint8_t major;
    uint8_t minor;
    uint16_t revision;
    uint32_t build;
};

struct Policy {
    /** KEYHASHes (SHA-256 of the SubjectPublicKeyInfo) of the keys the device trusts. */
    const uint8_t (*trusted_key_hashes)[kKeyHashBytes] = nullptr;
    size_t trusted_key_count = 0;
    /** The device's security counter: an image with a lower one is refused. */
    uint32_t min_security_counter = 0;
    /** The app asking (NUL-terminated); nullptr accepts any target. */
    const char* target = nullptr;
    /** Payload types the app accepts; none given: every known type. */
    const PayloadType* payload_types = nullptr;
    size_t payload_type_count = 0;
};

struct ImageInfo {
    ImageVersion version;
    uint32_t security_counter;
    char target[kTargetMaxBytes + 1];  // NUL-terminated
    PayloadType payload_type;
    uint32_t header_size;
    uint32_t body_offset;
    uint32_t body_size;
    uint32_t hashed_size;  // header, body and protected TLVs: what the digest covers
    uint32_t image_size;   // up to the end of the unprotected TLVs
    uint8_t digest[kDigestBytes];
    uint8_t key_hash[kKeyHashBytes];
    uint8_t signature[kSignatureRawBytes];  // r‖s
};

/**
 * Inspects the image of `size` readable bytes (bytes after the image's end are ignored: slot padding). Fills `info`
 * when the verdict is kOk. Reads at most 3 + 2 * kMaxTlvsPerArea + 6 + ceil(hashed_size / kReadChunkBytes) times,
 * never outside [0, size).
 */
Verdict InspectImage(ReadFn read, void* ctx, uint32_t size, const Policy& policy, ImageInfo* info);

}  // namespace ota

#endif  // OTA_IMAGE_H
