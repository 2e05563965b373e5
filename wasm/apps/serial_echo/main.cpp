// serial_echo — read the console with BufferedSerial and echo what you type, as a terminal would.
//
// Each character is written back as it arrives; Enter prints the whole line as "echo: <line>". Backspace
// removes the last character. serial.read() blocks until at least one byte arrived; while it waits, the board
// sleeps.
#include "mbed.h"

static BufferedSerial serial(USBTX, USBRX, 115200);

static void prompt() { printf("> "); }

int main() {
    printf("Serial echo: type a line and press Enter.\n");
    prompt();

    char line[80];
    size_t length = 0;
    char previous = 0;

    while (true) {
        char c;
        if (serial.read(&c, 1) <= 0) {
            continue;
        }

        if (c == '\r' || c == '\n') {
            if (c == '\n' && previous == '\r') {
                previous = c;  // "\r\n" is one Enter
                continue;
            }
            line[length] = '\0';
            printf("\necho: %s\n", line);
            length = 0;
            prompt();
        } else if (c == '\b' || c == 0x7f) {
            if (length > 0) {
                length--;
                serial.write("\b \b", 3);  // erase the character on screen
            }
        } else if (length < sizeof(line) - 1) {
            line[length++] = c;
            serial.write(&c, 1);
        }
        previous = c;
    }
}
