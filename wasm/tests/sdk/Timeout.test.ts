// Timeout on virtual time: fires once, at the exact virtual microsecond; detach() before expiry cancels it; the
// handler may attach it again.
import { beforeAll, describe, expect, it } from 'vitest';
import { HAL_CALL_US } from '../../../src/runtime/Simulator';
import { bootFirmware, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
DigitalOut led1(LED1), led2(LED2), led3(LED3);
Timeout once, cancelled, again;
int again_count = 0;
void on_once() { led1 = 1; }
void on_cancelled() { led2 = 1; }
void on_again() {
    led3 = !led3;
    if (++again_count < 3) again.attach(&on_again, 100ms);
}
int main() {
    ThisThread::sleep_until(Kernel::Clock::time_point(1s));
    once.attach(&on_once, 250ms);
    cancelled.attach(&on_cancelled, 100ms);
    cancelled.detach();
    again.attach(&on_again, 100ms);
    while (true) ThisThread::sleep_for(10s);
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
});

describe('Timeout', () => {
  it('fires once, at the exact virtual microsecond', () => {
    const { sim } = board;
    // attach() reads the clock (one HAL call) at 1 s, so the deadline is 1 s + 1 µs + 250 ms.
    const deadline = 1_000_000 + HAL_CALL_US + 250_000;
    sim.runUntil(deadline - 1);
    expect(sim.clock.nowUs).toBe(deadline - 1);
    expect(sim.board.leds.LED1.isOn).toBe(false);
    sim.runUntil(deadline);
    expect(sim.board.leds.LED1.isOn).toBe(true);
    sim.runFor(3_000_000);
    expect(board.ledChanges.LED1).toEqual([deadline + HAL_CALL_US]); // once; the LED write is a HAL call too
  });

  it('does not fire after detach', () => {
    expect(board.ledChanges.LED2).toEqual([]);
  });

  it('can be attached again from its own handler', () => {
    const t = board.ledChanges.LED3;
    expect(t).toHaveLength(3);
    expect(t[1] - t[0]).toBe(100_000 + 2 * HAL_CALL_US); // re-attached after the handler's LED write + clock read
    expect(t[2] - t[1]).toBe(100_000 + 2 * HAL_CALL_US);
  });
});
