// Scale-out: two workshop server processes' brokers on one Redis (mqemitter-redis + aedes-persistence-redis) serve
// one fleet. A board on each broker; the primary's manager runs a campaign that reaches both, and the instructor
// sees both boards' retained status through either broker; a status that telemetry overtook inside its broker is
// not lost. Runs where redis-server is on PATH (CI installs it).
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type CampaignSummary, type ImageRow } from '../src/fleet/protocol';
import { campaign, campaignRequest, devices, startTestFleet, type TestFleet } from './fleetTesting';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware } from './headlessBoard';
import { hasRedis, startRedis } from './redisTesting';

const POLL = { timeout: 60_000, interval: 100 };

describe.runIf(hasRedis())('two brokers on Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let primary: TestFleet;
  let secondary: TestFleet;
  const farm = new BoardFarm(50);
  const deviceLogs: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    primary = await startTestFleet({ redis: redis.url });
    secondary = await startTestFleet({ redis: redis.url, dataDir: primary.dataDir, brokerOnly: true });
  });

  afterAll(async () => {
    await farm.close();
    await secondary?.server.close();
    await primary?.server.close();
    await redis?.stop();
  });

  it('serves one fleet: a campaign from the primary reaches a board on each broker', async () => {
    expect(secondary.server.workshop).toEqual(primary.server.workshop);
    const firmware = await loadAppFirmware('mnist');
    const code = primary.server.workshop.code;
    const onPrimary = await joinWorkshop(primary.server.baseUrl, code);
    const onSecondary = await joinWorkshop(secondary.server.baseUrl, code);
    expect(onSecondary.broker).toBe(secondary.server.brokerUrl);
    const log = (m: string) => deviceLogs.push(m);
    const boards = [
      farm.add(await HeadlessBoard.start(firmware, onPrimary, { log })),
      farm.add(await HeadlessBoard.start(firmware, onSecondary, { log })),
    ];
    await expect.poll(async () => (await devices(primary)).filter((d) => d.online).length, POLL).toBe(2);

    const image = (await primary.api<ImageRow[]>('GET', '/api/images')).body.find((i) => i.target === 'mnist')!;
    const created = await primary.api<CampaignSummary>('POST', '/api/campaigns', campaignRequest(image.id));
    await expect.poll(async () => (await campaign(primary, created.body.id)).state, POLL).toBe('COMPLETED');
    expect((await campaign(primary, created.body.id)).counts.succeeded).toBe(2);
    for (const b of boards) expect(b.lastOta?.running).toBe('1.1.0+0');

    // The secondary refuses to run campaigns: one manager owns the engine.
    expect((await secondary.api('GET', '/api/campaigns')).status).toBe(503);

    // Retained statuses are shared: the instructor on the secondary sees the board on the primary.
    const t = topics(primary.server.workshop.id);
    const instructor = await mqtt.connectAsync(secondary.server.brokerUrl, {
      protocolVersion: 4,
      username: 'instructor',
      password: primary.server.workshop.instructorToken,
      reconnectPeriod: 0,
    });
    const seen = new Map<string, string>();
    instructor.on('message', (topic, payload) => seen.set(topic, payload.toString()));
    await instructor.subscribeAsync(t.status(onPrimary.deviceId), { qos: 1 });
    await expect.poll(() => seen.get(t.status(onPrimary.deviceId)), POLL).toMatch(/"version":"1.1.0\+0"/);
    await instructor.endAsync();
  });

  it("keeps a device's status that its broker emitted after later telemetry (aedes's per-client dedupe)", async () => {
    // A retained status waits for Redis to store it; telemetry published right after it goes out first, with a
    // higher packet number. One manager session hearing both dropped such statuses (moscajs/aedes#994).
    const t = topics(primary.server.workshop.id);
    const session = async () => {
      const j = await joinWorkshop(secondary.server.baseUrl, primary.server.workshop.code);
      const c = await mqtt.connectAsync(j.broker, {
        protocolVersion: 4,
        clientId: j.deviceId,
        username: j.deviceId,
        password: j.token,
        reconnectPeriod: 0,
      });
      return { id: j.deviceId, c };
    };
    const sessions = await Promise.all(Array.from({ length: 10 }, session));
    const noisy = await session();
    const status = { online: true, app: 'mnist', version: '1.0.0+0', slots: [], state: 0, result: 0, ts: Date.now() };
    const telemetry = JSON.stringify({ ts: Date.now(), reports: [{ type: 'bench.load', n: 1 }] });
    // Another device's telemetry all along, so the broker always has some to emit while it stores a status.
    let flooding = true;
    const flood = (async () => {
      while (flooding) {
        for (let i = 0; i < 50; i++) noisy.c.publish(t.telemetry(noisy.id), telemetry);
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (const { id, c } of sessions) {
      await c.publishAsync(t.status(id), JSON.stringify(status), { qos: 1, retain: true });
    }
    flooding = false;
    await flood;
    const ids = sessions.map((x) => x.id);
    await expect
      .poll(async () => (await devices(primary)).filter((d) => ids.includes(d.id) && d.online).length, POLL)
      .toBe(ids.length);
    await Promise.all([...sessions, noisy].map(({ c }) => c.endAsync()));
  });
});
