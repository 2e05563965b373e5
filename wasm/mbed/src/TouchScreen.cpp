// TouchScreen.cpp — SIM_IRQ_TOUCH samples through the runtime's touch handler table.
#include "TouchScreen.h"

#include "mbed_critical.h"
#include "sim_runtime.h"

namespace mbed {

namespace {

TouchScreen::Sample decode(uint32_t arg) {
    TouchScreen::Sample s;
    s.down = SIM_TOUCH_DOWN(arg) != 0;
    s.x = static_cast<uint16_t>(SIM_TOUCH_X(arg));
    s.y = static_cast<uint16_t>(SIM_TOUCH_Y(arg));
    return s;
}

}  // namespace

TouchScreen::TouchScreen() { sim_rt::touch_irq_set(&TouchScreen::on_sample, this); }

TouchScreen::~TouchScreen() { sim_rt::touch_irq_set(nullptr, this); }

void TouchScreen::attach(Callback<void(Sample)> handler) {
    core_util_critical_section_enter();
    handler_ = handler;
    core_util_critical_section_exit();
}

TouchScreen::Sample TouchScreen::read() const { return decode(last_); }

void TouchScreen::on_sample(void* self, uint32_t arg) {
    TouchScreen* ts = static_cast<TouchScreen*>(self);
    ts->last_ = arg;
    if (ts->handler_) {
        ts->handler_(decode(arg));
    }
}

}  // namespace mbed
