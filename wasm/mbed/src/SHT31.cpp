// SHT31.cpp — the Sensirion SHT31 driver (see SHT31.h).
#include "SHT31.h"

#include <math.h>

#include "ThisThread.h"
#include "mbed_critical.h"
#include "mbed_wait_api.h"

namespace {
constexpr uint16_t kMeasureHighNoStretch = 0x2400;
constexpr uint16_t kSoftReset = 0x30A2;
constexpr uint16_t kHeaterOn = 0x306D;
constexpr uint16_t kHeaterOff = 0x3066;
constexpr uint16_t kReadStatus = 0xF32D;
constexpr int kMeasureMs = 15;  // high repeatability, maximum
constexpr int kRetries = 5;     // extra 1 ms polls if the conversion is not done yet
}  // namespace

SHT31::SHT31(PinName sda, PinName scl, uint8_t address) : i2c_(sda, scl), addr8_(address << 1) {}

uint8_t SHT31::crc8(const uint8_t* data, int len) {
    uint8_t crc = 0xFF;
    for (int i = 0; i < len; ++i) {
        crc ^= data[i];
        for (int b = 0; b < 8; ++b) {
            crc = (crc & 0x80) ? static_cast<uint8_t>((crc << 1) ^ 0x31) : static_cast<uint8_t>(crc << 1);
        }
    }
    return crc;
}

void SHT31::waitMs(int ms) {
    if (core_util_is_isr_active()) {
        wait_us(ms * 1000);
    } else {
        rtos::ThisThread::sleep_for(static_cast<uint32_t>(ms));
    }
}

bool SHT31::command(uint16_t cmd) {
    const char bytes[2] = {static_cast<char>(cmd >> 8), static_cast<char>(cmd & 0xFF)};
    if (i2c_.write(addr8_, bytes, 2) != 0) {
        error_ = "no answer from SHT31 (command NACKed)";
        return false;
    }
    return true;
}

bool SHT31::readWords(uint16_t* words, int count) {
    uint8_t buf[6];
    int len = 3 * count;
    int rc = i2c_.read(addr8_, reinterpret_cast<char*>(buf), len);
    for (int i = 0; rc != 0 && i < kRetries; ++i) {
        waitMs(1);
        rc = i2c_.read(addr8_, reinterpret_cast<char*>(buf), len);
    }
    if (rc != 0) {
        error_ = "no data from SHT31 (read NACKed)";
        return false;
    }
    for (int i = 0; i < count; ++i) {
        if (crc8(buf + 3 * i, 2) != buf[3 * i + 2]) {
            error_ = "SHT31 CRC mismatch";
            return false;
        }
        words[i] = static_cast<uint16_t>((buf[3 * i] << 8) | buf[3 * i + 1]);
    }
    error_ = "";
    return true;
}

bool SHT31::read(float* celsius, float* humidity) {
    if (!command(kMeasureHighNoStretch)) {
        return false;
    }
    waitMs(kMeasureMs);
    uint16_t raw[2];
    if (!readWords(raw, 2)) {
        return false;
    }
    if (celsius != nullptr) {
        *celsius = -45.0f + 175.0f * static_cast<float>(raw[0]) / 65535.0f;
    }
    if (humidity != nullptr) {
        *humidity = 100.0f * static_cast<float>(raw[1]) / 65535.0f;
    }
    return true;
}

float SHT31::readTemperature() {
    float t;
    return read(&t, nullptr) ? t : NAN;
}

float SHT31::readHumidity() {
    float rh;
    return read(nullptr, &rh) ? rh : NAN;
}

bool SHT31::reset() {
    if (!command(kSoftReset)) {
        return false;
    }
    waitMs(2);  // 1.5 ms until the sensor listens again
    error_ = "";
    return true;
}

bool SHT31::heater(bool on) {
    if (!command(on ? kHeaterOn : kHeaterOff)) {
        return false;
    }
    error_ = "";
    return true;
}

int SHT31::readStatus() {
    uint16_t status;
    if (!command(kReadStatus) || !readWords(&status, 1)) {
        return -1;
    }
    return status;
}
