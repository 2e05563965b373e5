// mbed_wait_api.h — busy waits. They burn virtual time without letting other code run (allowed in interrupt
// context). To let time pass while idle, use ThisThread::sleep_for.
#ifndef MBED_WAIT_API_H
#define MBED_WAIT_API_H

#ifdef __cplusplus
extern "C" {
#endif

void wait_us(int us);
void wait_ns(unsigned int ns);

// Mbed OS 5 calls, kept so older examples run. Like Mbed OS 5 with the RTOS, they sleep rather than spin.
void wait_ms(int ms);
void wait(float s);

#ifdef __cplusplus
}
#endif

#endif
