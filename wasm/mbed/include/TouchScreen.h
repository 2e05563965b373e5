// TouchScreen.h — the board's 240x240 touch panel (like the touch LCD of the DISCO-F413ZH).
//
// Every press, move and release reaches the firmware as one sample. attach() a handler to get each sample in
// interrupt context the moment it arrives (keep it short: draw a few pixels or post to an EventQueue), or poll
// read() for the latest state, as the DISCO boards' TS_GetState() does.
//
//   TouchScreen ts;
//   ts.attach([](TouchScreen::Sample s) { if (s.down) plot(s.x, s.y); });
#ifndef MBED_TOUCHSCREEN_H
#define MBED_TOUCHSCREEN_H

#include <stdint.h>

#include "Callback.h"
#include "NonCopyable.h"
#include "sim_abi.h"

namespace mbed {

class TouchScreen : private NonCopyable<TouchScreen> {
public:
    struct Sample {
        bool down;   // true while touching; a release repeats the last position with down == false
        uint16_t x;  // 0 .. width() - 1, left to right
        uint16_t y;  // 0 .. height() - 1, top to bottom
    };

    TouchScreen();
    ~TouchScreen();

    int width() const { return SIM_TOUCH_WIDTH; }
    int height() const { return SIM_TOUCH_HEIGHT; }

    // Call `handler` in interrupt context for every sample (nullptr detaches).
    void attach(Callback<void(Sample)> handler);
    // The latest sample (down == false and position 0, 0 before the first touch).
    Sample read() const;
    bool touched() const { return read().down; }

private:
    static void on_sample(void* self, uint32_t arg);

    Callback<void(Sample)> handler_;
    volatile uint32_t last_ = 0;  // raw SIM_TOUCH_* encoding of the latest sample
};

}  // namespace mbed

#endif
