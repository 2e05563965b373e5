// UpdateLink.cpp — sim_link_* requests; the transfer time is slept in thread context, so interrupts keep running.
#include "UpdateLink.h"

#include "mbed_critical.h"
#include "sim_runtime.h"

namespace mbed {

UpdateLink::UpdateLink() { sim_rt::link_irq_set(&UpdateLink::on_event, this); }

UpdateLink::~UpdateLink() { sim_rt::link_irq_set(nullptr, this); }

bool UpdateLink::offer(Offer* out) const { return sim_link_offer(&out->size, out->etag) == 0; }

int64_t UpdateLink::request(uint32_t offset, uint32_t size) { return sim_link_request(offset, size); }

int32_t UpdateLink::collect(void* buffer, uint32_t size, int64_t* due_us) {
    return sim_link_read(static_cast<uint8_t*>(buffer), size, due_us);
}

int32_t UpdateLink::fetch(uint32_t offset, void* buffer, uint32_t size) {
    int64_t due_us = request(offset, size);
    if (due_us < 0) {
        return static_cast<int32_t>(due_us);
    }
    for (;;) {
        sim_rt::sleep_until(due_us, false, "UpdateLink::fetch");
        int32_t n = collect(buffer, size, &due_us);
        if (n != kNotYet) {
            return n;
        }
    }
}

void UpdateLink::attach(Callback<void(uint32_t)> handler) {
    core_util_critical_section_enter();
    handler_ = handler;
    core_util_critical_section_exit();
}

void UpdateLink::on_event(void* self, uint32_t event) {
    UpdateLink* link = static_cast<UpdateLink*>(self);
    if (link->handler_) {
        link->handler_(event);
    }
}

}  // namespace mbed
