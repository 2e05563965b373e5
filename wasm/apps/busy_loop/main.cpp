// busy_loop — a program that never gives the board back.
//
// `while (1) {}` spins forever without touching the hardware, so not even an interrupt can run: the simulator
// delivers interrupts at HAL calls only. The page stays responsive because the firmware runs in a worker; press
// Stop or Reset to end it, as you would press the reset button on a real board.
#include "mbed.h"

int main() {
    printf("Spinning in while (1) {} now: the board will not respond until you press Stop or Reset.\n");

    while (1) {
    }
}
