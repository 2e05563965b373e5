// Ticker on virtual time: the period is exact and does not drift (it re-arms from its previous deadline, however
// long the handler takes), and detach() stops it, also from inside its own handler.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootFirmware, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
DigitalOut led1(LED1), led2(LED2);
Ticker steady, slow;
int slow_ticks = 0;
void on_steady() { led1 = !led1; }
void on_slow() {
    led2 = !led2;
    wait_us(3000);  // a handler that takes 3 ms of a 10 ms period
    if (++slow_ticks == 5) slow.detach();
}
int main() {
    ThisThread::sleep_until(Kernel::Clock::time_point(1s));
    steady.attach(&on_steady, 250ms);
    slow.attach(&on_slow, 10ms);
    ThisThread::sleep_for(2100ms);
    steady.detach();
    printf("detached\\n");
    while (true) ThisThread::sleep_for(1s);
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
  board.sim.runFor(5_000_000);
});

const gaps = (t: number[]) => t.slice(1).map((v, i) => v - t[i]);

describe('Ticker', () => {
  it('calls its handler every period, exactly', () => {
    const ticks = board.ledChanges.LED1;
    expect(ticks).toHaveLength(8); // 2.1 s of 250 ms periods, then detached
    expect(gaps(ticks)).toEqual(Array(7).fill(250_000));
    expect(ticks[0] - 1_000_000).toBeGreaterThanOrEqual(250_000);
    expect(ticks[0] - 1_000_000).toBeLessThan(250_010); // the attach and the handler's own HAL calls
  });

  it('does not drift when the handler takes time', () => {
    expect(gaps(board.ledChanges.LED2)).toEqual(Array(4).fill(10_000));
  });

  it('stops on detach, from the main thread or from its own handler', () => {
    expect(board.serial()).toContain('detached');
    expect(board.ledChanges.LED2).toHaveLength(5);
    expect(board.ledChanges.LED1.at(-1)).toBeLessThan(3_100_000);
    expect(board.sim.runState).toBe('running');
  });
});
