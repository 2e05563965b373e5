// The checks, in order, are those of docs/ota.md ("What a reader checks") and of src/ota/image.ts.
#include "ota/image.h"

#include <string.h>

#include "ota/der.h"
#include "ota/sha256.h"

namespace ota {
namespace {

uint16_t U16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t U32(const uint8_t* p) {
    return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

enum Tlv { kSecCnt, kTarget, kPayload, kSha, kKeyHash, kSig, kTlvKinds };

struct KnownTlv {
    uint16_t type;
    bool is_protected;
    uint16_t min_len;
    uint16_t max_len;
};

constexpr KnownTlv kKnown[kTlvKinds] = {
    {kTlvSecCnt, true, kSecCntBytes, kSecCntBytes},
    {kTlvTarget, true, 1, kTargetMaxBytes},
    {kTlvPayloadType, true, kPayloadTypeBytes, kPayloadTypeBytes},
    {kTlvSha256, false, kDigestBytes, kDigestBytes},
    {kTlvKeyHash, false, kKeyHashBytes, kKeyHashBytes},
    {kTlvEcdsaSig, false, kSignatureDerMinBytes, kSignatureDerMaxBytes},
};

struct Found {
    bool seen[kTlvKinds] = {};
    uint16_t len[kTlvKinds] = {};
    uint8_t sec_cnt[kSecCntBytes];
    uint8_t target[kTargetMaxBytes];
    uint8_t payload[kPayloadTypeBytes];
    uint8_t sha[kDigestBytes];
    uint8_t key_hash[kKeyHashBytes];
    uint8_t sig[kSignatureDerMaxBytes];
    uint8_t* Value(int kind) {
        uint8_t* values[kTlvKinds] = {sec_cnt, target, payload, sha, key_hash, sig};
        return values[kind];
    }
};

class Reader {
public:
    Reader(ReadFn read, void* ctx, uint32_t size) : read_(read), ctx_(ctx), size_(size) {}

    // Reads [off, off + len) if it lies within the image; `verdict` says why not.
    bool Read(uint64_t off, uint8_t* buf, uint32_t len, Verdict* verdict) {
        if (off + len > size_) {
            *verdict = Verdict::kTruncated;
            return false;
        }
        if (!read_(ctx_, static_cast<uint32_t>(off), buf, len)) {
            *verdict = Verdict::kFlashReadError;
            return false;
        }
        return true;
    }
    uint32_t size() const { return size_; }

private:
    ReadFn read_;
    void* ctx_;
    uint32_t size_;
};

// Walks one TLV area [start, end) (already known to lie within the image).
Verdict WalkTlvs(Reader& r, uint64_t start, uint64_t end, bool is_protected, Found* found) {
    Verdict v = Verdict::kOk;
    int count = 0;
    for (uint64_t off = start; off < end; count++) {
        if (count == kMaxTlvsPerArea)
            return Verdict::kTlvMalformed;
        if (off + kTlvHeaderSize > end)
            return Verdict::kTlvMalformed;
        uint8_t tlv[kTlvHeaderSize];
        if (!r.Read(off, tlv, kTlvHeaderSize, &v))
            return v;
        const uint16_t type = U16(tlv);
        const uint16_t len = U16(tlv + 2);
        const uint64_t value_end = off + kTlvHeaderSize + len;
        if (value_end > end)
            return Verdict::kTlvMalformed;
        for (int k = 0; k < kTlvKinds; k++) {
            if (kKnown[k].type != type)
                continue;
            if (kKnown[k].is_protected != is_protected)
                return Verdict::kTlvMalformed;
            if (found->seen[k])
                return Verdict::kTlvDuplicate;
            if (len < kKnown[k].min_len || len > kKnown[k].max_len)
                return Verdict::kTlvMalformed;
            if (!r.Read(off + kTlvHeaderSize, found->Value(k), len, &v))
                return v;
            found->seen[k] = true;
            found->len[k] = len;
        }
        off = value_end;
    }
    return Verdict::kOk;
}

bool IsTargetChar(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

bool PayloadAccepted(uint16_t type, const Policy& policy) {
    const bool all = policy.payload_type_count == 0;
    const PayloadType* types = all ? kPayloadTypes : policy.payload_types;
    const size_t count = all ? kPayloadTypeCount : policy.payload_type_count;
    for (size_t i = 0; i < count; i++)
        if (static_cast<uint16_t>(types[i]) == type)
            return true;
    return false;
}

Verdict Inspect(Reader& r, const Policy& policy, ImageInfo* info) {
    Verdict v = Verdict::kOk;
    uint8_t hdr[kImageHeaderSize];
    if (!r.Read(0, hdr, kImageHeaderSize, &v))
        return v;
    if (U32(hdr + kHeaderMagic) != kImageMagic)
        return Verdict::kBadMagic;
    const uint16_t hdr_size = U16(hdr + kHeaderHdrSize);
    if (hdr_size < kImageHeaderSize)
        return Verdict::kBadHeaderSize;
    if (U32(hdr + kHeaderFlags) != 0)
        return Verdict::kUnsupportedFlags;
    const uint16_t prot_size = U16(hdr + kHeaderProtectTlvSize);
    const uint32_t body_size = U32(hdr + kHeaderImgSize);
    if (prot_size == 0)
        return Verdict::kTlvMissing;

    const uint64_t prot_start = uint64_t{hdr_size} + body_size;
    uint8_t tlv_info[kTlvInfoSize];
    if (!r.Read(prot_start, tlv_info, kTlvInfoSize, &v))
        return v;
    if (U16(tlv_info) != kTlvProtInfoMagic)
        return Verdict::kBadTlvMagic;
    if (prot_size < kTlvInfoSize || U16(tlv_info + 2) != prot_size)
        return Verdict::kTlvMalformed;
    const uint64_t unprot_start = prot_start + prot_size;
    if (!r.Read(unprot_start, tlv_info, kTlvInfoSize, &v))
        return v;
    if (U16(tlv_info) != kTlvInfoMagic)
        return Verdict::kBadTlvMagic;
    const uint16_t unprot_tot = U16(tlv_info + 2);
    if (unprot_tot < kTlvInfoSize)
        return Verdict::kTlvMalformed;
    const uint64_t end = unprot_start + unprot_tot;
    if (end > r.size())
        return Verdict::kTruncated;

    Found found;
    if ((v = WalkTlvs(r, prot_start + kTlvInfoSize, unprot_start, true, &found)) != Verdict::kOk)
        return v;
    if ((v = WalkTlvs(r, unprot_start + kTlvInfoSize, end, false, &found)) != Verdict::kOk)
        return v;
    for (int k = 0; k < kTlvKinds; k++)
        if (!found.seen[k])
            return Verdict::kTlvMissing;
    for (int i = 0; i < found.len[kTarget]; i++)
        if (!IsTargetChar(found.target[i]))
            return Verdict::kTlvMalformed;
    uint8_t raw[kSignatureRawBytes];
    if (!DerToRaw(found.sig, found.len[kSig], raw))
        return Verdict::kSignatureMalformed;

    // The digest pass: header, body and protected TLVs, a chunk at a time.
    Sha256 sha;
    uint8_t chunk[kReadChunkBytes];
    for (uint64_t off = 0; off < unprot_start;) {
        const uint32_t n =
            unprot_start - off < kReadChunkBytes ? static_cast<uint32_t>(unprot_start - off) : kReadChunkBytes;
        if (!r.Read(off, chunk, n, &v))
            return v;
        sha.Update(chunk, n);
        off += n;
    }
    uint8_t digest[kDigestBytes];
    sha.Final(digest);
    if (memcmp(digest, found.sha, kDigestBytes) != 0)
        return Verdict::kDigestMismatch;

    bool trusted = false;
    for (size_t i = 0; i < policy.trusted_key_count && !trusted; i++)
        trusted = memcmp(policy.trusted_key_hashes[i], found.key_hash, kKeyHashBytes) == 0;
    if (!trusted)
        return Verdict::kUnknownKey;
    if (policy.target != nullptr) {
        const size_t n = found.len[kTarget];
        if (strlen(policy.target) != n || memcmp(policy.target, found.target, n) != 0)
            return Verdict::kWrongTarget;
    }
    const uint16_t payload = U16(found.payload);
    if (!PayloadAccepted(payload, policy))
        return Verdict::kUnsupportedPayload;
    const uint32_t sec_cnt = U32(found.sec_cnt);
    if (sec_cnt < policy.min_security_counter)
        return Verdict::kSecurityCounterTooLow;

    info->version = {hdr[kHeaderVerMajor], hdr[kHeaderVerMinor], U16(hdr + kHeaderVerRevision),
                     U32(hdr + kHeaderVerBuild)};
    info->security_counter = sec_cnt;
    memcpy(info->target, found.target, found.len[kTarget]);
    info->target[found.len[kTarget]] = '\0';
    info->payload_type = static_cast<PayloadType>(payload);
    info->header_size = hdr_size;
    info->body_offset = hdr_size;
    info->body_size = body_size;
    info->hashed_size = static_cast<uint32_t>(unprot_start);  // <= end <= size, so it fits
    info->image_size = static_cast<uint32_t>(end);
    memcpy(info->digest, digest, kDigestBytes);
    memcpy(info->key_hash, found.key_hash, kKeyHashBytes);
    memcpy(info->signature, raw, kSignatureRawBytes);
    return Verdict::kOk;
}

}  // namespace

Verdict InspectImage(ReadFn read, void* ctx, uint32_t size, const Policy& policy, ImageInfo* info) {
    if (read == nullptr || info == nullptr)
        return Verdict::kFlashReadError;
    Reader r(read, ctx, size);
    return Inspect(r, policy, info);
}

}  // namespace ota
