// The workshop server killed (SIGKILL) in the middle of a campaign and started again on the same data directory
// and port: the same workshop, join code and instructor token; no device record or telemetry row lost; the boards
// reconnect, resume their downloads by ETag and the campaign completes.
import { afterAll, expect, it } from 'vitest';
import type { CampaignSummary, DeviceRow, ImageRow, TelemetryPoint } from '../src/fleet/protocol';
import { campaignRequest, tempDataDir } from './fleetTesting';
import { startFleetProcess, type FleetProcess } from './fleetProcess';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware } from './headlessBoard';

const POLL = { timeout: 90_000, interval: 100 };

let running: FleetProcess | undefined;
const farm = new BoardFarm(1);
const deviceLogs: string[] = [];

afterAll(async () => {
  await farm.close();
  running?.child.kill('SIGKILL');
});

it('resumes a campaign after the server is killed, losing no device or telemetry row', async () => {
  const dataDir = tempDataDir();
  running = await startFleetProcess(dataDir);
  const first = running;
  const base = first.baseUrl;
  const token = new URL(first.instructor).searchParams.get('token')!;
  const code = new URL(first.join).searchParams.get('code')!;
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };

  const firmware = await loadAppFirmware('mnist');
  const boards: HeadlessBoard[] = [];
  for (let i = 0; i < 3; i++) {
    const j = await joinWorkshop(base, code);
    boards.push(farm.add(await HeadlessBoard.start(firmware, j, { reconnectMs: 250, log: (m) => deviceLogs.push(m) })));
  }
  await expect
    .poll(async () => (await api<DeviceRow[]>('GET', '/api/devices')).filter((d) => d.online).length, POLL)
    .toBe(3);
  await expect
    .poll(async () => (await api<TelemetryPoint[]>('GET', '/api/telemetry?figure=mnist.canvas.size')).length, POLL)
    .toBe(3);

  // Real-time boards: the downloads take seconds, so the kill lands in the middle of them.
  const image = (await api<ImageRow[]>('GET', '/api/images')).find((i) => i.target === 'mnist')!;
  const created = await api<CampaignSummary>('POST', '/api/campaigns', campaignRequest(image.id));
  await expect.poll(() => boards.every((b) => (b.lastOta?.downloaded_bytes ?? 0) > 0), POLL).toBe(true);
  const devicesBefore = await api<DeviceRow[]>('GET', '/api/devices');
  const telemetryBefore = await api<TelemetryPoint[]>('GET', '/api/telemetry?figure=mnist.canvas.size');
  const before = await api<CampaignSummary>('GET', `/api/campaigns/${created.id}`);
  expect(before.counts.inProgress).toBe(3);
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));

  running = await startFleetProcess(dataDir, { port: first.port });
  expect(running.instructor).toBe(first.instructor);
  expect(running.join).toBe(first.join);
  farm.speed = 50;
  await expect
    .poll(async () => (await api<CampaignSummary>('GET', `/api/campaigns/${created.id}`)).state, POLL)
    .toBe('COMPLETED');
  const after = await api<CampaignSummary>('GET', `/api/campaigns/${created.id}`);
  expect(after.counts).toMatchObject({ succeeded: 3, failed: 0, timedOut: 0 });
  for (const b of boards) expect(b.lastOta?.running).toBe('1.1.0+0');
  expect(deviceLogs.some((m) => /ECONNREFUSED/.test(m))).toBe(true); // they did lose the server
  expect(boards.some((b) => /resuming at \d+ KB/.test(b.serial))).toBe(true);

  const devicesAfter = await api<DeviceRow[]>('GET', '/api/devices');
  expect(devicesAfter.map((d) => d.id)).toEqual(devicesBefore.map((d) => d.id));
  const telemetryAfter = await api<TelemetryPoint[]>('GET', '/api/telemetry?figure=mnist.canvas.size');
  expect(telemetryAfter.slice(0, telemetryBefore.length)).toEqual(telemetryBefore);
});
