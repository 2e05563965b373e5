// sim_runtime.cpp — the firmware side of sim_abi.h: the fw_* exports, interrupt dispatch and critical sections.
//
// Interrupt model: the runtime calls fw_irq at [yield] imports. A handler runs at once unless the firmware is in a
// critical section or already in a handler; then the interrupt waits in a small ring and runs when the outermost
// critical section exits (or the current handler returns), like a masked interrupt on hardware.
#include "sim_runtime.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mbed_critical.h"

// The application's main. clang gives a wasm `int main()` the symbol __main_void (main(argc, argv) becomes
// __main_argc_argv, for which wasi-libc's weak __main_void fetches the arguments). Declaring __main_void in the
// application's own file would rename its main, so only this file refers to it.
extern "C" int __main_void(void);

namespace {

// ---- Interrupt bookkeeping -----------------------------------------------------------------------------------
struct PendingIrq {
    uint32_t source;
    uint32_t arg;
};

constexpr unsigned kPendingCapacity = 32;  // power of two
constexpr uint32_t kIrqNone = 0;           // a held-back interrupt that was cancelled (no SIM_IRQ_* is 0)
PendingIrq g_pending[kPendingCapacity];
unsigned g_pending_head = 0;  // next to run
unsigned g_pending_count = 0;

unsigned g_critical_nesting = 0;
bool g_in_isr = false;
uint32_t g_irq_count = 0;

struct AlarmEntry {
    sim_rt::AlarmHandler handler;
    void* context;
    bool used;
};
AlarmEntry g_alarms[SIM_MAX_ALARMS];

struct GpioEntry {
    uint32_t pin;
    uint32_t edge_mask;
    sim_rt::GpioHandler handler;
    void* context;
};
constexpr unsigned kMaxGpioHandlers = 16;
GpioEntry g_gpio[kMaxGpioHandlers];

// Handlers of one interrupt source, one per context object (a BufferedSerial, a TouchScreen, ...).
template <typename Handler, unsigned N>
struct HandlerTable {
    struct Entry {
        Handler handler;
        void* context;
    };
    Entry entries[N] = {};

    // Registers `context`'s handler, replacing its previous one; a nullptr handler removes it. `full` is the fault
    // message when all N entries are taken.
    void set(Handler handler, void* context, const char* full);
};

HandlerTable<sim_rt::SerialHandler, 4> g_serial;
HandlerTable<sim_rt::TouchHandler, 2> g_touch;
HandlerTable<sim_rt::BlobHandler, 2 * SIM_MAX_BLOB_SLOTS> g_blob;
HandlerTable<sim_rt::LinkHandler, 2> g_link;
HandlerTable<sim_rt::NetHandler, 1> g_net;

// The runtime keeps the suspended firmware's call stack here (asyncify data; it writes the header itself).
alignas(16) uint8_t g_suspend_buffer[16 * 1024];

}  // namespace

namespace {

void dispatch(uint32_t source, uint32_t arg) {
    ++g_irq_count;
    switch (source) {
        case kIrqNone:
            break;
        case SIM_IRQ_GPIO_RISE:
        case SIM_IRQ_GPIO_FALL: {
            uint32_t edge = source == SIM_IRQ_GPIO_RISE ? SIM_EDGE_RISE : SIM_EDGE_FALL;
            for (GpioEntry& e : g_gpio) {
                if (e.handler != nullptr && e.pin == arg && (e.edge_mask & edge) != 0) {
                    e.handler(e.context, source);
                }
            }
            break;
        }
        case SIM_IRQ_ALARM:
            if (arg < SIM_MAX_ALARMS && g_alarms[arg].used && g_alarms[arg].handler != nullptr) {
                g_alarms[arg].handler(g_alarms[arg].context);
            }
            break;
        case SIM_IRQ_SERIAL_RX:
            for (auto& e : g_serial.entries) {
                if (e.handler != nullptr) {
                    e.handler(e.context);
                }
            }
            break;
        case SIM_IRQ_TOUCH:
            for (auto& e : g_touch.entries) {
                if (e.handler != nullptr) {
                    e.handler(e.context, arg);
                }
            }
            break;
        case SIM_IRQ_BLOB:
            for (auto& e : g_blob.entries) {
                if (e.handler != nullptr) {
                    e.handler(e.context, arg);
                }
            }
            break;
        case SIM_IRQ_LINK:
            for (auto& e : g_link.entries) {
                if (e.handler != nullptr) {
                    e.handler(e.context, arg);
                }
            }
            break;
        case SIM_IRQ_NET:
            for (auto& e : g_net.entries) {
                if (e.handler != nullptr) {
                    e.handler(e.context, arg);
                }
            }
            break;
        default:
            sim_rt::faultf("fw_irq: unknown interrupt source %u (arg %u)", source, arg);
    }
}

// Run the interrupts that were held back. Called with g_in_isr set; handlers may queue more.
void drain_pending() {
    while (g_pending_count > 0) {
        PendingIrq irq = g_pending[g_pending_head];
        g_pending_head = (g_pending_head + 1) % kPendingCapacity;
        --g_pending_count;
        dispatch(irq.source, irq.arg);
    }
}

void hold_back(uint32_t source, uint32_t arg) {
    if (g_pending_count == kPendingCapacity) {
        sim_rt::faultf("too many interrupts held back (%u) by a critical section or a long handler", kPendingCapacity);
    }
    g_pending[(g_pending_head + g_pending_count) % kPendingCapacity] = {source, arg};
    ++g_pending_count;
}

}  // namespace

// ---- Exports -------------------------------------------------------------------------------------------------

SIM_EXPORT(fw_abi_version) uint32_t fw_abi_version(void) { return SIM_ABI_VERSION; }

// Every character reaches the console at once, not at the next newline.
static void make_console_unbuffered() {
    setvbuf(stdout, nullptr, _IONBF, 0);
    setvbuf(stderr, nullptr, _IONBF, 0);
}

// Also before the application's global constructors (run by the reactor's _initialize), which may print.
__attribute__((constructor(101))) static void console_setup() { make_console_unbuffered(); }

SIM_EXPORT(fw_main) int32_t fw_main(void) {
    make_console_unbuffered();
    return __main_void();
}

SIM_EXPORT(fw_irq) void fw_irq(uint32_t source, uint32_t arg) {
    if (g_critical_nesting > 0 || g_in_isr) {
        hold_back(source, arg);
        return;
    }
    g_in_isr = true;
    dispatch(source, arg);
    drain_pending();
    g_in_isr = false;
}

SIM_EXPORT(fw_suspend_buffer) uint32_t fw_suspend_buffer(void) {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(g_suspend_buffer));
}

SIM_EXPORT(fw_suspend_buffer_size) uint32_t fw_suspend_buffer_size(void) { return sizeof(g_suspend_buffer); }

// ---- Critical sections ---------------------------------------------------------------------------------------

extern "C" void core_util_critical_section_enter(void) { ++g_critical_nesting; }

extern "C" void core_util_critical_section_exit(void) {
    if (g_critical_nesting == 0) {
        sim_rt::fault("core_util_critical_section_exit without a matching enter");
    }
    if (--g_critical_nesting == 0 && !g_in_isr && g_pending_count > 0) {
        g_in_isr = true;
        drain_pending();
        g_in_isr = false;
    }
}

extern "C" bool core_util_in_critical_section(void) { return g_critical_nesting > 0; }
extern "C" bool core_util_are_interrupts_enabled(void) { return g_critical_nesting == 0; }
extern "C" bool core_util_is_isr_active(void) { return g_in_isr; }

// ---- Internal services ---------------------------------------------------------------------------------------

namespace sim_rt {

int alarm_alloc(AlarmHandler handler, void* context) {
    core_util_critical_section_enter();
    for (int id = 0; id < SIM_MAX_ALARMS; ++id) {
        if (!g_alarms[id].used) {
            g_alarms[id] = {handler, context, true};
            core_util_critical_section_exit();
            return id;
        }
    }
    fault("out of alarms: too many Ticker/Timeout objects");
}

void alarm_cancel(int id) {
    if (id < 0 || id >= SIM_MAX_ALARMS) {
        return;
    }
    core_util_critical_section_enter();
    sim_alarm_cancel(static_cast<uint32_t>(id));
    // An expiry already held back must not run for a cancelled (or soon reused) alarm.
    for (unsigned i = 0; i < g_pending_count; ++i) {
        PendingIrq& irq = g_pending[(g_pending_head + i) % kPendingCapacity];
        if (irq.source == SIM_IRQ_ALARM && irq.arg == static_cast<uint32_t>(id)) {
            irq.source = kIrqNone;  // becomes a no-op
            irq.arg = 0;
        }
    }
    core_util_critical_section_exit();
}

void alarm_free(int id) {
    if (id < 0 || id >= SIM_MAX_ALARMS) {
        return;
    }
    alarm_cancel(id);
    g_alarms[id] = {nullptr, nullptr, false};
}

static void gpio_update_irq(uint32_t pin) {
    uint32_t mask = 0;
    for (const GpioEntry& e : g_gpio) {
        if (e.handler != nullptr && e.pin == pin) {
            mask |= e.edge_mask;
        }
    }
    sim_gpio_irq(pin, mask);
}

void gpio_irq_set(uint32_t pin, uint32_t edge_mask, GpioHandler handler, void* context) {
    core_util_critical_section_enter();
    GpioEntry* slot = nullptr;
    for (GpioEntry& e : g_gpio) {
        if (e.handler != nullptr && e.context == context) {
            slot = &e;
            break;
        }
        if (slot == nullptr && e.handler == nullptr) {
            slot = &e;
        }
    }
    if (slot == nullptr) {
        fault("too many InterruptIn objects");
    }
    // A context stays on one pin for its lifetime, so only `pin` needs its mask recomputed.
    *slot = {pin, edge_mask, handler, context};
    gpio_update_irq(pin);
    core_util_critical_section_exit();
}

void gpio_irq_remove(void* context) {
    core_util_critical_section_enter();
    for (GpioEntry& e : g_gpio) {
        if (e.handler != nullptr && e.context == context) {
            uint32_t pin = e.pin;
            e = {0, 0, nullptr, nullptr};
            gpio_update_irq(pin);
        }
    }
    core_util_critical_section_exit();
}

void serial_irq_set(SerialHandler handler, void* context) {
    g_serial.set(handler, context, "too many serial input handlers");
}

void touch_irq_set(TouchHandler handler, void* context) {
    g_touch.set(handler, context, "too many touch-screen handlers");
}

void blob_irq_set(BlobHandler handler, void* context) { g_blob.set(handler, context, "too many BlobSlot objects"); }

void link_irq_set(LinkHandler handler, void* context) { g_link.set(handler, context, "too many UpdateLink objects"); }

void net_irq_set(NetHandler handler, void* context) { g_net.set(handler, context, "too many network interfaces"); }

bool in_isr() { return g_in_isr; }
uint32_t irq_count() { return g_irq_count; }

bool sleep_until(int64_t deadline_us, bool wake_on_irq, const char* who) {
    if (g_in_isr) {
        faultf("%s called from interrupt context", who);
    }
    if (g_critical_nesting > 0) {
        faultf("%s called inside a critical section", who);
    }
    return sim_sleep_until_us(deadline_us, wake_on_irq ? 1 : 0) != 0;
}

void fault(const char* message) {
    sim_fault(message, static_cast<uint32_t>(strlen(message)));
    __builtin_trap();  // sim_fault does not return
}

void faultf(const char* format, ...) {
    char message[256];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fault(message);
}

}  // namespace sim_rt

namespace {
template <typename Handler, unsigned N>
void HandlerTable<Handler, N>::set(Handler handler, void* context, const char* full) {
    core_util_critical_section_enter();
    Entry* slot = nullptr;
    for (Entry& e : entries) {
        if (e.context == context && e.handler != nullptr) {
            slot = &e;
            break;
        }
        if (slot == nullptr && e.handler == nullptr)
            slot = &e;
    }
    if (slot == nullptr && handler != nullptr)
        sim_rt::fault(full);
    if (slot != nullptr)
        *slot = {handler, handler != nullptr ? context : nullptr};
    core_util_critical_section_exit();
}
}  // namespace
