// DigitalOut.h — a digital output pin (LED1..LED4 on the virtual board).
#ifndef MBED_DIGITALOUT_H
#define MBED_DIGITALOUT_H

#include "PinNames.h"
#include "sim_abi.h"

namespace mbed {

class DigitalOut {
public:
    explicit DigitalOut(PinName pin) : pin_(pin) {
        if (is_connected()) {
            sim_gpio_init(pin_, SIM_GPIO_OUTPUT);
        }
    }

    DigitalOut(PinName pin, int value) : DigitalOut(pin) { write(value); }

    void write(int value) {
        value_ = value ? 1 : 0;
        if (is_connected()) {
            sim_gpio_write(pin_, value_);
        }
    }

    // The level last written (what the output register holds on hardware).
    int read() const { return value_; }

    int is_connected() const { return pin_ != NC; }

    DigitalOut& operator=(int value) {
        write(value);
        return *this;
    }

    DigitalOut& operator=(const DigitalOut& rhs) {
        write(rhs.read());
        return *this;
    }

    operator int() const { return read(); }

private:
    PinName pin_;
    int value_ = 0;
};

}  // namespace mbed

#endif
