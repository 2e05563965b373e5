// blinky — the "hello world" of embedded: LED1 toggles every 500 ms.
//
// This is Mbed OS 6's official blinky. ThisThread::sleep_for puts the board to sleep, so virtual time passes
// while nothing else runs. Try changing BLINKING_RATE, or blink LED2 as well.
#include "mbed.h"

// Blinking rate in milliseconds
#define BLINKING_RATE 500ms

int main() {
    // Initialise the digital pin LED1 as an output
    DigitalOut led(LED1);

    while (true) {
        led = !led;
        ThisThread::sleep_for(BLINKING_RATE);
    }
}
