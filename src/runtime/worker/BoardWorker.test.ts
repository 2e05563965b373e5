// The firmware worker's logic without a worker: load, messages before and after, acknowledgements, bad modules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoardWorker } from './BoardWorker';
import type { FromFirmwareWorker } from './protocol';

const buttonLcd = () =>
  new Uint8Array(readFileSync(new URL('../../../public/firmware/button_lcd.wasm', import.meta.url))).buffer;

function setup() {
  const posted: { m: FromFirmwareWorker; transfer: Transferable[] }[] = [];
  const queue: (() => void)[] = [];
  const worker = new BoardWorker((m, transfer) => posted.push({ m, transfer }), {
    wallNowMs: () => performance.now(),
    schedule: (fn) => queue.push(fn),
  });
  const runQueued = (n: number) => {
    for (let i = 0; i < n && queue.length; i++) queue.shift()!();
  };
  return { worker, posted, runQueued };
}

describe('BoardWorker', () => {
  it('handles messages that arrive before the firmware is loaded once it is, and transfers update buffers', async () => {
    const { worker, posted, runQueued } = setup();
    const loading = worker.receive({ type: 'load', wasm: buttonLcd() });
    await worker.receive({ type: 'pace', mode: { kind: 'fast' } });
    await worker.receive({ type: 'button', name: 'BUTTON1', pressed: true });
    await loading;
    expect(worker.runLoop!.pacer.paceMode).toEqual({ kind: 'fast' });
    expect(worker.simulator!.board.buttons.BUTTON1.isPressed).toBe(true);
    runQueued(20);
    const updates = posted.filter((p) => p.m.type === 'update');
    expect(updates.length).toBeGreaterThan(0);
    const withLcd = updates.find((p) => p.m.type === 'update' && p.m.lcd);
    expect(withLcd?.transfer.length).toBeGreaterThan(0);
    expect(worker.runLoop!.flowStats.unacknowledged).toBe(updates.length);
    await worker.receive({ type: 'ack', consoleBacklogBytes: 0 });
    expect(worker.runLoop!.flowStats.unacknowledged).toBe(updates.length - 1);
  });

  it('reports a module it cannot load', async () => {
    const { worker, posted } = setup();
    await worker.receive({ type: 'load', wasm: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]).buffer });
    expect(posted.map((p) => p.m.type)).toEqual(['loadError']);
  });
});
