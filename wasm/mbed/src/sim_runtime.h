// sim_runtime.h — internal services of the Mbed layer on top of sim_abi.h (not for applications).
//
// Interrupt dispatch (fw_irq) goes through the tables kept here: GPIO edge handlers per pin, alarm handlers per
// alarm id, serial-input and touch-screen handlers. All registration functions may be called from either context.
#ifndef MBED_SIM_RUNTIME_H
#define MBED_SIM_RUNTIME_H

#include <stdint.h>

#include "sim_abi.h"

namespace sim_rt {

// ---- Alarms --------------------------------------------------------------------------------------------------
using AlarmHandler = void (*)(void* context);
// Reserve an alarm id whose expiry calls handler(context) in interrupt context. Faults when all are in use.
int alarm_alloc(AlarmHandler handler, void* context);
// Disarm the alarm and drop an expiry that is already waiting to run.
void alarm_cancel(int id);
// Cancel and give the id back.
void alarm_free(int id);

// ---- GPIO edges ----------------------------------------------------------------------------------------------
// source is SIM_IRQ_GPIO_RISE or SIM_IRQ_GPIO_FALL.
using GpioHandler = void (*)(void* context, uint32_t source);
// Register (or update) the handler owned by `context` for `pin`, interested in `edge_mask` (SIM_EDGE_*).
void gpio_irq_set(uint32_t pin, uint32_t edge_mask, GpioHandler handler, void* context);
void gpio_irq_remove(void* context);

// ---- Serial input --------------------------------------------------------------------------------------------
using SerialHandler = void (*)(void* context);
void serial_irq_set(SerialHandler handler, void* context);  // handler nullptr removes

// ---- Touch screen --------------------------------------------------------------------------------------------
// handler(context, sample) runs in interrupt context for every SIM_IRQ_TOUCH sample (SIM_TOUCH_* encoding).
using TouchHandler = void (*)(void* context, uint32_t sample);
void touch_irq_set(TouchHandler handler, void* context);  // handler nullptr removes

// ---- Blobs ---------------------------------------------------------------------------------------------------
// handler(context, slot) runs in interrupt context for every SIM_IRQ_BLOB (the host replaced the blob in `slot`).
using BlobHandler = void (*)(void* context, uint32_t slot);
void blob_irq_set(BlobHandler handler, void* context);  // handler nullptr removes

// ---- Update link ---------------------------------------------------------------------------------------------
// handler(context, event) runs in interrupt context for every SIM_IRQ_LINK (SIM_LINK_OFFERED / SIM_LINK_WITHDRAWN).
using LinkHandler = void (*)(void* context, uint32_t event);
void link_irq_set(LinkHandler handler, void* context);  // handler nullptr removes

// ---- Network interface ---------------------------------------------------------------------------------------
// handler(context, status) runs in interrupt context for every SIM_IRQ_NET (the interface's new SIM_NET_* status).
using NetHandler = void (*)(void* context, uint32_t status);
void net_irq_set(NetHandler handler, void* context);  // handler nullptr removes

// ---- Context -------------------------------------------------------------------------------------------------
bool in_isr();
// Number of interrupt handlers run so far. A loop that checks for work, then sleeps, compares it before and after
// the check: if it changed, a handler may have posted work meanwhile, so it checks again instead of sleeping.
uint32_t irq_count();

// Sleep until `deadline_us` (see sim_sleep_until_us). `who` names the caller in the fault raised when called in
// interrupt context or inside a critical section, where sleeping would never wake.
bool sleep_until(int64_t deadline_us, bool wake_on_irq, const char* who);

[[noreturn]] void fault(const char* message);
[[noreturn]] void faultf(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace sim_rt

#endif
