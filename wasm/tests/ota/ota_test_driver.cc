// ota_test_driver.cc — exposes wasm/ota to the Vitest specs beside it (built as a wasm32-wasip1 reactor by
// otaWasm.ts): the image reader over a read callback that counts its reads, SHA-256 fed in caller-chosen pieces,
// and DER→raw. JS writes inputs into test_input() and reads results from test_output().
#include <stdint.h>
#include <string.h>

#include "ota/der.h"
#include "ota/image.h"
#include "ota/sha256.h"

#define EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {

constexpr uint32_t kInputBytes = 1 << 16;
constexpr int kMaxKeys = 4;
uint8_t g_input[kInputBytes];
uint8_t g_keys[kMaxKeys][ota::kKeyHashBytes];
char g_target[ota::kTargetMaxBytes + 2];
uint8_t g_output[256];
uint32_t g_size;
uint32_t g_reads;
uint32_t g_read_bytes;
uint32_t g_out_of_range;
uint32_t g_fail_read = UINT32_MAX;  // the read (0-based) that reports a flash error
ota::Sha256 g_sha;

bool ReadInput(void*, uint32_t offset, uint8_t* buf, uint32_t len) {
    if (g_reads++ == g_fail_read)
        return false;
    g_read_bytes += len;
    if (uint64_t{offset} + len > g_size) {
        g_out_of_range++;
        return false;
    }
    memcpy(buf, g_input + offset, len);
    return true;
}

uint8_t* Put(uint8_t* p, const void* v, size_t n) {
    memcpy(p, v, n);
    return p + n;
}

}  // namespace

EXPORT(test_input) uint8_t* TestInput() { return g_input; }
EXPORT(test_input_bytes) uint32_t TestInputBytes() { return kInputBytes; }
EXPORT(test_keys) uint8_t* TestKeys() { return &g_keys[0][0]; }
EXPORT(test_target) char* TestTarget() { return g_target; }
EXPORT(test_output) uint8_t* TestOutput() { return g_output; }
EXPORT(test_reads) uint32_t TestReads() { return g_reads; }
EXPORT(test_read_bytes) uint32_t TestReadBytes() { return g_read_bytes; }
EXPORT(test_out_of_range) uint32_t TestOutOfRange() { return g_out_of_range; }
EXPORT(test_fail_read) void TestFailRead(uint32_t n) { g_fail_read = n; }

// Inspects the first `size` input bytes. payload_mask: bit t set accepts payload type t (0: every known type).
// On kOk writes the ImageInfo to the output: u8 major, u8 minor, u16 revision, u32 build, u32 security counter,
// u16 payload type, u32 header size, body offset, body size, hashed size, image size, digest[32], key hash[32],
// signature r‖s[64], target (NUL-terminated).
EXPORT(test_inspect)
int TestInspect(uint32_t size, uint32_t key_count, uint32_t min_counter, int with_target, uint32_t payload_mask) {
    g_size = size;
    g_reads = g_read_bytes = g_out_of_range = 0;
    ota::PayloadType accepted[16];
    size_t accepted_count = 0;
    for (uint16_t t = 1; t < 16; t++)
        if (payload_mask & (1u << t))
            accepted[accepted_count++] = static_cast<ota::PayloadType>(t);
    ota::Policy policy;
    policy.trusted_key_hashes = g_keys;
    policy.trusted_key_count = key_count < kMaxKeys ? key_count : kMaxKeys;
    policy.min_security_counter = min_counter;
    policy.target = with_target ? g_target : nullptr;
    policy.payload_types = accepted;
    policy.payload_type_count = accepted_count;
    ota::ImageInfo info;
    const ota::Verdict v = ota::InspectImage(ReadInput, nullptr, size, policy, &info);
    if (v == ota::Verdict::kOk) {
        uint8_t* p = g_output;
        const uint16_t payload = static_cast<uint16_t>(info.payload_type);
        p = Put(p, &info.version.major, 1);
        p = Put(p, &info.version.minor, 1);
        p = Put(p, &info.version.revision, 2);
        p = Put(p, &info.version.build, 4);
        p = Put(p, &info.security_counter, 4);
        p = Put(p, &payload, 2);
        p = Put(p, &info.header_size, 4);
        p = Put(p, &info.body_offset, 4);
        p = Put(p, &info.body_size, 4);
        p = Put(p, &info.hashed_size, 4);
        p = Put(p, &info.image_size, 4);
        p = Put(p, info.digest, sizeof(info.digest));
        p = Put(p, info.key_hash, sizeof(info.key_hash));
        p = Put(p, info.signature, sizeof(info.signature));
        Put(p, info.target, strlen(info.target) + 1);
    }
    return static_cast<int>(v);
}

EXPORT(test_sha_init) void TestShaInit() { g_sha.Init(); }
EXPORT(test_sha_update) void TestShaUpdate(uint32_t offset, uint32_t len) {
    if (uint64_t{offset} + len <= kInputBytes)
        g_sha.Update(g_input + offset, len);
}
EXPORT(test_sha_final) void TestShaFinal() { g_sha.Final(g_output); }
EXPORT(test_sha_hash) void TestShaHash(uint32_t len) {
    if (len <= kInputBytes)
        ota::Sha256::Hash(g_input, len, g_output);
}

EXPORT(test_der_to_raw) int TestDerToRaw(uint32_t len) {
    return len <= kInputBytes && ota::DerToRaw(g_input, len, g_output) ? 1 : 0;
}
