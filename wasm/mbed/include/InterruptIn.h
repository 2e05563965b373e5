// InterruptIn.h — a digital input that calls a function on a rising or falling edge.
//
// The handlers run in interrupt context: keep them short, do not sleep, and post longer work to an EventQueue
// (`button.fall(queue.event(handler))`). BUTTON1/BUTTON2 are active-low, so a press is a falling edge.
#ifndef MBED_INTERRUPTIN_H
#define MBED_INTERRUPTIN_H

#include "Callback.h"
#include "NonCopyable.h"
#include "PinNames.h"

namespace mbed {

class InterruptIn : private NonCopyable<InterruptIn> {
public:
    explicit InterruptIn(PinName pin);
    InterruptIn(PinName pin, PinMode mode);
    ~InterruptIn();

    int read();
    operator int() { return read(); }

    // Attach (or, with nullptr, detach) the handler for rising / falling edges.
    void rise(Callback<void()> func);
    void fall(Callback<void()> func);

    void mode(PinMode pull);
    void enable_irq();
    void disable_irq();

private:
    static void on_edge(void* self, uint32_t source);
    void update_irq();

    PinName pin_;
    Callback<void()> rise_;
    Callback<void()> fall_;
    bool enabled_ = true;
};

}  // namespace mbed

#endif
