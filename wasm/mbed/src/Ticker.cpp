// Ticker.cpp — Ticker and Timeout on runtime alarms.
#include "Ticker.h"

#include "mbed_critical.h"
#include "sim_runtime.h"

namespace mbed {

TickerBase::~TickerBase() { sim_rt::alarm_free(alarm_id_); }

void TickerBase::attach(Callback<void()> func, std::chrono::microseconds t) {
    if (t.count() <= 0 && !one_shot_) {
        sim_rt::faultf("Ticker::attach: period must be positive (got %lld us)", static_cast<long long>(t.count()));
    }
    core_util_critical_section_enter();
    if (alarm_id_ < 0) {
        alarm_id_ = sim_rt::alarm_alloc(&TickerBase::on_alarm, this);
    } else {
        sim_rt::alarm_cancel(alarm_id_);
    }
    handler_ = func;
    period_us_ = t.count();
    deadline_us_ = sim_time_us() + (period_us_ > 0 ? period_us_ : 0);
    if (handler_) {
        sim_alarm_set(static_cast<uint32_t>(alarm_id_), deadline_us_);
    }
    core_util_critical_section_exit();
}

void TickerBase::attach(Callback<void()> func, float t) {
    attach(func, std::chrono::microseconds(static_cast<int64_t>(t * 1e6f)));
}

void TickerBase::attach_us(Callback<void()> func, us_timestamp_t t) {
    attach(func, std::chrono::microseconds(static_cast<int64_t>(t)));
}

void TickerBase::detach() {
    core_util_critical_section_enter();
    sim_rt::alarm_cancel(alarm_id_);
    handler_ = nullptr;
    core_util_critical_section_exit();
}

void TickerBase::on_alarm(void* self) {
    TickerBase* t = static_cast<TickerBase*>(self);
    if (!t->handler_) {
        return;
    }
    if (t->one_shot_) {
        // Cleared first: the handler may attach again.
        Callback<void()> handler = t->handler_;
        t->handler_ = nullptr;
        handler();
    } else {
        // From the previous deadline, not from now: no drift.
        t->deadline_us_ += t->period_us_;
        sim_alarm_set(static_cast<uint32_t>(t->alarm_id_), t->deadline_us_);
        Callback<void()> handler = t->handler_;  // a copy: the handler may detach or re-attach
        handler();
    }
}

}  // namespace mbed
