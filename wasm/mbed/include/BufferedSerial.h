// BufferedSerial.h — the serial console (USBTX/USBRX). Output shares the console with printf; input is what the
// user types in the simulator's terminal.
#ifndef MBED_BUFFEREDSERIAL_H
#define MBED_BUFFEREDSERIAL_H

#include <stddef.h>
#include <sys/types.h>

#include "Callback.h"
#include "NonCopyable.h"
#include "PinNames.h"

#ifndef MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE
#define MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE 9600
#endif

namespace mbed {

class BufferedSerial : private NonCopyable<BufferedSerial> {
public:
    enum Parity { None = 0, Odd, Even, Forced1, Forced0 };

    BufferedSerial(PinName tx, PinName rx, int baud = MBED_CONF_PLATFORM_DEFAULT_SERIAL_BAUD_RATE);
    ~BufferedSerial();

    // Blocking (the default): waits until at least one byte arrived, then returns what is there, up to
    // `length`. Non-blocking: returns -EAGAIN when nothing is waiting.
    ssize_t read(void* buffer, size_t length);
    ssize_t write(const void* buffer, size_t length);

    bool readable() const;
    bool writable() const { return true; }

    int set_blocking(bool blocking) {
        blocking_ = blocking;
        return 0;
    }
    bool is_blocking() const { return blocking_; }

    // Line settings have no effect in the simulator; kept so board code compiles.
    void set_baud(int baud) { baud_ = baud; }
    void set_format(int bits = 8, Parity parity = None, int stop_bits = 1) {
        (void)bits;
        (void)parity;
        (void)stop_bits;
    }

    // Called in interrupt context when input arrives (nullptr detaches).
    void sigio(Callback<void()> func);

    int sync() { return 0; }
    int isatty() { return 1; }
    int close() { return 0; }

private:
    static void on_rx(void* self);

    Callback<void()> sigio_;
    int baud_;
    bool blocking_ = true;
};

}  // namespace mbed

#endif
