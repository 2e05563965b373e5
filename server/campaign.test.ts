// A workshop server on 127.0.0.1 with real simulated boards (the MNIST firmware and its update agent) as devices:
// a campaign reaches SUCCEEDED on every board; a failing self-test image makes the boards revert and the abort
// threshold stops the campaign; a board whose connection drops mid-download resumes; the rollout rate holds
// executions back; cancel withdraws offers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mnistImage } from '../src/ml/deploy/mnistImage';
import type { Int8MlpArtefact } from '../src/ml/mlp/int8Mlp';
import type { CampaignSummary, ImageRow } from '../src/fleet/protocol';
import { factorySigner } from '../scripts/factorySigner';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware, type AppFirmware } from './headlessBoard';
import { campaign, campaignRequest, devices, startTestFleet, type TestFleet } from './fleetTesting';

const POLL = { timeout: 60_000, interval: 100 };

let fleet: TestFleet;
let firmware: AppFirmware;
let farm: BoardFarm;
let builtin: ImageRow;
const deviceLogs: string[] = [];

async function addBoard(): Promise<HeadlessBoard> {
  const join = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
  const board = farm.add(
    await HeadlessBoard.start(firmware, join, { reconnectMs: 200, log: (m) => deviceLogs.push(m) }),
  );
  await expect.poll(async () => (await devices(fleet)).find((d) => d.id === board.id)?.online, POLL).toBe(true);
  return board;
}

/** A factory-signed MNIST image whose carried self-test outputs are wrong: every board reverts it. */
async function failingImage(minor: number): Promise<Uint8Array> {
  const artefact = JSON.parse(readFileSync('src/ml/mnist/model.json', 'utf8')) as Int8MlpArtefact;
  const digits = [new Uint8Array(28 * 28).fill(200), new Uint8Array(28 * 28)];
  return mnistImage(
    {
      artefact,
      selfTestDigits: digits,
      version: { major: 1, minor, revision: 0, build: 0 },
      securityCounter: 1,
      failingSelfTest: true,
    },
    factorySigner(),
  );
}

async function settled(id: string): Promise<CampaignSummary> {
  await expect.poll(async () => (await campaign(fleet, id)).state, POLL).not.toBe('IN_PROGRESS');
  return campaign(fleet, id);
}

beforeAll(async () => {
  fleet = await startTestFleet();
  firmware = await loadAppFirmware('mnist');
  farm = new BoardFarm(50);
  builtin = (await fleet.api<ImageRow[]>('GET', '/api/images')).body.find((i) => i.target === 'mnist')!;
});

afterAll(async () => {
  await farm?.close();
  await fleet?.server.close();
});

describe('a campaign on real simulated boards', () => {
  let boards: HeadlessBoard[];

  it('each board joins, boots its factory model and is listed online with its version', async () => {
    boards = [await addBoard(), await addBoard()];
    await expect
      .poll(async () => (await devices(fleet)).map((d) => [d.online, d.app, d.version]), POLL)
      .toEqual([
        [true, 'mnist', '1.0.0+0'],
        [true, 'mnist', '1.0.0+0'],
      ]);
    // The firmware hears its network interface come up (NetworkInterface's status callback).
    for (const b of boards)
      await expect
        .poll(() => b.serial, POLL)
        .toContain(`Network: connected to workshop ${fleet.server.workshop.id}, device ${b.id}`);
  });

  it('reaches SUCCEEDED on every board, which then runs the re-issued model', async () => {
    const created = await fleet.api<CampaignSummary>('POST', '/api/campaigns', campaignRequest(builtin.id));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'IN_PROGRESS', total: 2, version: '1.1.0+0' });
    const done = await settled(created.body.id);
    expect(done).toMatchObject({ state: 'COMPLETED', counts: { succeeded: 2, failed: 0, queued: 0, inProgress: 0 } });
    for (const b of boards) {
      expect(b.lastOta).toMatchObject({ running: '1.1.0+0', result: 1 });
      expect(b.lastOta!.slots[0]).toMatchObject({ version: '1.1.0+0', confirmed: true });
    }
    expect((await devices(fleet)).map((d) => d.version)).toEqual(['1.1.0+0', '1.1.0+0']);
    // The retained campaign list carries the same counts.
    await expect
      .poll(() => fleet.server.store.db.prepare("SELECT state FROM executions WHERE state = 'SUCCEEDED'").all().length)
      .toBe(2);
  });

  it('is aborted by its threshold when boards fail the self-test, and the boards keep their model', async () => {
    const more = [await addBoard(), await addBoard()];
    const upload = await fleet.api<ImageRow>('POST', '/api/images', await failingImage(2));
    expect(upload.status).toBe(201);
    const created = await fleet.api<CampaignSummary>(
      'POST',
      '/api/campaigns',
      campaignRequest(upload.body.id, {
        rate: { kind: 'perMinute', max: 2 },
        abort: { failurePct: 50, minExecutions: 2 },
      }),
    );
    expect(created.body.total).toBe(4);
    const done = await settled(created.body.id);
    expect(done.state).toBe('ABORTED');
    expect(done.counts.failed).toBe(2);
    expect(done.counts.canceled).toBe(2);
    expect(done.counts.succeeded).toBe(0);
    expect(done.reason).toMatch(/2 of 2 executions failed/);
    const failedOn = (
      await fleet.api<{ executions: { device: string; state: string; status: string }[] }>(
        'GET',
        `/api/campaigns/${created.body.id}`,
      )
    ).body.executions.filter((e) => e.state === 'FAILED');
    for (const e of failedOn) {
      const b = [...boards, ...more].find((x) => x.id === e.device)!;
      expect(b.lastOta).toMatchObject({ result: 8 });
      expect(b.lastOta!.status).toMatch(/self-test/);
      expect(b.lastOta!.running).not.toBe('1.2.0+0');
    }
    boards.push(...more);
  });

  it('holds executions back to the rollout rate', async () => {
    const created = await fleet.api<CampaignSummary>(
      'POST',
      '/api/campaigns',
      campaignRequest(builtin.id, { rate: { kind: 'perMinute', max: 1 } }),
    );
    expect(created.body.counts).toMatchObject({ inProgress: 1, queued: 3 });
    fleet.server.manager!.tick();
    expect((await campaign(fleet, created.body.id)).counts).toMatchObject({ queued: 3 });
    const cancelled = await fleet.api<CampaignSummary>('POST', `/api/campaigns/${created.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'CANCELED', counts: { queued: 0, inProgress: 0, canceled: 4 } });
  });

  it('updates an anomaly board with its own re-issued model, and refuses to give it the MNIST one', async () => {
    const anomaly = await loadAppFirmware('anomaly');
    const join = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
    const board = farm.add(await HeadlessBoard.start(anomaly, join, { log: (m) => deviceLogs.push(m) }));
    await expect.poll(async () => (await devices(fleet)).find((d) => d.id === board.id)?.version, POLL).toBe('1.0.0+0');
    const images = (await fleet.api<ImageRow[]>('GET', '/api/images')).body;
    const own = images.find((i) => i.target === 'anomaly' && i.source === 'builtin')!;
    const target = { target: [board.id] };
    const wrong = await fleet.api<CampaignSummary>('POST', '/api/campaigns', campaignRequest(builtin.id, target));
    expect(await settled(wrong.body.id)).toMatchObject({ state: 'COMPLETED', counts: { rejected: 1 } });
    const right = await fleet.api<CampaignSummary>('POST', '/api/campaigns', campaignRequest(own.id, target));
    expect(await settled(right.body.id)).toMatchObject({ state: 'COMPLETED', counts: { succeeded: 1 } });
    expect(board.lastOta).toMatchObject({ running: '1.1.0+0', result: 1 });
    farm.remove(board);
    await board.close();
  });

  it('resumes a download on a board whose connection dropped midway', async () => {
    const board = boards[2]!;
    // The connection drops the moment the agent reports 8 KB downloaded (in the firmware's own report).
    let dropped = false;
    board.sim.board.telemetry.add((json) => {
      const r = JSON.parse(json) as { type: string; downloaded_bytes?: number };
      if (!dropped && r.type === 'ota.status' && (r.downloaded_bytes ?? 0) >= 8 * 1024) {
        dropped = true;
        board.device.drop();
      }
    });
    const created = await fleet.api<CampaignSummary>(
      'POST',
      '/api/campaigns',
      campaignRequest(builtin.id, { target: [board.id] }),
    );
    await expect.poll(() => board.otaStatuses.find((s) => s.result === 4), POLL).toBeDefined(); // connection lost
    const had = board.otaStatuses.find((s) => s.result === 4)!.downloaded_bytes;
    expect(had).toBeGreaterThanOrEqual(8 * 1024);
    const done = await settled(created.body.id);
    expect(done).toMatchObject({ state: 'COMPLETED', counts: { succeeded: 1 } });
    expect(board.serial).toMatch(/Network: connecting to workshop \S+, device \S+\n(?:.*\n)*Network: connected to/);
    expect(board.serial).toContain(`resuming at ${had / 1024} KB`);
    expect(board.lastOta!.running).toBe('1.1.0+0');
  });
});
