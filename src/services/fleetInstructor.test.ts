// The instructor page's live view against a real workshop server on 127.0.0.1 with a real simulated board: the
// read-only MQTT session fills the store's device list and campaigns from the broker's messages alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImageRow } from '../fleet/protocol';
import { campaignRequest, startTestFleet, type TestFleet } from '../../server/fleetTesting';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware } from '../../server/headlessBoard';
import { useStore } from '../state/store';
import { followLive } from './fleetInstructor';

const POLL = { timeout: 60_000, interval: 100 };

let fleet: TestFleet;
let farm: BoardFarm;
beforeAll(async () => {
  fleet = await startTestFleet();
  farm = new BoardFarm(50);
});
afterAll(async () => {
  await farm.close();
  await fleet.server.close();
});

it('follows a board and a campaign from the broker alone', async () => {
  const { server } = fleet;
  const { workshop } = server;
  const live = followLive(server.brokerUrl, workshop.id, workshop.instructorToken);
  try {
    await expect.poll(() => useStore.getState().fleetLive, POLL).toBe(true);
    const joined = await joinWorkshop(server.baseUrl, workshop.code);
    const board = farm.add(await HeadlessBoard.start(await loadAppFirmware('mnist'), joined, { reconnectMs: 200 }));
    const row = () => useStore.getState().fleetDevices[board.id];
    await expect.poll(() => row()?.online, POLL).toBe(true);
    await expect.poll(() => row()?.version, POLL).toBe('1.0.0+0');
    expect(row()?.app).toBe('mnist');

    const image = (await fleet.api<ImageRow[]>('GET', '/api/images')).body.find((i) => i.target === 'mnist')!;
    const created = await fleet.api<{ id: string }>('POST', '/api/campaigns', campaignRequest(image.id));
    await expect
      .poll(() => useStore.getState().campaigns.find((c) => c.id === created.body.id)?.state, POLL)
      .toBe('COMPLETED');
    expect(useStore.getState().campaigns.find((c) => c.id === created.body.id)?.counts.succeeded).toBe(1);
    await expect.poll(() => row()?.version, POLL).toBe(image.version);
    expect(row()).toMatchObject({ state: 0, result: 1 });
  } finally {
    await live.endAsync();
  }
  expect(useStore.getState().fleetLive).toBe(false);
});

it('never goes live with a wrong token', async () => {
  useStore.getState().setFleetLive(false);
  const refused: Error[] = [];
  const live = followLive(fleet.server.brokerUrl, fleet.server.workshop.id, 'not-the-token');
  live.on('error', (e) => refused.push(e));
  try {
    await expect.poll(() => refused.length, POLL).toBeGreaterThan(0);
    expect(useStore.getState().fleetLive).toBe(false);
  } finally {
    await live.endAsync(true);
  }
});
