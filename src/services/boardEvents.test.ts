// The board's event stream is built from the channels and the store, only while someone listens.
import { describe, expect, it } from 'vitest';
import { useStore } from '../state/store';
import { boardSnapshot, subscribeBoardEvents, type BoardEvent } from './boardEvents';
import { consoleChannel, lcdChannel, ledChannel, telemetryChannel } from './channels';

const frame = (text: string) => ({ framebuffer: new Uint8Array(512), text });

function listen(): { events: BoardEvent[]; stop: () => void } {
  const events: BoardEvent[] = [];
  return { events, stop: subscribeBoardEvents((e) => events.push(e)) };
}

describe('board events', () => {
  it('does not replay what happened before it listened', () => {
    lcdChannel.emit(frame('Predicted: 3'));
    telemetryChannel.emit({ type: 'anomaly.sample', t_us: 1, value: 20 } as never);
    const { events, stop } = listen();
    expect(events).toEqual([]);
    expect(boardSnapshot().lcd).toBe('Predicted: 3');
    stop();
  });

  it('reports LCD text changes only, LED edges with their time, serial text and telemetry', () => {
    lcdChannel.emit(frame('a'));
    const { events, stop } = listen();
    lcdChannel.emit(frame('a'));
    lcdChannel.emit(frame('b'));
    ledChannel.emit({ name: 'LED2', on: true, timeUs: 250_000 });
    consoleChannel.write(new TextEncoder().encode('hi\n'));
    const scores = [0.1, 0.9, 0, 0, 0, 0, 0, 0, 0, 0];
    telemetryChannel.emit({ type: 'mnist.inference', prediction: 1, scores, source: 'touch', time_us: 9 } as never);
    telemetryChannel.emit({ type: 'anomaly.sample', t_us: 5, value: 30, lo: 19, hi: 21, anomaly: true } as never);
    expect(events).toEqual([
      { type: 'lcd', text: 'b' },
      { type: 'led', name: 'LED2', on: true, timeUs: 250_000 },
      { type: 'serial', text: 'hi\n' },
      { type: 'inference', digit: 1, scores, source: 'touch', timeUs: 9 },
      { type: 'anomaly', value: 30, lo: 19, hi: 21, anomaly: true, timeUs: 5 },
    ]);
    stop();
  });

  it('reports run state, faults and builds from the store', () => {
    const { events, stop } = listen();
    const store = useStore.getState();
    store.setRunInfo({ status: 'running', simTimeUs: 10, speed: 1 });
    store.setRunInfo({ status: 'running', simTimeUs: 20, speed: 1 });
    store.setRunInfo({ status: 'faulted', simTimeUs: 30, speed: 0, fault: { kind: 'trap', message: 'boom' } });
    store.startBuild('blinky');
    expect(events).toEqual([
      expect.objectContaining({ type: 'state', status: 'running', simTimeUs: 10 }),
      expect.objectContaining({ type: 'state', status: 'faulted', simTimeUs: 30 }),
      { type: 'fault', fault: { kind: 'trap', message: 'boom' } },
      expect.objectContaining({ type: 'build', phase: 'running' }),
    ]);
    stop();
  });

  it('reports the memory the model needs against every board profile', () => {
    const { events, stop } = listen();
    useStore.getState().setFirmwareCodeBytes(100_000);
    const totals = {
      flash_model_bytes: 110_000,
      static_ram_bytes: 40_000,
      stack_high_water: 2_000,
      heap_high_water: 0,
    };
    telemetryChannel.emit({ type: 'mnist.model', totals } as never);
    const memory = events.find((e) => e.type === 'memory');
    expect(memory).toMatchObject({ codeBytes: 100_000, targetBoard: 'disco-f413zh' });
    expect(memory?.type === 'memory' && memory.fits['disco-f413zh'].flash).toEqual({
      needed: 210_000,
      available: 1536 * 1024,
      fits: true,
    });
    expect(boardSnapshot().memory?.fits).toEqual(memory?.type === 'memory' && memory.fits);
    stop();
  });

  it('gives the update agent’s last report in the snapshot, in the shape of its event', () => {
    telemetryChannel.emit({
      type: 'ota.status',
      state: 0,
      result: 1,
      status: 'OTA: idle',
      running: '1.1.0+0',
    } as never);
    expect(boardSnapshot().ota).toEqual({ type: 'ota', state: 0, result: 1, status: 'OTA: idle', running: '1.1.0+0' });
  });

  it('reports the memory again when the board the panels compare with changes', () => {
    telemetryChannel.emit({ type: 'mnist.model', totals: { flash_model_bytes: 1, static_ram_bytes: 1 } } as never);
    const { events, stop } = listen();
    useStore.getState().setTargetBoard('nucleo-l053r8');
    expect(events).toEqual([expect.objectContaining({ type: 'memory', targetBoard: 'nucleo-l053r8' })]);
    stop();
  });

  it('stops listening to the board when the last listener leaves', () => {
    const a = listen();
    const b = listen();
    a.stop();
    lcdChannel.emit(frame('still'));
    b.stop();
    lcdChannel.emit(frame('gone'));
    expect(a.events).toEqual([]);
    expect(b.events).toEqual([{ type: 'lcd', text: 'still' }]);
  });
});
