// The firmware worker as a workshop device, against a real workshop server on 127.0.0.1: the fleet session the
// page hands it connects as that device, the firmware's telemetry and update status reach the fleet manager, and a
// campaign's offer reaches the board's update link, so the MNIST firmware's own update agent installs the image.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceRow, ImageRow } from '../../fleet/protocol';
import { FACTORY_PUBLIC_KEY } from '../../ota';
import { campaign, campaignRequest, devices, startTestFleet, type TestFleet } from '../../../server/fleetTesting';
import { joinWorkshop } from '../../../server/headlessBoard';
import { factoryBoard } from '../factory';
import { BoardWorker } from './BoardWorker';
import type { FromFirmwareWorker } from './protocol';
import { createWorkerTimers } from './workerTimers';

const firmware = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../public/firmware/${name}`, import.meta.url)));

let fleet: TestFleet;
beforeAll(async () => {
  fleet = await startTestFleet();
});
afterAll(() => fleet.server.close());

it('joins the workshop, reports its model and installs the campaign image it is offered', async () => {
  const posted: FromFirmwareWorker[] = [];
  // Each update acknowledged as the page does once it drew it, so the run loop goes on.
  const worker: BoardWorker = new BoardWorker((m) => {
    posted.push(m);
    if (m.type === 'update') setImmediate(() => void worker.receive({ type: 'ack', consoleBacklogBytes: 0 }));
  }, createWorkerTimers());
  const board = factoryBoard({ factory: FACTORY_PUBLIC_KEY }, firmware('mnist.factory.img'));
  await worker.receive({ type: 'load', wasm: firmware('mnist.wasm').buffer, board });
  await worker.receive({ type: 'pace', mode: { kind: 'fast' } });
  const joined = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
  const { broker, workshop, deviceId, token } = joined;
  // The page's own report (the learner's lesson progress) goes out too, also when it came before the session.
  const lesson = {
    type: 'lesson.progress',
    lesson: 'draw-and-classify',
    title: 'Draw and classify',
    done: 1,
    steps: 4,
  };
  await worker.receive({ type: 'fleetReport', json: JSON.stringify(lesson) });
  await worker.receive({ type: 'fleet', session: { broker, workshop, deviceId, token, app: 'mnist' } });
  try {
    await expect.poll(() => posted.some((m) => m.type === 'fleet' && m.connected), { timeout: 20_000 }).toBe(true);
    const row = async (): Promise<DeviceRow | undefined> => (await devices(fleet)).find((d) => d.id === deviceId);
    await expect.poll(async () => (await row())?.version, { timeout: 20_000 }).toBe('1.0.0+0');

    const images = (await fleet.api<ImageRow[]>('GET', '/api/images')).body;
    const image = images.find((i) => i.target === 'mnist' && i.source === 'builtin')!;
    const created = await fleet.api<{ id: string }>('POST', '/api/campaigns', campaignRequest(image.id));
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await campaign(fleet, created.body.id)).counts.succeeded, { timeout: 60_000 })
      .toBe(1);
    expect(await row()).toMatchObject({ version: image.version, online: true });
    // The firmware announced the model it installed: its telemetry went out too.
    await expect
      .poll(async () => (await row())?.telemetry['mnist.model'], { timeout: 20_000 })
      .toMatchObject({ type: 'mnist.model' });
    expect(worker.simulator!.board.updateLink.isConnected).toBe(true);
    expect((await row())?.telemetry['lesson.progress']).toEqual(lesson);
    await worker.receive({ type: 'fleetReport', json: JSON.stringify({ ...lesson, done: 2 }) });
    await expect
      .poll(async () => (await row())?.telemetry['lesson.progress'], { timeout: 20_000 })
      .toMatchObject({
        done: 2,
      });
  } finally {
    await worker.receive({ type: 'pause' });
    await worker.fleetDevice!.close();
  }
  // Closed cleanly, the device's retained status says offline, and the update link is down with its session.
  expect(posted.filter((m) => m.type === 'fleet').at(-1)).toEqual({ type: 'fleet', connected: false });
  expect(worker.simulator!.board.updateLink.isConnected).toBe(false);
});
