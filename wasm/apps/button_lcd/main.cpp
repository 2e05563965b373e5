// button_lcd — count BUTTON1 presses on the LCD, while LED2 lights up as long as the button is held.
//
// Shows the usual Mbed split between interrupt and thread context:
//  - InterruptIn calls on_press/on_release in interrupt context, the instant the button changes. They only do
//    quick things: set the LED, count, and post the slow work (drawing) to an EventQueue.
//  - main() dispatches the queue, so show_count runs outside interrupt context, where it may take its time.
// BUTTON1 is active-low: pressing it is a falling edge, releasing it a rising edge.
#include "mbed.h"
#include "C12832.h"

C12832 lcd(SPI_MOSI, SPI_SCK, SPI_MISO, p8, p11);
InterruptIn button(BUTTON1);
DigitalOut led(LED2);
EventQueue queue;

int presses = 0;  // changed only in on_press (interrupt context)

// Runs from the event queue (thread context): drawing the screen is too slow for an interrupt handler.
void show_count(int count) {
    lcd.cls();
    lcd.locate(3, 13);
    lcd.printf("Presses: %d", count);
}

// Interrupt context: keep it short. The count travels with the event, so show_count needs no shared state.
void on_press() {
    led = 1;
    presses++;
    queue.call(show_count, presses);
}

void on_release() { led = 0; }

int main() {
    button.fall(&on_press);
    button.rise(&on_release);
    show_count(0);
    queue.dispatch_forever();
}
