// I2C.h — mbed::I2C: an I2C bus master (sensors such as the SHT31 temperature sensor).
//
// As in Mbed OS, addresses are 8-bit: the device's 7-bit address shifted left by one (the SHT31 at 0x44 is
// 0x44 << 1 = 0x88); the read/write bit is ignored. write() and read() are whole transfers and return 0 when the
// device acknowledged, non-zero when nobody answered or the device NACKed (for instance a read before its
// conversion finished). The simulated bus works in transfers, so the byte-level start()/stop()/write(int)/read(int)
// of Mbed OS are not provided.
#ifndef MBED_I2C_H
#define MBED_I2C_H

#include <stdint.h>

#include "NonCopyable.h"
#include "PinNames.h"

// The I2C pins of the mbed application shield (LPC1768 p28/p27), which the simulated bus does not need.
#ifndef I2C_SDA
#define I2C_SDA p28
#endif
#ifndef I2C_SCL
#define I2C_SCL p27
#endif

namespace mbed {

class I2C : private NonCopyable<I2C> {
public:
    enum Acknowledge { NoACK = 0, ACK = 1 };

    I2C(PinName sda, PinName scl);

    // Bus clock; remembered, the simulated bus does not slow down.
    void frequency(int hz);

    // Write `length` bytes to the device at 8-bit `address`. 0 on ACK, non-zero on NACK.
    // `repeated`: no stop condition afterwards (a following read is a repeated start); no effect in simulation.
    int write(int address, const char* data, int length, bool repeated = false);
    // Read `length` bytes from the device at 8-bit `address` into `data`. 0 on ACK, non-zero on NACK.
    int read(int address, char* data, int length, bool repeated = false);

    // For sharing one bus between threads; nothing to lock on the simulated board.
    void lock() {}
    void unlock() {}

private:
    int hz_ = 100000;
};

}  // namespace mbed

#endif
