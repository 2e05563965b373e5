// SecureElement.cpp — the ATECC608A driver (see SecureElement.h).
#include "SecureElement.h"

#include <string.h>

#include "mbed_wait_api.h"

namespace {
constexpr uint8_t kWordSleep = 0x01;
constexpr uint8_t kWordCommand = 0x03;
constexpr uint8_t kOpRead = 0x02;
constexpr uint8_t kOpNonce = 0x16;
constexpr uint8_t kOpInfo = 0x30;
constexpr uint8_t kOpVerify = 0x45;
constexpr uint8_t kNoncePassThrough = 0x03;
constexpr uint8_t kVerifyStored = 0x00;
constexpr uint8_t kReadZoneData = 0x02;
constexpr uint8_t kRead32 = 0x80;
constexpr uint8_t kStatusSuccess = 0x00;
constexpr uint8_t kStatusMiscompare = 0x01;
constexpr uint8_t kStatusAfterWake = 0x11;
constexpr int kWakeUs = 1500;              // tWHI
constexpr int kPollLimitUs = 2500 * 1000;  // give up on a response after 2.5 s
constexpr size_t kMaxPacket = 7 + 64;      // the largest command this driver sends (Verify, stored)
constexpr size_t kMaxResponse = 3 + 32;    // count, 32 bytes, CRC
constexpr int kFirstKeySlot = 8;
constexpr int kLastKeySlot = 15;
}  // namespace

SecureElement::SecureElement(PinName sda, PinName scl, uint8_t address)
    : own_(sda, scl), i2c_(own_), addr8_(address << 1), bus_hz_(kBusHz) {
    own_.frequency(kBusHz);
}

SecureElement::SecureElement(mbed::I2C& i2c, uint8_t address, int bus_hz)
    : own_(I2C_SDA, I2C_SCL), i2c_(i2c), addr8_(address << 1), bus_hz_(bus_hz > 0 ? bus_hz : kBusHz) {}

uint16_t SecureElement::crc16(const uint8_t* data, size_t len) {
    uint16_t crc = 0;
    for (size_t i = 0; i < len; ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            const unsigned data_bit = (data[i] >> bit) & 1u;
            const unsigned crc_bit = crc >> 15;
            crc = static_cast<uint16_t>(crc << 1);
            if (data_bit != crc_bit) {
                crc ^= 0x8005;
            }
        }
    }
    return crc;
}

int SecureElement::bus_us(size_t bytes) const {
    // Start, address byte + ACK, each data byte + ACK, stop.
    const long long bits = 2 + 9 * (1 + static_cast<long long>(bytes));
    return static_cast<int>((bits * 1000000 + bus_hz_ - 1) / bus_hz_);
}

bool SecureElement::write_bus(const uint8_t* data, size_t len) {
    const bool ack = i2c_.write(addr8_, reinterpret_cast<const char*>(data), static_cast<int>(len)) == 0;
    wait_us(bus_us(ack ? len : 0));
    return ack;
}

bool SecureElement::read_bus(uint8_t* data, size_t len) {
    const bool ack = i2c_.read(addr8_, reinterpret_cast<char*>(data), static_cast<int>(len)) == 0;
    wait_us(bus_us(ack ? len : 0));
    return ack;
}

SecureElement::Result SecureElement::fail(const char* why) {
    error_ = why;
    sleep();
    return Result::Error;
}

bool SecureElement::wake() {
    // An awake device (its watchdog has not sent it to sleep yet) would answer the wake token: send it to sleep
    // first, so every call starts from the same state.
    if (write_bus(nullptr, 0)) {
        const uint8_t word = kWordSleep;
        write_bus(&word, 1);
        write_bus(nullptr, 0);
    }
    wait_us(kWakeUs);
    uint8_t data[1];
    size_t len = 0;
    if (!command(0, 0, 0, nullptr, 0, data, sizeof data, &len)) {
        return false;
    }
    if (len != 1 || data[0] != kStatusAfterWake) {
        error_ = "secure element did not report its wake status";
        return false;
    }
    return true;
}

void SecureElement::sleep() {
    const uint8_t word = kWordSleep;
    write_bus(&word, 1);
}

bool SecureElement::command(uint8_t opcode, uint8_t param1, uint16_t param2, const uint8_t* data, size_t len,
                            uint8_t* out, size_t capacity, size_t* out_len) {
    status_ = -1;
    // opcode 0: no command, only the response waiting (the wake status).
    if (opcode != 0) {
        if (len > kMaxPacket - 7) {
            error_ = "command too long";
            return false;
        }
        uint8_t packet[1 + kMaxPacket];
        const size_t count = 7 + len;
        packet[0] = kWordCommand;
        packet[1] = static_cast<uint8_t>(count);
        packet[2] = opcode;
        packet[3] = param1;
        packet[4] = static_cast<uint8_t>(param2 & 0xFF);
        packet[5] = static_cast<uint8_t>(param2 >> 8);
        if (len > 0) {
            memcpy(packet + 6, data, len);
        }
        const uint16_t crc = crc16(packet + 1, count - 2);
        packet[count - 1] = static_cast<uint8_t>(crc & 0xFF);
        packet[count] = static_cast<uint8_t>(crc >> 8);
        if (!write_bus(packet, 1 + count)) {
            error_ = "no answer from the secure element (command NACKed)";
            return false;
        }
    }
    // ACK polling: the device NACKs its address until the response is ready.
    uint8_t response[kMaxResponse];
    int waited = 0;
    while (!read_bus(response, 1)) {
        waited += bus_us(0);
        if (waited > kPollLimitUs) {
            error_ = "no response from the secure element (timed out)";
            return false;
        }
    }
    const size_t count = response[0];
    if (count < 4 || count > kMaxResponse || !read_bus(response + 1, count - 1)) {
        error_ = "malformed response from the secure element";
        return false;
    }
    const uint16_t crc = crc16(response, count - 2);
    if (response[count - 2] != (crc & 0xFF) || response[count - 1] != (crc >> 8)) {
        error_ = "CRC mismatch in the secure element's response";
        return false;
    }
    *out_len = count - 3;
    if (*out_len > capacity) {
        error_ = "response longer than expected";
        return false;
    }
    memcpy(out, response + 1, *out_len);
    if (*out_len == 1) {
        status_ = out[0];
    }
    return true;
}

bool SecureElement::command_for_data(uint8_t opcode, uint8_t param1, uint16_t param2, uint8_t* out, size_t expect) {
    uint8_t data[32];
    size_t len = 0;
    if (!command(opcode, param1, param2, nullptr, 0, data, sizeof data, &len)) {
        return false;
    }
    if (len != expect) {
        error_ = len == 1 ? "the secure element refused the command (see last_status())"
                          : "unexpected response length from the secure element";
        return false;
    }
    memcpy(out, data, len);
    return true;
}

SecureElement::Result SecureElement::info(uint8_t revision[4]) {
    if (!wake() || !command_for_data(kOpInfo, 0, 0, revision, 4)) {
        return fail(error_);
    }
    sleep();
    error_ = "";
    return Result::Success;
}

SecureElement::Result SecureElement::verify_stored(int slot, const uint8_t digest[32], const uint8_t signature[64]) {
    if (slot < kFirstKeySlot || slot > kLastKeySlot || digest == nullptr || signature == nullptr) {
        status_ = -1;
        error_ = "verify_stored: key slots are 8-15, digest and signature must be given";
        return Result::Error;
    }
    if (!wake()) {
        return fail(error_);
    }
    uint8_t status[1];
    size_t len = 0;
    if (!command(kOpNonce, kNoncePassThrough, 0, digest, 32, status, sizeof status, &len)) {
        return fail(error_);
    }
    if (len != 1 || status[0] != kStatusSuccess) {
        return fail("Nonce (pass-through) refused (see last_status())");
    }
    if (!command(kOpVerify, kVerifyStored, static_cast<uint16_t>(slot), signature, 64, status, sizeof status, &len)) {
        return fail(error_);
    }
    if (len == 1 && status[0] == kStatusMiscompare) {
        sleep();
        error_ = "";
        return Result::Mismatch;
    }
    if (len != 1 || status[0] != kStatusSuccess) {
        return fail("Verify refused (see last_status())");
    }
    sleep();
    error_ = "";
    return Result::Success;
}

bool SecureElement::read_data(int slot, int block, int word, bool whole_block, uint8_t* out) {
    const uint16_t address = static_cast<uint16_t>((block << 8) | (slot << 3) | word);
    const uint8_t zone = static_cast<uint8_t>(kReadZoneData | (whole_block ? kRead32 : 0));
    return command_for_data(kOpRead, zone, address, out, whole_block ? 32 : 4);
}

SecureElement::Result SecureElement::read_public_key(int slot, uint8_t key[64]) {
    if (slot < kFirstKeySlot || slot > kLastKeySlot || key == nullptr) {
        status_ = -1;
        error_ = "read_public_key: key slots are 8-15";
        return Result::Error;
    }
    // The slot stores 4 pad bytes, X, 4 pad bytes, Y: two 32-byte blocks and two words of the third.
    uint8_t raw[72];
    if (!wake() || !read_data(slot, 0, 0, true, raw) || !read_data(slot, 1, 0, true, raw + 32) ||
        !read_data(slot, 2, 0, false, raw + 64) || !read_data(slot, 2, 1, false, raw + 68)) {
        return fail(error_);
    }
    sleep();
    memcpy(key, raw + 4, 32);
    memcpy(key + 32, raw + 40, 32);
    error_ = "";
    return Result::Success;
}
