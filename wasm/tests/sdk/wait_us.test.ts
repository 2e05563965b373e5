// wait_us on virtual time: busy-waits exactly the given microseconds; interrupts that fall due meanwhile run
// (from the main thread); inside an interrupt handler it just burns time.
import { beforeAll, describe, expect, it } from 'vitest';
import { HAL_CALL_US } from '../../../src/runtime/Simulator';
import { bootFirmware, lastReport } from './sdkFirmware';

const firmware = `
#include "mbed.h"
Ticker ticker;
Timeout timeout;
volatile int ticks = 0;
volatile long long in_handler = -1;
void on_tick() { ++ticks; }
void on_timeout() {
    Timer t;
    t.start();
    wait_us(500);
    in_handler = t.elapsed_time().count();
}
int main() {
    Timer t;
    t.start();
    wait_us(1500);
    printf("waited %lld\\n", (long long)t.elapsed_time().count());
    ticker.attach(&on_tick, 100us);
    wait_us(1000);
    ticker.detach();
    printf("ticks %d\\n", ticks);
    timeout.attach(&on_timeout, 1ms);
    ThisThread::sleep_for(10ms);
    printf("handler %lld\\n", in_handler);
    while (true) ThisThread::sleep_for(1s);
}
`;

let serial: string;
beforeAll(async () => {
  const board = await bootFirmware(firmware);
  board.sim.runFor(100_000);
  serial = board.serial();
});

describe('wait_us', () => {
  it('waits exactly the given virtual microseconds', () => {
    expect(lastReport(serial, 'waited')).toEqual([1500 + HAL_CALL_US]); // + elapsed_time()'s clock read
  });

  it('lets interrupts that fall due run while it waits', () => {
    expect(lastReport(serial, 'ticks')).toEqual([10]);
  });

  it('burns virtual time inside an interrupt handler too', () => {
    expect(lastReport(serial, 'handler')).toEqual([500 + HAL_CALL_US]);
  });
});
