// BufferedSerial.cpp — console I/O: output through WASI stdout (shared with printf), input from the runtime.
#include "BufferedSerial.h"

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "sim_runtime.h"

namespace mbed {

BufferedSerial::BufferedSerial(PinName tx, PinName rx, int baud) : baud_(baud) {
    (void)tx;
    (void)rx;
}

BufferedSerial::~BufferedSerial() { sim_rt::serial_irq_set(nullptr, this); }

ssize_t BufferedSerial::read(void* buffer, size_t length) {
    if (length == 0) {
        return 0;
    }
    int32_t max_len = length > INT32_MAX ? INT32_MAX : static_cast<int32_t>(length);
    for (;;) {
        uint32_t irqs_seen = sim_rt::irq_count();
        int32_t n = sim_serial_read(static_cast<uint8_t*>(buffer), max_len);
        if (n > 0) {
            return n;
        }
        if (!blocking_) {
            return -EAGAIN;
        }
        if (sim_rt::irq_count() != irqs_seen) {
            continue;  // input may have arrived while we read
        }
        // Input arrives as SIM_IRQ_SERIAL_RX, which ends this sleep.
        sim_rt::sleep_until(INT64_MAX, true, "BufferedSerial::read (blocking)");
    }
}

ssize_t BufferedSerial::write(const void* buffer, size_t length) {
    const char* p = static_cast<const char*>(buffer);
    size_t left = length;
    while (left > 0) {
        ssize_t n = ::write(STDOUT_FILENO, p, left);
        if (n <= 0) {
            return n < 0 ? -errno : static_cast<ssize_t>(length - left);
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(length);
}

bool BufferedSerial::readable() const { return sim_serial_readable() > 0; }

void BufferedSerial::sigio(Callback<void()> func) {
    sigio_ = func;
    sim_rt::serial_irq_set(func ? &BufferedSerial::on_rx : nullptr, this);
}

void BufferedSerial::on_rx(void* self) {
    Callback<void()> handler = static_cast<BufferedSerial*>(self)->sigio_;
    if (handler) {
        handler();
    }
}

}  // namespace mbed
