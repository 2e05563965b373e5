// DigitalIn.h — a digital input pin. BUTTON1/BUTTON2 are active-low: read() is 0 while the button is held.
#ifndef MBED_DIGITALIN_H
#define MBED_DIGITALIN_H

#include "PinNames.h"
#include "sim_abi.h"

namespace mbed {

namespace gpio_internal {
inline uint32_t sim_input_mode(PinMode mode) {
    switch (mode) {
        case PullUp:
            return SIM_GPIO_INPUT_PULLUP;
        case PullDown:
            return SIM_GPIO_INPUT_PULLDOWN;
        default:
            return SIM_GPIO_INPUT;
    }
}
}  // namespace gpio_internal

class DigitalIn {
public:
    explicit DigitalIn(PinName pin) : DigitalIn(pin, PullDefault) {}

    DigitalIn(PinName pin, PinMode pull) : pin_(pin) { mode(pull); }

    int read() { return is_connected() ? (sim_gpio_read(pin_) ? 1 : 0) : 0; }

    void mode(PinMode pull) {
        if (is_connected()) {
            sim_gpio_init(pin_, gpio_internal::sim_input_mode(pull));
        }
    }

    int is_connected() const { return pin_ != NC; }

    operator int() { return read(); }

private:
    PinName pin_;
};

}  // namespace mbed

#endif
