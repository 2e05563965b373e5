// Ticker.h — call a function periodically, in interrupt context.
//
// Each Ticker owns one runtime alarm. It re-arms from its previous deadline, so the period does not drift however
// long the handler takes.
#ifndef MBED_TICKER_H
#define MBED_TICKER_H

#include <stdint.h>

#include "Callback.h"
#include "NonCopyable.h"
#include "Timer.h"
#include "mbed_chrono.h"

namespace mbed {

// Shared by Ticker (periodic) and Timeout (one shot).
class TickerBase : private NonCopyable<TickerBase> {
public:
    void attach(Callback<void()> func, std::chrono::microseconds t);
    // Seconds, as in Mbed OS 5.
    void attach(Callback<void()> func, float t);
    void attach_us(Callback<void()> func, us_timestamp_t t);
    void detach();

protected:
    explicit TickerBase(bool one_shot) : one_shot_(one_shot) {}
    ~TickerBase();

private:
    static void on_alarm(void* self);

    Callback<void()> handler_;
    int64_t deadline_us_ = 0;
    int64_t period_us_ = 0;
    int alarm_id_ = -1;
    bool one_shot_;
};

class Ticker : public TickerBase {
public:
    Ticker() : TickerBase(false) {}
};

}  // namespace mbed

#endif
