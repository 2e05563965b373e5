// EventQueue.cpp — the non-template part of events::EventQueue.
//
// Slots move between two lists: free_, and pending_ (sorted by deadline, FIFO among equal deadlines). Both are
// touched only inside critical sections, so interrupt handlers can post while main() dispatches.
#include "EventQueue.h"

#include <stdio.h>
#include <stdlib.h>

#include "mbed_critical.h"
#include "sim_runtime.h"

namespace events {

namespace {
enum SlotState : uint8_t { kFree, kReserved, kPending, kRunning, kCancelled };
constexpr int64_t kForever = INT64_MAX;
constexpr unsigned kMaxSlots = 255;  // ids keep the slot number in 8 bits
}  // namespace

using queue_internal::EventSlot;

EventQueue::EventQueue(unsigned size, unsigned char* buffer) {
    unsigned capacity = size / sizeof(EventSlot);
    if (capacity == 0) {
        capacity = 1;
    }
    if (capacity > kMaxSlots) {
        capacity = kMaxSlots;
    }
    if (buffer != nullptr && size >= sizeof(EventSlot) && reinterpret_cast<uintptr_t>(buffer) % 8 == 0) {
        slots_ = reinterpret_cast<EventSlot*>(buffer);
    } else {
        slots_ = static_cast<EventSlot*>(malloc(capacity * sizeof(EventSlot)));
        if (slots_ == nullptr) {
            sim_rt::faultf("EventQueue: no memory for %u events", capacity);
        }
        owns_slots_ = true;
    }
    capacity_ = capacity;
    for (unsigned i = 0; i < capacity_; ++i) {
        slots_[i].state = kFree;
        slots_[i].next = i + 1 < capacity_ ? &slots_[i + 1] : nullptr;
        slots_[i].id = 0;
    }
    free_ = &slots_[0];
}

EventQueue::~EventQueue() {
    core_util_critical_section_enter();
    for (unsigned i = 0; i < capacity_; ++i) {
        if (slots_[i].state != kFree && slots_[i].destroy != nullptr) {
            slots_[i].destroy(slots_[i].storage);
        }
    }
    pending_ = nullptr;
    free_ = nullptr;
    core_util_critical_section_exit();
    if (owns_slots_) {
        free(slots_);
    }
}

EventSlot* EventQueue::allocate() {
    core_util_critical_section_enter();
    EventSlot* slot = free_;
    if (slot != nullptr) {
        free_ = slot->next;
        slot->state = kReserved;
    }
    bool warn = slot == nullptr && !warned_full_;
    warned_full_ = warned_full_ || warn;
    core_util_critical_section_exit();
    if (warn) {
        fprintf(stderr, "EventQueue: queue full (%u events), event dropped\n", capacity_);
    }
    return slot;
}

int EventQueue::schedule(EventSlot* slot, int64_t delay_us, int64_t period_us) {
    int64_t now = sim_time_us();
    core_util_critical_section_enter();
    generation_ = (generation_ + 1) & 0x7FFFFF;
    if (generation_ == 0) {
        generation_ = 1;
    }
    int id = static_cast<int>(generation_ << 8 | static_cast<uint32_t>(slot - slots_ + 1));
    slot->id = id;
    slot->deadline_us = now + (delay_us > 0 ? delay_us : 0);
    slot->period_us = period_us;
    insert(slot);
    core_util_critical_section_exit();
    return id;
}

// In a critical section.
void EventQueue::insert(EventSlot* slot) {
    slot->state = kPending;
    EventSlot** link = &pending_;
    while (*link != nullptr && (*link)->deadline_us <= slot->deadline_us) {
        link = &(*link)->next;
    }
    slot->next = *link;
    *link = slot;
}

// In a critical section.
void EventQueue::release(EventSlot* slot) {
    if (slot->destroy != nullptr) {
        slot->destroy(slot->storage);
    }
    slot->state = kFree;
    slot->id = 0;
    slot->next = free_;
    free_ = slot;
}

EventSlot* EventQueue::find(int id) {
    unsigned index = static_cast<unsigned>(id) & 0xFF;
    if (id <= 0 || index == 0 || index > capacity_) {
        return nullptr;
    }
    EventSlot* slot = &slots_[index - 1];
    return slot->id == id ? slot : nullptr;
}

bool EventQueue::cancel(int id) {
    core_util_critical_section_enter();
    bool cancelled = false;
    EventSlot* slot = find(id);
    if (slot != nullptr && slot->state == kPending) {
        for (EventSlot** link = &pending_; *link != nullptr; link = &(*link)->next) {
            if (*link == slot) {
                *link = slot->next;
                break;
            }
        }
        release(slot);
        cancelled = true;
    } else if (slot != nullptr && slot->state == kRunning) {
        slot->state = kCancelled;  // a periodic event cancelling itself: not re-queued
        cancelled = true;
    }
    core_util_critical_section_exit();
    return cancelled;
}

int EventQueue::time_left(int id) {
    int64_t now = sim_time_us();
    core_util_critical_section_enter();
    int result = -1;
    EventSlot* slot = find(id);
    if (slot != nullptr && slot->state == kPending) {
        int64_t left = slot->deadline_us - now;
        result = left > 0 ? static_cast<int>((left + 999) / 1000) : 0;
    } else if (slot != nullptr) {
        result = 0;
    }
    core_util_critical_section_exit();
    return result;
}

// Run the first event if it is due at now_us; otherwise report when the first one is due.
bool EventQueue::run_one(int64_t now_us, int64_t* next_deadline_us) {
    core_util_critical_section_enter();
    EventSlot* slot = pending_;
    if (slot != nullptr && slot->deadline_us <= now_us) {
        pending_ = slot->next;
        slot->state = kRunning;
    } else {
        *next_deadline_us = slot != nullptr ? slot->deadline_us : kForever;
        slot = nullptr;
    }
    core_util_critical_section_exit();
    if (slot == nullptr) {
        return false;
    }

    slot->invoke(slot->storage);

    core_util_critical_section_enter();
    if (slot->state == kRunning && slot->period_us >= 0) {
        slot->deadline_us += slot->period_us;  // from the previous deadline: no drift
        insert(slot);
    } else {
        release(slot);
    }
    core_util_critical_section_exit();
    return true;
}

void EventQueue::run(int64_t end_us, bool once) {
    if (sim_rt::in_isr()) {
        sim_rt::fault("EventQueue::dispatch called from interrupt context");
    }
    for (;;) {
        if (break_requested_) {
            break_requested_ = false;
            return;
        }
        uint32_t irqs_seen = sim_rt::irq_count();
        int64_t now = sim_time_us();
        int64_t next = kForever;
        if (run_one(now, &next)) {
            continue;
        }
        if (once || now >= end_us) {
            return;
        }
        if (sim_rt::irq_count() != irqs_seen) {
            continue;  // a handler ran while we looked and may have posted an event
        }
        sim_rt::sleep_until(next < end_us ? next : end_us, true, "EventQueue::dispatch");
    }
}

void EventQueue::dispatch_forever() { run(kForever, false); }

void EventQueue::dispatch_for(duration ms) {
    int64_t now = sim_time_us();
    run(now + ms_to_us(ms), ms.count() <= 0);
}

void EventQueue::dispatch_once() { run(sim_time_us(), true); }

void EventQueue::dispatch(int ms) {
    if (ms < 0) {
        dispatch_forever();
    } else {
        dispatch_for(duration(ms));
    }
}

void EventQueue::break_dispatch() { break_requested_ = true; }

}  // namespace events
