// The run loop on real firmware, on virtual time and an injected wall clock: pacing, pause and step, and the flow
// of updates to a page that acknowledges them (or does not).
import { describe, expect, it } from 'vitest';
import { BURST, CONSOLE_KEEP_BYTES, FRAME_MS, MAX_IN_FLIGHT } from './flow/Outbox';
import { LED_EDGES_KEPT, RunLoop } from './RunLoop';
import { Simulator } from './Simulator';
import { compileBareFirmware } from '../toolchain/testing/compileForTest';
import type { BoardUpdate } from './types';

const prelude = `
#include <stdio.h>
#include "sim_abi.h"
static unsigned char buf[8192] __attribute__((aligned(16)));
SIM_EXPORT(fw_abi_version) uint32_t fw_abi_version(void) { return SIM_ABI_VERSION; }
SIM_EXPORT(fw_suspend_buffer) uint32_t fw_suspend_buffer(void) { return (uint32_t)(uintptr_t)buf; }
SIM_EXPORT(fw_suspend_buffer_size) uint32_t fw_suspend_buffer_size(void) { return sizeof buf; }
`;

const blink = `${prelude}
SIM_EXPORT(fw_irq) void fw_irq(uint32_t s, uint32_t a) { (void)s; (void)a; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  int on = 0;
  for (int64_t t = 0;; t += 500000) { on = !on; sim_gpio_write(SIM_PIN_LED1, on); sim_sleep_until_us(t + 500000, 0); }
}`;

/** A beginner's print loop, with LEDs and telemetry for good measure. */
const flood = `${prelude}
SIM_EXPORT(fw_irq) void fw_irq(uint32_t s, uint32_t a) { (void)s; (void)a; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char json[96];
  for (unsigned i = 0;; i++) {
    printf("line %u\\n", i);
    sim_gpio_write(SIM_PIN_LED1, i & 1);
    int n = snprintf(json, sizeof json, "{\\"type\\":\\"x.sample\\",\\"i\\":%u}", i);
    sim_telemetry(json, (uint32_t)n);
  }
}`;

/** 10 MB of output in one burst, then a final line, then nothing but waiting for input. */
const burst = `${prelude}
SIM_EXPORT(fw_irq) void fw_irq(uint32_t s, uint32_t a) { (void)s; (void)a; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (unsigned i = 0; i < 1000000; i++) printf("line %07u\\n", i);
  printf("the final line\\n");
  for (;;) sim_sleep_until_us(INT64_MAX, 1);
}`;
const BURST_BYTES = 1_000_000 * 13 + 'the final line\n'.length;

/** A 1 µs Ticker whose handler calls the HAL (as Mbed's Ticker re-arms: from the previous deadline), for 2 s. */
const ticker = `${prelude}
static int64_t deadline = 1;
static int on;
SIM_EXPORT(fw_irq) void fw_irq(uint32_t source, uint32_t arg) {
  if (source != SIM_IRQ_ALARM) return;
  deadline += 1;
  if (deadline < 2000000) sim_alarm_set(arg, deadline);
  on = !on;
  sim_gpio_write(SIM_PIN_LED1, on);
}
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  sim_alarm_set(0, deadline);
  for (;;) sim_sleep_until_us(INT64_MAX, 1);
}`;

/** Like the MNIST demo: an event loop that waits for input with nothing scheduled. */
const waiter = `${prelude}
SIM_EXPORT(fw_irq) void fw_irq(uint32_t s, uint32_t a) { (void)s; (void)a; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  for (;;) sim_sleep_until_us(INT64_MAX, 1);
}`;

/** A wall clock and timer queue the test advances by hand; each reading costs `readMs`, as host work would. */
function fakeTimers(readMs: number) {
  let now = 0;
  const queue: { at: number; fn: () => void }[] = [];
  return {
    wallNowMs: () => (now += readMs),
    /** The wall clock without the cost of a reading. */
    peekMs: () => now,
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

/**
 * The page: records updates and, unless told not to, acknowledges each one a frame later, reporting a console
 * that draws instantly.
 */
async function setup(source = blink, opts: { readMs?: number; ack?: boolean } = {}) {
  const timers = fakeTimers(opts.readMs ?? 0.001);
  // The simulator's slice budget reads the same clock, so the machine's load cannot change what the loop sees.
  const sim = await Simulator.load(await compileBareFirmware(source), { wallNowMs: timers.wallNowMs });
  const updates: BoardUpdate[] = [];
  const loop: RunLoop = new RunLoop(sim, timers, (u) => {
    updates.push(u);
    if (opts.ack !== false) timers.schedule(() => loop.acknowledge(0), 16);
  });
  return { sim, timers, updates, loop };
}

const consoleText = (updates: BoardUpdate[]) => updates.map((u) => new TextDecoder().decode(u.console?.bytes)).join('');

/** Spins from its first instruction without calling the HAL. */
const spinner = `${prelude}
SIM_EXPORT(fw_irq) void fw_irq(uint32_t s, uint32_t a) { (void)s; (void)a; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  for (volatile unsigned i = 0;; i++) {}
}`;

describe('RunLoop pacing', () => {
  it('announces the board running before the firmware starts, so a spin from the start shows as busy', async () => {
    const { updates, loop } = await setup(spinner);
    loop.start(); // the firmware runs from the first timer tick, which this test never lets happen
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ state: 'running', simTimeUs: 0 });
  });

  it('paces virtual time to the wall clock in real time', async () => {
    const { sim, timers, updates, loop } = await setup();
    loop.start();
    timers.advance(1250);
    expect(sim.clock.nowUs).toBeGreaterThanOrEqual(1_240_000);
    expect(sim.clock.nowUs).toBeLessThanOrEqual(1_250_000);
    expect(sim.board.leds.LED1.toggles).toBe(3);
    const last = updates[updates.length - 1];
    expect(last.state).toBe('running');
    expect(last.speed).toBeGreaterThan(0.9);
    expect(updates.some((u) => u.leds?.LED1 === true)).toBe(true);
  });

  it('runs ahead of the wall clock at a higher speed and in fast-forward', async () => {
    const { sim, timers, loop } = await setup(blink, { readMs: 0.02 });
    loop.start();
    loop.setPace({ kind: 'realtime', speed: 10 });
    timers.advance(100);
    expect(sim.clock.nowUs).toBeGreaterThanOrEqual(900_000);
    expect(Number.isInteger(sim.clock.nowUs)).toBe(true);
    loop.setPace({ kind: 'fast' });
    timers.advance(5);
    expect(sim.clock.nowUs).toBeGreaterThan(10_000_000);
  });

  it('stamps every LED change with its virtual time, also when one update carries several', async () => {
    const { timers, loop, updates } = await setup();
    loop.setPace({ kind: 'realtime', speed: 100 });
    loop.start();
    timers.advance(200);
    const edges = updates.flatMap((u) => u.ledEdges ?? []);
    expect(edges.length).toBeGreaterThan(30);
    expect(updates.some((u) => (u.ledEdges?.length ?? 0) > 1)).toBe(true);
    // Each HAL call costs the firmware a microsecond of virtual time, so a toggle lands just after its period.
    edges.forEach((e, i) => {
      expect(e).toMatchObject({ name: 'LED1', on: i % 2 === 0 });
      expect(e.timeUs - i * 500_000).toBeGreaterThanOrEqual(0);
      expect(e.timeUs - i * 500_000).toBeLessThan(10);
    });
  });

  it('keeps only the newest LED changes when the firmware toggles faster than the page takes updates', async () => {
    const { timers, loop, updates } = await setup(blink, { readMs: 0.02 });
    loop.setPace({ kind: 'fast' });
    loop.start();
    timers.advance(20);
    const longest = Math.max(...updates.map((u) => u.ledEdges?.length ?? 0));
    expect(longest).toBe(LED_EDGES_KEPT);
  });

  it('×100 means ×100 when the host keeps up', async () => {
    const { sim, timers, loop, updates } = await setup();
    loop.setPace({ kind: 'realtime', speed: 100 });
    loop.start();
    timers.advance(3000);
    expect(sim.clock.nowUs / 1e6).toBeGreaterThan(295);
    expect(sim.clock.nowUs / 1e6).toBeLessThanOrEqual(300);
    expect(updates[updates.length - 1].speed).toBeCloseTo(100, -1);
  });

  it('holds still while paused and single-steps a chosen span', async () => {
    const { sim, timers, loop, updates } = await setup();
    loop.pause();
    loop.start();
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
    loop.start();
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

  it('a 1 µs Ticker whose handler calls the HAL does not exceed the set speed, and Pause pauses it', async () => {
    const { sim, timers, loop, updates } = await setup(ticker, { readMs: 0.0001 });
    loop.start();
    timers.advance(500);
    expect(sim.clock.nowUs).toBeGreaterThan(400_000);
    expect(sim.clock.nowUs).toBeLessThanOrEqual(501_000);
    loop.pause();
    const pausedAt = sim.clock.nowUs;
    timers.advance(500);
    expect(sim.clock.nowUs).toBe(pausedAt);
    expect(updates[updates.length - 1].state).toBe('paused');
  });

  it('in fast-forward, a firmware waiting for input lets time pass at ×100, not slower and not to the end of time', async () => {
    const { sim, timers, loop, updates } = await setup(waiter);
    loop.setPace({ kind: 'fast' });
    loop.start();
    timers.advance(2000);
    expect(sim.clock.nowUs).toBeGreaterThan(150_000_000);
    expect(sim.clock.nowUs).toBeLessThanOrEqual(200_000_000);
    const ffEndUs = sim.clock.nowUs;
    loop.setPace({ kind: 'realtime', speed: 1 });
    timers.advance(1000);
    expect(updates[updates.length - 1].simTimeUs).toBeLessThanOrEqual(ffEndUs + 1_000_000);
  });
});

describe('RunLoop flow to the page', () => {
  it('sends at most ~60 updates per wall second whatever the firmware does', async () => {
    const { timers, loop, updates } = await setup(flood, { readMs: 0.05 });
    loop.setPace({ kind: 'fast' });
    loop.start();
    timers.advance(2000);
    // Wall time as the loop saw it (each reading costs a little): one update per frame after the burst, give or
    // take the one a frame boundary rounds in.
    expect(updates.length).toBeLessThanOrEqual(BURST + 1 + timers.peekMs() / FRAME_MS);
    expect(updates.length).toBeGreaterThan(60);
    // Everything the firmware did is there, coalesced: console lines, LED state, thinned telemetry.
    expect(consoleText(updates)).toMatch(/line \d+\n/);
    expect(updates.some((u) => u.leds)).toBe(true);
    expect(Math.max(...updates.map((u) => u.telemetry?.length ?? 0))).toBeLessThanOrEqual(200);
  });

  it('keeps no unbounded queue when the page does not acknowledge', async () => {
    const { timers, loop, updates } = await setup(flood, { readMs: 0.5, ack: false });
    loop.setPace({ kind: 'fast' });
    loop.start();
    timers.advance(500);
    expect(updates.length).toBe(MAX_IN_FLIGHT);
    expect(loop.flowStats.unacknowledged).toBe(MAX_IN_FLIGHT);
    expect(loop.flowStats.bufferedBytes).toBeLessThanOrEqual(CONSOLE_KEEP_BYTES + 200 * 64);
  });

  it('reports dropped output with a byte count, and the final line survives', async () => {
    const { timers, loop, updates } = await setup(burst);
    loop.setPace({ kind: 'fast' });
    loop.start();
    timers.advance(3000);
    const text = consoleText(updates);
    const dropped = updates.reduce((n, u) => n + (u.console?.droppedBytes ?? 0), 0);
    expect(dropped).toBeGreaterThan(0);
    expect(text.length + dropped).toBe(BURST_BYTES);
    expect(text.endsWith('line 0999999\nthe final line\n')).toBe(true);
    expect(
      text
        .split('\n')
        .slice(0, -2)
        .every((l) => /^line \d{7}$/.test(l)),
    ).toBe(true);
  });
});
