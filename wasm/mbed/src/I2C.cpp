// I2C.cpp — mbed::I2C on the sim_i2c_* transfers of sim_abi.h (7-bit addresses there, 8-bit here).
#include "I2C.h"

#include "mbed_error.h"
#include "sim_abi.h"

namespace mbed {

I2C::I2C(PinName sda, PinName scl) {
    if (sda == NC || scl == NC) {
        error("I2C: SDA and SCL must be connected pins");
    }
}

void I2C::frequency(int hz) {
    if (hz <= 0) {
        error("I2C::frequency: %d Hz is not a bus clock", hz);
    }
    hz_ = hz;
}

int I2C::write(int address, const char* data, int length, bool repeated) {
    (void)repeated;
    if (length < 0 || (length > 0 && data == nullptr)) {
        return -1;
    }
    uint32_t addr7 = (static_cast<uint32_t>(address) >> 1) & 0x7Fu;
    return sim_i2c_write(addr7, reinterpret_cast<const uint8_t*>(data), static_cast<uint32_t>(length)) == 0 ? 0 : -1;
}

int I2C::read(int address, char* data, int length, bool repeated) {
    (void)repeated;
    if (length < 0 || (length > 0 && data == nullptr)) {
        return -1;
    }
    uint32_t addr7 = (static_cast<uint32_t>(address) >> 1) & 0x7Fu;
    return sim_i2c_read(addr7, reinterpret_cast<uint8_t*>(data), static_cast<uint32_t>(length)) == 0 ? 0 : -1;
}

}  // namespace mbed
