import { describe, expect, it } from 'vitest';
import { BURST, CONSOLE_WINDOW_BYTES, FRAME_MS, MAX_IN_FLIGHT, Outbox } from './Outbox';

const base = { simTimeUs: 0, speed: 1, state: 'running' as const };

function setup() {
  let wall = 0;
  const outbox = new Outbox(() => wall);
  return { outbox, tick: (ms: number) => (wall += ms) };
}

describe('Outbox', () => {
  it('sends at most one update per frame after a short burst, however often it is asked', () => {
    const { outbox, tick } = setup();
    let sent = 0;
    for (let ms = 0; ms < 10_000; ms += 0.5) {
      tick(0.5);
      if (outbox.canSend()) {
        outbox.take(base);
        outbox.acknowledge(0);
        sent++;
      }
    }
    expect(sent).toBeLessThanOrEqual(10_000 / FRAME_MS + BURST);
    expect(sent).toBeGreaterThan(10_000 / FRAME_MS - 2);
  });

  it('stops when the page does not acknowledge, and says how long to wait otherwise', () => {
    const { outbox, tick } = setup();
    for (let i = 0; i < MAX_IN_FLIGHT; i++) {
      tick(FRAME_MS);
      expect(outbox.canSend()).toBe(true);
      outbox.take(base);
    }
    tick(1000);
    expect(outbox.canSend()).toBe(false);
    expect(outbox.msUntilSendable()).toBeUndefined();
    outbox.acknowledge(0);
    expect(outbox.canSend()).toBe(true);

    const fresh = setup();
    for (let i = 0; i < BURST; i++) {
      fresh.outbox.take(base);
      fresh.outbox.acknowledge(0);
    }
    expect(fresh.outbox.canSend()).toBe(false);
    expect(fresh.outbox.msUntilSendable()).toBeCloseTo(FRAME_MS, 5);
    fresh.tick(FRAME_MS);
    expect(fresh.outbox.canSend()).toBe(true);
  });

  it('sends the console no more than the page has room for', () => {
    const { outbox } = setup();
    outbox.addConsole(new Uint8Array(10_000).fill(0x41));
    const first = outbox.take(base);
    expect(first.console?.bytes.length).toBe(10_000);
    outbox.addConsole(new Uint8Array(50_000).fill(0x42));
    // 10,000 bytes in flight: room for the rest of the window only.
    expect(outbox.take(base).console?.bytes.length).toBe(CONSOLE_WINDOW_BYTES - 10_000);
    outbox.acknowledge(CONSOLE_WINDOW_BYTES);
    outbox.acknowledge(CONSOLE_WINDOW_BYTES);
    expect(outbox.take(base).console).toBeUndefined();
    expect(outbox.hasOutput).toBe(true);
    outbox.acknowledge(0);
    expect(outbox.take(base).console?.bytes.length).toBe(CONSOLE_WINDOW_BYTES);
    expect(() => new Outbox(() => 0).acknowledge(0)).toThrow(/without an update/);
  });
});
