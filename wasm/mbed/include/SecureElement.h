// SecureElement.h — driver for the board's ATECC608A-like secure element on I2C (7-bit address 0x60), which holds
// the public keys the board's maker trusts and checks ECDSA P-256 signatures with them.
//
//   SecureElement se(I2C_SDA, I2C_SCL);     // or SecureElement se(i2c) on an I2C shared with other devices
//   switch (se.verify_stored(9, digest, signature)) {   // digest: 32 bytes; signature: r‖s, 64 bytes
//       case SecureElement::Result::Success:  ... the key in slot 9 signed this digest
//       case SecureElement::Result::Mismatch: ... it did not
//       case SecureElement::Result::Error:    ... no answer, bad CRC, parse error, empty slot: se.last_error()
//   }
//
// Each call wakes the device (a transfer it NACKs, then tWHI = 1.5 ms, then the wake status 04 11 33 43), sends
// the command packet (word address 0x03, count, opcode, param1, param2 LE, data, CRC-16), polls for the response
// (the device NACKs while it executes: each poll is a read attempt that costs its bus time at 100 kHz, so a Verify
// returns after its 105 ms of virtual time), checks the response's count and CRC, and puts the device to sleep.
// verify_stored loads the digest into TempKey with Nonce (pass-through mode), then runs Verify in stored mode.
#ifndef SECURE_ELEMENT_H
#define SECURE_ELEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "I2C.h"
#include "NonCopyable.h"
#include "PinNames.h"

class SecureElement : private mbed::NonCopyable<SecureElement> {
public:
    static constexpr uint8_t kDefaultAddress = 0x60;  // 7-bit
    static constexpr int kBusHz = 100000;             // the driver's own bus runs at 100 kHz

    enum class Result { Success, Mismatch, Error };

    SecureElement(PinName sda, PinName scl, uint8_t address = kDefaultAddress);
    // On a bus the caller owns (clocked at `bus_hz`, which sets what a transfer costs in time).
    explicit SecureElement(mbed::I2C& i2c, uint8_t address = kDefaultAddress, int bus_hz = kBusHz);

    // Info (revision): 4 bytes, 00 00 60 02 for an ATECC608A.
    Result info(uint8_t revision[4]);
    // Verify (stored mode) of `signature` (r‖s) over `digest` with the public key in `slot` (8–15).
    Result verify_stored(int slot, const uint8_t digest[32], const uint8_t signature[64]);
    // The public key in `slot` (8–15): X‖Y, 64 bytes.
    Result read_public_key(int slot, uint8_t key[64]);

    // What went wrong in the last call that returned Error, or "" after a success or a mismatch.
    const char* last_error() const { return error_; }
    // The device's status byte of the last status response (0x00 success, 0x01 miscompare, 0x03 parse error,
    // 0x0F execution error, 0xFF CRC error), or -1 when the last response carried data or none arrived.
    int last_status() const { return status_; }

    // CRC-16 of the ATECC family: polynomial 0x8005, initial 0, data bits LSB first (cryptoauthlib's atCRC).
    static uint16_t crc16(const uint8_t* data, size_t len);

private:
    bool wake();
    void sleep();
    // Sends a command to the awake device and polls for its response; the response's data (between count and CRC)
    // goes to `out`. A status response (one byte) sets last_status(). False on a communication failure.
    bool command(uint8_t opcode, uint8_t param1, uint16_t param2, const uint8_t* data, size_t len, uint8_t* out,
                 size_t capacity, size_t* out_len);
    // A command whose response must be `expect` bytes of data; a status response instead is an error.
    bool command_for_data(uint8_t opcode, uint8_t param1, uint16_t param2, uint8_t* out, size_t expect);
    bool read_data(int slot, int block, int word, bool whole_block, uint8_t* out);
    bool write_bus(const uint8_t* data, size_t len);
    bool read_bus(uint8_t* data, size_t len);
    Result fail(const char* why);
    // The bus time of a transfer of `bytes` data bytes after the address byte, µs.
    int bus_us(size_t bytes) const;

    mbed::I2C own_;
    mbed::I2C& i2c_;
    int addr8_;
    int bus_hz_;
    const char* error_ = "";
    int status_ = -1;
};

#endif
