// SHT31.h — driver for the Sensirion SHT31 temperature and humidity sensor on I2C.
//
//   SHT31 sht31(I2C_SDA, I2C_SCL);          // 7-bit address 0x44 (ADDR pin low); 0x45 with ADDR high
//   float t = sht31.readTemperature();      // °C, NAN when the sensor did not answer or the CRC failed
//
// Each read starts a high-repeatability single-shot measurement without clock stretching (command 0x2400), waits
// the 15 ms the datasheet gives for it (sleeping in thread context, busy-waiting in an interrupt handler), then
// reads T MSB, LSB, CRC, RH MSB, LSB, CRC and checks both CRC-8s (polynomial 0x31, init 0xFF).
// T = -45 + 175 * raw / 65535 °C; RH = 100 * raw / 65535 %.
#ifndef SHT31_H
#define SHT31_H

#include <stdint.h>

#include "I2C.h"
#include "NonCopyable.h"
#include "PinNames.h"

class SHT31 : private mbed::NonCopyable<SHT31> {
public:
    static constexpr uint8_t kDefaultAddress = 0x44;  // 7-bit

    SHT31(PinName sda, PinName scl, uint8_t address = kDefaultAddress);

    // One measurement each; NAN on failure (see lastError()).
    float readTemperature();
    float readHumidity();
    // Temperature and humidity from one measurement. False on failure.
    bool read(float* celsius, float* humidity);

    // Soft reset (0x30A2). False if the sensor did not acknowledge.
    bool reset();
    // Built-in heater on/off (0x306D / 0x3066), for plausibility checks.
    bool heater(bool on);
    // Status register (0xF32D), or -1 on failure.
    int readStatus();

    // What went wrong in the last failed call ("no answer", "CRC mismatch", ...), or "" after a success.
    const char* lastError() const { return error_; }

    static uint8_t crc8(const uint8_t* data, int len);

private:
    bool command(uint16_t cmd);
    bool readWords(uint16_t* words, int count);
    static void waitMs(int ms);

    mbed::I2C i2c_;
    int addr8_;
    const char* error_ = "";
};

#endif
