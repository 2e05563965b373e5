// sha256.h — SHA-256 (FIPS 180-4), incremental: the update agent hashes an image block by block as it reads it from
// flash. No heap; the state is 108 bytes.
#ifndef OTA_SHA256_H
#define OTA_SHA256_H

#include <stddef.h>
#include <stdint.h>

namespace ota {

class Sha256 {
public:
    static constexpr size_t kDigestBytes = 32;
    static constexpr size_t kBlockBytes = 64;

    Sha256() { Init(); }
    void Init();
    void Update(const uint8_t* data, size_t len);
    /** Writes the digest; the object must be Init()ed again before further use. */
    void Final(uint8_t out[kDigestBytes]);

    /** SHA-256 of one buffer. */
    static void Hash(const uint8_t* data, size_t len, uint8_t out[kDigestBytes]);

private:
    void Compress(const uint8_t block[kBlockBytes]);

    uint32_t state_[8];
    uint64_t length_;  // bytes hashed so far
    uint8_t buffer_[kBlockBytes];
    size_t buffered_;
};

}  // namespace ota

#endif  // OTA_SHA256_H
