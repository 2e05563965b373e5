// The campaign engine on a real store (SQLite in a temporary file) with the clock in the test's hands: rollout
// rates (per minute, exponential), timeouts, abort criteria, how an update agent's final report settles an
// execution, and a second engine on the same file going on where the first stopped.
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignRequest, OtaCommand, OtaStatus } from '../src/fleet/protocol';
import { CampaignEngine, settle } from './campaigns';
import { tempDataDir } from './fleetTesting';
import { FleetStore } from './store';

const ETAG = '0123456789abcdef';
let store: FleetStore;
let file: string;
let nowMs: number;
let sent: { device: string; command: OtaCommand }[];
let engine: CampaignEngine;

const newEngine = () =>
  new CampaignEngine(store, {
    send: (device, command) => sent.push({ device, command }),
    now: () => nowMs,
    log: () => {},
  });

function addDevices(n: number, online = true): string[] {
  const ids = Array.from({ length: n }, (_, i) => `d-${i}`);
  for (const id of ids) {
    store.addDevice(id, `token-${id}`, nowMs);
    store.updateDevice(id, { online }, nowMs);
  }
  return ids;
}

const request = (over: Partial<CampaignRequest> = {}): CampaignRequest => ({
  imageId: 'i-1',
  target: 'all',
  rate: { kind: 'perMinute', max: 100 },
  abort: { failurePct: 50, minExecutions: 4 },
  timeoutSeconds: 3600,
  ...over,
});

const report = (result: number, running: string, execution: string, over: Partial<OtaStatus> = {}): OtaStatus => ({
  state: 0,
  result,
  status: 'OTA: …',
  downloaded_bytes: 10,
  download_size: 10,
  etag: ETAG,
  slots: [
    { version: running, confirmed: true },
    { version: null, confirmed: false },
  ],
  running,
  execution,
  ...over,
});

/** The executions offered so far (in order) and the agent's answer for each. */
const offers = () =>
  sent.filter((s) => s.command.op === 'offer').map((s) => s.command as Extract<OtaCommand, { op: 'offer' }>);

beforeEach(() => {
  file = join(tempDataDir(), 'fleet.sqlite');
  store = new FleetStore(file);
  nowMs = 1_000_000;
  sent = [];
  store.addImage({
    id: 'i-1',
    target: 'mnist',
    version: '1.1.0+0',
    size: 3,
    etag: ETAG,
    source: 'builtin',
    label: 'test',
    createdAt: nowMs,
    bytes: Uint8Array.of(1, 2, 3),
  });
  engine = newEngine();
});

describe('settle', () => {
  it('names the execution state an agent report ends in, and none for a report that is not final', () => {
    expect(settle(report(1, '1.1.0+0', 'e'), '1.1.0+0')).toBe('SUCCEEDED');
    expect(settle(report(1, '1.0.0+0', 'e'), '1.1.0+0')).toBe('FAILED'); // success, but not running it
    expect(settle(report(8, '1.0.0+0', 'e'), '1.1.0+0')).toBe('FAILED'); // self-test failed, reverted
    expect(settle(report(5, '1.0.0+0', 'e'), '1.1.0+0')).toBe('FAILED');
    expect(settle(report(6, '1.0.0+0', 'e'), '1.1.0+0')).toBe('REJECTED');
    const rollback = report(8, '1.0.0+0', 'e', {
      slots: [
        { version: '1.0.0+0', confirmed: true, check: 'verified' },
        { version: '0.9.0+0', confirmed: false, check: 'securityCounterTooLow' },
      ],
    });
    expect(settle(rollback, '0.9.0+0')).toBe('REJECTED');
    expect(settle(report(10, '1.0.0+0', 'e'), '1.1.0+0')).toBe('CANCELED');
    expect(settle(report(4, '1.0.0+0', 'e'), '1.1.0+0')).toBeUndefined(); // connection lost: resumes
    expect(settle(report(0, '1.0.0+0', 'e'), '1.1.0+0')).toBeUndefined();
    expect(settle(report(1, '1.1.0+0', 'e', { state: 3 }), '1.1.0+0')).toBeUndefined(); // still updating
  });
});

describe('CampaignEngine', () => {
  it('starts at most the per-minute rate, only on online devices, and more as the minute passes', () => {
    addDevices(5);
    store.addDevice('d-off', 't', nowMs);
    const c = engine.create(request({ rate: { kind: 'perMinute', max: 2 } }));
    if (typeof c === 'string') throw new Error(c);
    expect(c.counts).toMatchObject({ inProgress: 2, queued: 4 });
    expect(offers().map((o) => o.etag)).toEqual([ETAG, ETAG]);
    nowMs += 59_000;
    engine.tick();
    expect(engine.summary(c.id)!.counts.inProgress).toBe(2);
    nowMs += 2_000;
    engine.tick();
    expect(engine.summary(c.id)!.counts).toMatchObject({ inProgress: 4, queued: 2 });
    nowMs += 61_000;
    engine.tick();
    // d-off stays queued until it comes online.
    expect(engine.summary(c.id)!.counts.queued).toBe(1);
    store.updateDevice('d-off', { online: true }, nowMs);
    engine.deviceOnline('d-off');
    expect(engine.summary(c.id)!.counts.queued).toBe(0);
  });

  it('grows an exponential rate by its factor each time as many executions as the rate succeeded', () => {
    addDevices(12);
    const c = engine.create(request({ rate: { kind: 'exponential', base: 1, factor: 2 } }));
    if (typeof c === 'string') throw new Error(c);
    const succeedAll = () => {
      for (const o of offers())
        engine.otaStatus(store.execution(o.execution)!.device, report(1, '1.1.0+0', o.execution));
    };
    const started = () => 12 - engine.summary(c.id)!.counts.queued;
    expect(started()).toBe(1);
    succeedAll(); // 1 succeeded: the rate doubles to 2 per minute (1 already started this minute)
    expect(started()).toBe(2);
    nowMs += 61_000;
    engine.tick();
    succeedAll(); // the third success is 2 more than at the last increase: 4 per minute, 2 of them already started
    expect(started()).toBe(6);
  });

  it('times out an execution without a final result and cancels it on the device', () => {
    const [d] = addDevices(1);
    const c = engine.create(request({ timeoutSeconds: 30 }));
    if (typeof c === 'string') throw new Error(c);
    nowMs += 29_000;
    engine.tick();
    expect(engine.summary(c.id)!.counts.inProgress).toBe(1);
    nowMs += 2_000;
    engine.tick();
    expect(engine.summary(c.id)).toMatchObject({ state: 'COMPLETED', counts: { timedOut: 1 } });
    expect(sent.at(-1)).toEqual({ device: d, command: { op: 'cancel', campaign: c.id } });
  });

  it('aborts once the failure percentage is reached after the minimum executions, cancelling the rest', () => {
    addDevices(6);
    const c = engine.create(request({ abort: { failurePct: 50, minExecutions: 4 } }));
    if (typeof c === 'string') throw new Error(c);
    const [a, b, d, e] = offers();
    const on = (o: typeof a) => store.execution(o!.execution)!.device;
    engine.otaStatus(on(a), report(8, '1.0.0+0', a!.execution));
    engine.otaStatus(on(b), report(8, '1.0.0+0', b!.execution));
    engine.otaStatus(on(d), report(1, '1.1.0+0', d!.execution));
    // 2 of 3 failed, but fewer than 4 executions are terminal: it goes on.
    expect(engine.summary(c.id)!.state).toBe('IN_PROGRESS');
    engine.otaStatus(on(e), report(1, '1.1.0+0', e!.execution));
    expect(engine.summary(c.id)).toMatchObject({
      state: 'ABORTED',
      counts: { failed: 2, succeeded: 2, canceled: 2, inProgress: 0 },
      reason: '2 of 4 executions failed (abort at 50 % after 4)',
    });
    expect(sent.filter((s) => s.command.op === 'cancel').length).toBe(2);
  });

  it('ignores reports about another ETag, another device or a settled execution', () => {
    const [d0, d1] = addDevices(2);
    const c = engine.create(request());
    if (typeof c === 'string') throw new Error(c);
    const [first] = offers();
    const mine = store.execution(first!.execution)!.device;
    const other = mine === d0 ? d1! : d0!;
    engine.otaStatus(mine, report(1, '1.1.0+0', first!.execution, { etag: 'ffffffffffffffff' }));
    engine.otaStatus(other, report(1, '1.1.0+0', first!.execution));
    expect(engine.summary(c.id)!.counts.succeeded).toBe(0);
    engine.otaStatus(mine, report(1, '1.1.0+0', first!.execution));
    engine.otaStatus(mine, report(8, '1.0.0+0', first!.execution));
    expect(engine.summary(c.id)!.counts).toMatchObject({ succeeded: 1, failed: 0 });
  });

  it('refuses an unknown image, unknown devices and an empty fleet', () => {
    expect(engine.create(request({ imageId: 'i-none' }))).toBe('no image i-none');
    expect(engine.create(request())).toBe('no devices to target');
    addDevices(1);
    expect(engine.create(request({ target: ['d-0', 'd-9'] }))).toBe('unknown devices: d-9');
  });

  it('goes on where it stopped when a new engine opens the same file (a restarted manager)', () => {
    addDevices(3);
    const c = engine.create(request({ rate: { kind: 'perMinute', max: 1 } }));
    if (typeof c === 'string') throw new Error(c);
    const [first] = offers();
    store.close();
    store = new FleetStore(file);
    engine = newEngine();
    sent = [];
    // The device that had the offer comes back: it gets it again, and the minute's budget is still spent.
    const device = store.execution(first!.execution)!.device;
    engine.deviceOnline(device);
    expect(offers().map((o) => o.execution)).toEqual([first!.execution]);
    expect(engine.summary(c.id)!.counts).toMatchObject({ inProgress: 1, queued: 2 });
  });
});
