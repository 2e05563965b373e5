import { beforeEach, describe, expect, it } from 'vitest';
import type { OtaStatus } from '../fleet/protocol';
import { MAX_PLOT_POINTS } from './fleetSlice';
import { figureValue } from './fleetRows';
import { useStore } from './store';

const initial = useStore.getState();

const ota = (patch: Partial<OtaStatus> = {}): OtaStatus => ({
  state: 1,
  result: 0,
  status: 'OTA: downloading',
  downloaded_bytes: 1024,
  download_size: 4096,
  etag: '0011223344556677',
  slots: [
    { version: '1.0.0+0', confirmed: true },
    { version: null, confirmed: false },
  ],
  running: '1.0.0+0',
  ...patch,
});

describe('the fleet slice', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('follows a board page through joining, connecting and a dropped session', () => {
    const s = useStore.getState();
    s.setBoardLink('online'); // before joining there is nothing to update
    expect(useStore.getState().boardFleet).toBeUndefined();
    s.setBoardFleet({ workshop: 'ws://h:8080/mqtt', link: 'joining' });
    s.setBoardFleet({ workshop: 'ws://h:8080/mqtt', deviceId: 'd-1', link: 'connecting' });
    s.setBoardLink('online');
    expect(useStore.getState().boardFleet).toEqual({ workshop: 'ws://h:8080/mqtt', deviceId: 'd-1', link: 'online' });
    s.setBoardLink('offline');
    expect(useStore.getState().boardFleet?.link).toBe('offline');
  });

  it('gives a device first heard of on the broker a row, and follows its status and last will', () => {
    const s = useStore.getState();
    s.deviceStatus('d-2', {
      online: true,
      app: 'mnist',
      version: '1.0.0+0',
      slots: [{ version: '1.0.0+0', confirmed: true }],
      state: 0,
      result: 0,
      ts: 1000,
    });
    expect(useStore.getState().fleetDevices['d-2']).toMatchObject({ online: true, app: 'mnist', lastSeen: 1000 });
    s.deviceStatus('d-2', { online: false });
    // The last will says offline and nothing else: what the device last ran and when it was seen stay.
    expect(useStore.getState().fleetDevices['d-2']).toMatchObject({
      online: false,
      app: 'mnist',
      version: '1.0.0+0',
      lastSeen: 1000,
    });
  });

  it("takes the update agent's state, result, slots and running version from its ota.status", () => {
    const s = useStore.getState();
    s.setFleetDevices([
      {
        id: 'd-3',
        online: true,
        lastSeen: 5,
        app: 'mnist',
        version: '1.0.0+0',
        slots: [],
        state: 0,
        result: 0,
        status: null,
        telemetry: {},
      },
    ]);
    s.deviceOtaStatus('d-3', ota(), 2000);
    expect(useStore.getState().fleetDevices['d-3']).toMatchObject({
      state: 1,
      status: 'OTA: downloading',
      lastSeen: 2000,
    });
    s.deviceOtaStatus(
      'd-3',
      ota({
        state: 0,
        result: 1,
        running: '1.1.0+0',
        slots: [
          { version: '1.1.0+0', confirmed: true },
          { version: '1.0.0+0', confirmed: true },
        ],
      }),
      3000,
    );
    expect(useStore.getState().fleetDevices['d-3']).toMatchObject({
      version: '1.1.0+0',
      state: 0,
      result: 1,
      slots: [
        { version: '1.1.0+0', confirmed: true },
        { version: '1.0.0+0', confirmed: true },
      ],
    });
  });

  it('keeps the last report of each type and plots the chosen figure from telemetry batches', () => {
    const s = useStore.getState();
    s.setPlot('anomaly.sample.count', []);
    s.deviceTelemetry('d-4', {
      ts: 10_000,
      reports: [
        { type: 'anomaly.sample', count: 1, value: 21.5 },
        { type: 'anomaly.sample', count: 2, value: 30.1 },
        { type: 'mnist.canvas', size: 28 },
      ],
    });
    const row = useStore.getState().fleetDevices['d-4']!;
    expect(row.telemetry['anomaly.sample']).toMatchObject({ count: 2 });
    expect(row.telemetry['mnist.canvas']).toMatchObject({ size: 28 });
    expect(useStore.getState().plotPoints).toEqual([
      { device: 'd-4', ts: 10_000, value: 1 },
      { device: 'd-4', ts: 10_000, value: 2 },
    ]);
  });

  it('keeps at most MAX_PLOT_POINTS points, dropping the oldest', () => {
    const s = useStore.getState();
    const many = Array.from({ length: MAX_PLOT_POINTS + 10 }, (_, i) => ({ device: 'd', ts: i, value: i }));
    s.setPlot('anomaly.sample.value', many);
    expect(useStore.getState().plotPoints).toHaveLength(MAX_PLOT_POINTS);
    expect(useStore.getState().plotPoints[0]!.ts).toBe(10);
  });
});

describe('a figure of a report', () => {
  it('is a finite number (or a flag as 0/1) of a report of its type', () => {
    expect(figureValue({ type: 'mnist.inference', prediction: 7 }, 'mnist.inference.prediction')).toBe(7);
    expect(figureValue({ type: 'anomaly.sample', anomaly: true }, 'anomaly.sample.anomaly')).toBe(1);
    expect(figureValue({ type: 'anomaly.sample', predicted: null }, 'anomaly.sample.predicted')).toBeUndefined();
    expect(figureValue({ type: 'anomaly.sample', value: Infinity }, 'anomaly.sample.value')).toBeUndefined();
    expect(figureValue({ type: 'mnist.model', prediction: 7 }, 'mnist.inference.prediction')).toBeUndefined();
    expect(figureValue({ type: 'x', y: 1 }, 'nodot')).toBeUndefined();
  });
});
