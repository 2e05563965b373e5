// InterruptIn.cpp — edge interrupts through the runtime's per-pin handler table.
#include "InterruptIn.h"

#include "DigitalIn.h"
#include "mbed_critical.h"
#include "sim_runtime.h"

namespace mbed {

InterruptIn::InterruptIn(PinName pin) : InterruptIn(pin, PullDefault) {}

InterruptIn::InterruptIn(PinName pin, PinMode pull) : pin_(pin) { mode(pull); }

InterruptIn::~InterruptIn() { sim_rt::gpio_irq_remove(this); }

int InterruptIn::read() { return pin_ != NC && sim_gpio_read(pin_) ? 1 : 0; }

void InterruptIn::mode(PinMode pull) {
    if (pin_ != NC) {
        sim_gpio_init(pin_, gpio_internal::sim_input_mode(pull));
    }
}

void InterruptIn::rise(Callback<void()> func) {
    core_util_critical_section_enter();
    rise_ = func;
    update_irq();
    core_util_critical_section_exit();
}

void InterruptIn::fall(Callback<void()> func) {
    core_util_critical_section_enter();
    fall_ = func;
    update_irq();
    core_util_critical_section_exit();
}

void InterruptIn::enable_irq() {
    core_util_critical_section_enter();
    enabled_ = true;
    update_irq();
    core_util_critical_section_exit();
}

void InterruptIn::disable_irq() {
    core_util_critical_section_enter();
    enabled_ = false;
    update_irq();
    core_util_critical_section_exit();
}

void InterruptIn::update_irq() {
    if (pin_ == NC) {
        return;
    }
    uint32_t mask = 0;
    if (enabled_) {
        mask = (rise_ ? SIM_EDGE_RISE : 0) | (fall_ ? SIM_EDGE_FALL : 0);
    }
    sim_rt::gpio_irq_set(pin_, mask, &InterruptIn::on_edge, this);
}

void InterruptIn::on_edge(void* self, uint32_t source) {
    InterruptIn* in = static_cast<InterruptIn*>(self);
    Callback<void()> handler = source == SIM_IRQ_GPIO_RISE ? in->rise_ : in->fall_;  // may re-attach itself
    if (in->enabled_ && handler) {
        handler();
    }
}

}  // namespace mbed
