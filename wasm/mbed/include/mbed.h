// mbed.h — the Mbed OS 6 style API of the simulated board. Include this one header.
#ifndef MBED_H
#define MBED_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "AnalogIn.h"
#include "BlobSlot.h"
#include "BufferedSerial.h"
#include "Callback.h"
#include "CriticalSectionLock.h"
#include "DigitalIn.h"
#include "DigitalOut.h"
#include "EventQueue.h"
#include "FlashIAP.h"
#include "HighResClock.h"
#include "HostTimer.h"
#include "InterruptIn.h"
#include "Kernel.h"
#include "NetworkInterface.h"
#include "NonCopyable.h"
#include "PinNames.h"
#include "TelemetryReport.h"
#include "TextWriter.h"
#include "ThisThread.h"
#include "Ticker.h"
#include "Timeout.h"
#include "Timer.h"
#include "mbed_assert.h"
#include "mbed_chrono.h"
#include "mbed_critical.h"
#include "mbed_error.h"
#include "mbed_stats.h"
#include "mbed_version.h"
#include "mbed_wait_api.h"

// As in Mbed OS 6: `DigitalOut`, `ThisThread::sleep_for(500ms)` and `EventQueue` without prefixes.
using namespace mbed;
using namespace rtos;
using namespace events;
using namespace std::chrono_literals;

#endif
