// Timeout.h — call a function once after a delay, in interrupt context.
#ifndef MBED_TIMEOUT_H
#define MBED_TIMEOUT_H

#include "Ticker.h"

namespace mbed {

class Timeout : public TickerBase {
public:
    Timeout() : TickerBase(true) {}
};

}  // namespace mbed

#endif
