// PinNames.h — pin names of the virtual board.
//
// Board pins (LEDs, buttons, analog inputs) carry the SIM_PIN_* values the runtime knows. The other names exist so
// that code written for the mbed application shield (C12832 LCD on SPI, LPC1768-style p5..p30) compiles; the
// runtime ignores them. As in Mbed OS 6, LED1..LED4 and BUTTON1/BUTTON2 are macros, so `#ifdef LED1` in the
// official blinky sees them.
#ifndef MBED_PINNAMES_H
#define MBED_PINNAMES_H

#include <stdint.h>

#include "sim_abi.h"

typedef enum : uint32_t {
    // Board pins, values fixed by sim_abi.h.
    BOARD_LED1 = SIM_PIN_LED1,
    BOARD_LED2 = SIM_PIN_LED2,
    BOARD_LED3 = SIM_PIN_LED3,
    BOARD_LED4 = SIM_PIN_LED4,
    BOARD_BUTTON1 = SIM_PIN_BUTTON1,
    BOARD_BUTTON2 = SIM_PIN_BUTTON2,
    A0 = SIM_PIN_A0,
    A1 = SIM_PIN_A1,
    A2 = SIM_PIN_A2,
    A3 = SIM_PIN_A3,
    A4 = SIM_PIN_A4,
    A5 = SIM_PIN_A5,

    // LPC1768 DIP pins used by mbed application-shield code; not wired to anything in the simulator.
    p5 = 0x205,
    p6,
    p7,
    p8,
    p9,
    p10,
    p11,
    p12,
    p13,
    p14,
    p15,
    p16,
    p17,
    p18,
    p19,
    p20,
    p21,
    p22,
    p23,
    p24,
    p25,
    p26,
    p27,
    p28,
    p29,
    p30,

    // Bus pins; the simulated peripherals behind them (console, LCD) need no wiring.
    USBTX = 0x300,
    USBRX,
    CONSOLE_TX = USBTX,
    CONSOLE_RX = USBRX,
    SPI_MOSI = 0x310,
    SPI_MISO,
    SPI_SCK,
    SPI_CS,

    NC = SIM_PIN_NC,  // not connected
} PinName;

#define LED1 BOARD_LED1
#define LED2 BOARD_LED2
#define LED3 BOARD_LED3
#define LED4 BOARD_LED4
#define BUTTON1 BOARD_BUTTON1
#define BUTTON2 BOARD_BUTTON2

typedef enum {
    PullNone = 0,
    PullUp = 1,
    PullDown = 2,
    OpenDrain = 3,
    PullDefault = PullNone,
} PinMode;

typedef enum {
    PIN_INPUT,
    PIN_OUTPUT,
} PinDirection;

#endif
