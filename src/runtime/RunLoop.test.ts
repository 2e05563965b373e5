import { describe, expect, it } from 'vitest';
import { RunLoop } from './RunLoop';
import { Simulator } from './Simulator';
import { compileBareFirmware } from '../toolchain/testing/compileForTest';
import type { BoardUpdate } from './worker/protocol';

const blink = `
#include "sim_abi.h"
static unsigned char buf[8192] __attribute__((aligned(16)));
SIM_EXPORT(fw_abi_version) uint32_t fw_abi_version(void) { return SIM_ABI_VERSION; }
SIM_EXPORT(fw_suspend_buffer) uint32_t fw_suspend_buffer(void) { return (uint32_t)(uintptr_t)buf; }
SIM_EXPORT(fw_suspend_buffer_size) uint32_t fw_suspend_buffer_size(void) { return sizeof buf; }
SIM_EXPORT(fw_irq) void fw_irq(uint32_t s, uint32_t a) { (void)s; (void)a; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  int on = 0;
  for (int64_t t = 0;; t += 500000) { on = !on; sim_gpio_write(SIM_PIN_LED1, on); sim_sleep_until_us(t + 500000, 0); }
}`;

/** A wall clock and timer queue the test advances by hand; each reading costs `readMs`, as host work would. */
function fakeTimers(readMs: number) {
  let now = 0;
  const queue: { at: number; fn: () => void }[] = [];
  return {
    wallNowMs: () => (now += readMs),
    schedule: (fn: () => void, delayMs: number) => queue.push({ at: now + delayMs, fn }),
    /** Advances wall time by `ms`, running due callbacks in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue[0];
        if (!next || next.at > end) break;
        queue.shift();
        now = Math.max(now, next.at);
        next.fn();
      }
      now = end;
    },
  };
}

async function setup(paused = false, readMs = 0.001) {
  const sim = await Simulator.load(await compileBareFirmware(blink));
  const timers = fakeTimers(readMs);
  const updates: BoardUpdate[] = [];
  const loop = new RunLoop(sim, timers, (u) => updates.push(u), paused);
  loop.start();
  return { sim, timers, updates, loop };
}

describe('RunLoop', () => {
  it('paces virtual time to the wall clock in real time', async () => {
    const { sim, timers, updates } = await setup();
    timers.advance(1250);
    expect(sim.clock.nowUs).toBeGreaterThanOrEqual(1_240_000);
    expect(sim.clock.nowUs).toBeLessThanOrEqual(1_250_000);
    expect(sim.board.leds.LED1.toggles).toBe(3);
    const last = updates[updates.length - 1];
    expect(last.state).toBe('running');
    expect(last.speedPct).toBeGreaterThan(90);
    expect(updates.some((u) => u.leds?.LED1 === true)).toBe(true);
  });

  it('runs ahead of the wall clock at a higher speed and in fast-forward', async () => {
    const { sim, timers, loop } = await setup(false, 0.02);
    loop.setPace({ kind: 'realtime', speed: 10 });
    timers.advance(100);
    expect(sim.clock.nowUs).toBeGreaterThanOrEqual(900_000);
    expect(Number.isInteger(sim.clock.nowUs)).toBe(true);
    loop.setPace({ kind: 'fast' });
    timers.advance(5);
    expect(sim.clock.nowUs).toBeGreaterThan(10_000_000);
  });

  it('holds still while paused and single-steps a chosen span', async () => {
    const { sim, timers, loop, updates } = await setup(true);
    timers.advance(1000);
    expect(sim.clock.nowUs).toBe(0);
    loop.step(750_000);
    timers.advance(1);
    expect(sim.clock.nowUs).toBe(750_000);
    expect(sim.board.leds.LED1.toggles).toBe(2);
    timers.advance(1000);
    expect(sim.clock.nowUs).toBe(750_000);
    expect(updates[updates.length - 1].state).toBe('paused');
    loop.resume();
    timers.advance(500);
    expect(sim.clock.nowUs).toBeGreaterThan(1_200_000);
  });

  it('pauses at a mark (the end of a trace), and a new mark after it was reached runs on (a new trace)', async () => {
    const { sim, timers, loop, updates } = await setup();
    loop.pauseAt(300_000);
    timers.advance(1000);
    expect(sim.clock.nowUs).toBe(300_000);
    expect(updates.at(-1)!.state).toBe('paused');
    loop.pauseAt(900_000);
    timers.advance(1000);
    expect(sim.clock.nowUs).toBe(900_000);
    // a pause the user asked for stays a pause whatever source comes next
    loop.resume();
    loop.pause();
    loop.pauseAt(undefined);
    timers.advance(1000);
    expect(sim.clock.nowUs).toBe(900_000);
    expect(updates.at(-1)!.state).toBe('paused');
  });
});
