// AnalogIn.h — an analog input (A0..A5), read as a fraction of the reference voltage.
#ifndef MBED_ANALOGIN_H
#define MBED_ANALOGIN_H

#include "PinNames.h"
#include "sim_abi.h"

#ifndef MBED_CONF_TARGET_DEFAULT_ADC_VREF
#define MBED_CONF_TARGET_DEFAULT_ADC_VREF 3.3f
#endif

namespace mbed {

class AnalogIn {
public:
    explicit AnalogIn(PinName pin, float vref = MBED_CONF_TARGET_DEFAULT_ADC_VREF) : pin_(pin), vref_(vref) {}

    // 0.0 .. 1.0
    float read() {
        float v = sim_analog_read(pin_);
        return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
    }

    // 0 .. 65535, as Mbed scales every ADC to 16 bits.
    unsigned short read_u16() { return static_cast<unsigned short>(read() * 65535.0f + 0.5f); }

    float read_voltage() { return read() * vref_; }

    void set_reference_voltage(float vref) { vref_ = vref; }
    float get_reference_voltage() const { return vref_; }

    operator float() { return read(); }

private:
    PinName pin_;
    float vref_;
};

}  // namespace mbed

#endif
