// Timer on virtual time: it measures sleeps exactly, stands still while stopped, accumulates across start/stop,
// and reset() zeroes it while it keeps running.
import { beforeAll, describe, expect, it } from 'vitest';
import { HAL_CALL_US } from '../../../src/runtime/Simulator';
import { bootFirmware, lastReport } from './sdkFirmware';

const firmware = `
#include "mbed.h"
int main() {
    Timer t;
    printf("fresh %lld\\n", (long long)t.elapsed_time().count());
    t.start();
    ThisThread::sleep_for(100ms);
    t.stop();
    printf("slept %lld\\n", (long long)t.elapsed_time().count());
    ThisThread::sleep_for(50ms);
    printf("stopped %lld\\n", (long long)t.elapsed_time().count());
    t.start();
    ThisThread::sleep_for(20ms);
    t.stop();
    printf("accumulated %lld %d %d\\n", (long long)t.elapsed_time().count(), t.read_ms(), t.read_us());
    t.start();
    t.reset();
    ThisThread::sleep_for(5ms);
    printf("reset %lld\\n", (long long)t.elapsed_time().count());
    while (true) ThisThread::sleep_for(1s);
}
`;

let serial: string;
beforeAll(async () => {
  const board = await bootFirmware(firmware);
  board.sim.runFor(1_000_000);
  serial = board.serial();
});

// Each clock read is a HAL call that costs HAL_CALL_US: sleep_for reads the clock once, stop() once.
const READS = 2 * HAL_CALL_US;

describe('Timer', () => {
  it('starts at zero', () => {
    expect(lastReport(serial, 'fresh')).toEqual([0]);
  });

  it('measures a sleep exactly', () => {
    expect(lastReport(serial, 'slept')).toEqual([100_000 + READS]);
  });

  it('stands still while stopped', () => {
    expect(lastReport(serial, 'stopped')).toEqual([100_000 + READS]);
  });

  it('accumulates across start and stop; read_ms and read_us agree', () => {
    const us = 120_000 + 2 * READS;
    expect(lastReport(serial, 'accumulated')).toEqual([us, Math.floor(us / 1000), us]);
  });

  it('restarts from zero on reset while running', () => {
    // reset() reads the clock, sleep_for once more, elapsed_time() once.
    expect(lastReport(serial, 'reset')).toEqual([5_000 + READS]);
  });
});
