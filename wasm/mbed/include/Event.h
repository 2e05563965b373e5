// Event.h — events::Event lives in EventQueue.h; this header exists because Mbed OS code includes it by name.
#ifndef MBED_EVENT_H
#define MBED_EVENT_H

#include "EventQueue.h"

#endif
