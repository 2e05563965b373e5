// npm run bench:fleet — the workshop server under load, on 127.0.0.1 only (docs/fleet.md "Headless devices and the
// benchmark"). The server runs as its own process (`npm run fleet`); this process is the load generator: real
// simulated boards (the anomaly firmware and its update agent, 20× real time) and plain MQTT device sessions.
// Prints: time to connect 200 boards; time for a campaign to reach 100 % on them, and on larger fleets until one
// does not finish in time (the largest N this machine holds); messages per second through the broker; the server's
// RSS; and the same on two brokers sharing Redis.
import mqtt, { type MqttClient } from 'mqtt';
import {
  HEARTBEAT_INTERVAL_MS,
  parseDeviceTopic,
  topics,
  type CampaignSummary,
  type DeviceRow,
  type ImageRow,
} from '../src/fleet/protocol';
import { campaignRequest, tempDataDir } from '../server/fleetTesting';
import { startFleetProcess, type FleetProcess } from '../server/fleetProcess';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware, type AppFirmware } from '../server/headlessBoard';
import { FleetStore } from '../server/store';
import { hasRedis, startRedis } from '../server/redisTesting';
import { join } from 'node:path';
import { FACTORY_IMAGES } from '../scripts/factoryImages';

const BOARDS = 200;
/** Larger fleets tried after 200 boards, while each campaign completes within CAMPAIGN_LIMIT_MS. */
const LARGER = [400, 800, 1600];
const CAMPAIGN_LIMIT_MS = 180_000;
const SESSION_STEPS = [500, 1000, 2000];
const SESSION_STEP_LIMIT_MS = 30_000;
const FLOOD_CLIENTS = 20;
const FLOOD_MS = 5_000;
const SPEED = 20;
const APP = 'anomaly';
let lastMinor = 1;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fleet {
  primary: FleetProcess;
  brokers: FleetProcess[];
  dataDir: string;
  token: string;
  code: string;
  stop(): Promise<void>;
}

async function startFleet(redis?: string): Promise<Fleet> {
  const dataDir = tempDataDir();
  const primary = await startFleetProcess(dataDir, { redis });
  const brokers = [primary];
  if (redis) brokers.push(await startFleetProcess(dataDir, { redis, brokerOnly: true }));
  const url = new URL(primary.instructor);
  return {
    primary,
    brokers,
    dataDir,
    token: url.searchParams.get('token')!,
    code: new URL(primary.join).searchParams.get('code')!,
    stop: async () => {
      for (const b of brokers.reverse()) await b.stop();
    },
  };
}

async function api<T>(fleet: Fleet, method: string, path: string, body?: unknown): Promise<T> {
  const request = () =>
    fetch(`${fleet.primary.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${fleet.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A kept-alive connection the busy server closed meanwhile fails once; a GET is asked again.
  const res = await request().catch((e: unknown) => {
    if (method !== 'GET') throw e;
    return request();
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function until(what: string, limitMs: number, test: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (!(await test())) {
    if (performance.now() - t0 > limitMs) throw new Error(`${what}: not within ${s(limitMs)}`);
    await sleep(100);
  }
  return performance.now() - t0;
}

const online = async (fleet: Fleet) =>
  (await api<DeviceRow[]>(fleet, 'GET', '/api/devices')).filter((d) => d.online).length;

/** Counts the messages the broker delivers to a subscriber like the instructor page. */
async function watch(fleet: Fleet, workshop: string): Promise<{ count: () => number; close: () => Promise<void> }> {
  const client = await mqtt.connectAsync(fleet.primary.baseUrl.replace(/^http/, 'ws') + '/mqtt', {
    protocolVersion: 4,
    username: 'instructor',
    password: fleet.token,
    reconnectPeriod: 0,
  });
  let n = 0;
  client.on('message', () => n++);
  // The devices' traffic and the campaign list; not the offers (an image each), which a slow subscriber would hold up.
  const t = topics(workshop);
  await client.subscribeAsync([t.anyStatus, t.anyTelemetry, t.anyOtaStatus, t.campaign], { qos: 0 });
  return { count: () => n, close: () => client.endAsync() };
}

/** The device ids whose status each broker delivered to a subscriber on it within `ms`. */
async function heardStatuses(fleet: Fleet, workshop: string, ms: number): Promise<Set<string>[]> {
  const t = topics(workshop);
  return Promise.all(
    fleet.brokers.map(async (broker) => {
      const heard = new Set<string>();
      const client = await mqtt.connectAsync(broker.baseUrl.replace(/^http/, 'ws') + '/mqtt', {
        protocolVersion: 4,
        username: 'instructor',
        password: fleet.token,
        reconnectPeriod: 0,
      });
      // Live messages only: the retained status a new subscription gets says nothing about now.
      client.on('message', (topic, _payload, packet) => {
        const at = parseDeviceTopic(workshop, topic);
        if (at?.kind === 'status' && !packet.retain) heard.add(at.id);
      });
      await client.subscribeAsync(t.anyStatus, { qos: 0 });
      await sleep(ms);
      await client.endAsync();
      return heard;
    }),
  );
}

/** N real boards joined through the brokers in turn; the time until the manager lists them all online. */
async function connectBoards(fleet: Fleet, farm: BoardFarm, firmware: AppFirmware, n: number, have: number) {
  const t0 = performance.now();
  let workshop = '';
  for (let i = have; i < n; i++) {
    const broker = fleet.brokers[i % fleet.brokers.length]!;
    const j = await joinWorkshop(broker.baseUrl, fleet.code);
    workshop = j.workshop;
    farm.add(await HeadlessBoard.start(firmware, j, { log: () => {} }));
  }
  let seen = 0;
  await until(`${n} boards online`, 120_000, async () => (seen = await online(fleet)) >= n).catch(async (e: Error) => {
    // Which boards the manager does not list, and whether their own session thinks it is up.
    const listed = new Set(
      (await api<DeviceRow[]>(fleet, 'GET', '/api/devices')).filter((d) => d.online).map((d) => d.id),
    );
    const missing = farm.boards.filter((b) => !listed.has(b.id));
    // Whether each broker still delivers their heartbeats to a subscriber of its own (a lost Redis hop, or a
    // session its broker no longer serves).
    const heard = await heardStatuses(fleet, workshop, HEARTBEAT_INTERVAL_MS + 5_000);
    const why = missing.map((b) => {
      const on = fleet.brokers.filter((_, i) => heard[i]!.has(b.id)).map((x) => new URL(x.baseUrl).port);
      return `${b.id} on ${new URL(b.credentials.broker).port}: session ${b.device.connected ? 'up' : 'down'}, heartbeat heard on ${on.join(' and ') || 'no broker'}`;
    });
    throw new Error(`${e.message} (${seen} online; not listed: ${why.join(', ')})`);
  });
  return { ms: performance.now() - t0, workshop };
}

/** The app's model re-issued as 1.<minor>.0, factory-signed, uploaded: every board has to download it. */
async function uploadVersion(fleet: Fleet, minor: number): Promise<ImageRow> {
  const bytes = await FACTORY_IMAGES[APP]!({ major: 1, minor, revision: 0, build: 0 });
  const res = await fetch(`${fleet.primary.baseUrl}/api/images`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fleet.token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  if (res.status !== 201) throw new Error(`upload: HTTP ${res.status}`);
  return (await res.json()) as ImageRow;
}

/** A campaign of a new version to every device: ms to 100 % succeeded, and messages/s the broker delivered. */
async function campaignTo100(fleet: Fleet, workshop: string, n: number, limitMs: number) {
  const image = await uploadVersion(fleet, ++lastMinor);
  const watcher = await watch(fleet, workshop);
  const c = await api<CampaignSummary>(
    fleet,
    'POST',
    '/api/campaigns',
    campaignRequest(image.id, {
      rate: { kind: 'perMinute', max: 10_000 },
      abort: { failurePct: 50, minExecutions: n },
    }),
  );
  const ms = await until(`campaign on ${n}`, limitMs, async () => {
    const now = await api<CampaignSummary>(fleet, 'GET', `/api/campaigns/${c.id}`);
    if (now.state !== 'IN_PROGRESS' && now.counts.succeeded !== n)
      throw new Error(`campaign ${now.state}: ${JSON.stringify(now.counts)}`);
    return now.counts.succeeded === n;
  });
  const messages = watcher.count();
  await watcher.close();
  return { ms, perSecond: messages / (ms / 1000) };
}

/** Joins as the `i`-th device (brokers in turn) and opens its MQTT session, without a board behind it. */
async function deviceSession(fleet: Fleet, i: number) {
  const broker = fleet.brokers[i % fleet.brokers.length]!;
  const j = await joinWorkshop(broker.baseUrl, fleet.code);
  const c = await mqtt.connectAsync(j.broker, {
    protocolVersion: 4,
    clientId: j.deviceId,
    username: j.deviceId,
    password: j.token,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  return { j, c };
}

/** Plain device sessions (real credentials, status published, subscribed like a board) in growing steps. */
async function sessionRamp(fleet: Fleet): Promise<string> {
  const clients: MqttClient[] = [];
  let largest = 0;
  let note = '';
  try {
    for (const target of SESSION_STEPS) {
      const t0 = performance.now();
      try {
        while (clients.length < target) {
          const { j, c } = await deviceSession(fleet, clients.length);
          const t = topics(j.workshop);
          await c.subscribeAsync([t.ota(j.deviceId), t.campaign], { qos: 1 });
          await c.publishAsync(
            t.status(j.deviceId),
            JSON.stringify({
              online: true,
              app: APP,
              version: '1.0.0+0',
              slots: [],
              state: 0,
              result: 0,
              ts: Date.now(),
            }),
            { qos: 1, retain: true },
          );
          clients.push(c);
          if (performance.now() - t0 > SESSION_STEP_LIMIT_MS)
            throw new Error(`step to ${target} took over ${s(SESSION_STEP_LIMIT_MS)}`);
        }
        largest = target;
        note = `${target} sessions in ${s(performance.now() - t0)} (step), server RSS ${fleet.brokers.map((b) => mb(b.rssBytes())).join(' + ')}`;
      } catch (e) {
        note += `; stopped before ${target}: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
  }
  return `device sessions held: ${largest} (${note})`;
}

/** FLOOD_CLIENTS sessions publish telemetry as fast as the broker takes it; rows the manager stored per second. */
async function flood(fleet: Fleet): Promise<number> {
  const store = new FleetStore(join(fleet.dataDir, 'fleet.sqlite'));
  const before = store.telemetryCount();
  const clients = await Promise.all(
    Array.from({ length: FLOOD_CLIENTS }, async (_, i) => {
      const { j, c } = await deviceSession(fleet, i);
      return { c, topic: topics(j.workshop).telemetry(j.deviceId) };
    }),
  );
  const t0 = performance.now();
  let sent = 0;
  await Promise.all(
    clients.map(async ({ c, topic }) => {
      while (performance.now() - t0 < FLOOD_MS) {
        await c.publishAsync(topic, JSON.stringify({ ts: Date.now(), reports: [{ type: 'bench.load', n: sent++ }] }), {
          qos: 1,
        });
      }
    }),
  );
  // Until the manager has stored what it was sent (or stops making progress).
  let last = -1;
  for (;;) {
    const n = store.telemetryCount() - before;
    if (n >= sent || n === last) break;
    last = n;
    await sleep(500);
  }
  const elapsed = performance.now() - t0;
  const rows = store.telemetryCount() - before;
  store.close();
  await Promise.all(clients.map(({ c }) => c.endAsync()));
  return rows / (elapsed / 1000);
}

async function benchOne(
  label: string,
  firmware: AppFirmware,
  redis?: string,
): Promise<Record<string, number | string>> {
  const fleet = await startFleet(redis);
  const farm = new BoardFarm(SPEED);
  const figures: Record<string, number | string> = {};
  try {
    console.log(`\n== ${label} ==`);
    const connected = await connectBoards(fleet, farm, firmware, BOARDS, 0);
    console.log(`${BOARDS} boards joined and online: ${s(connected.ms)}`);
    const c = await campaignTo100(fleet, connected.workshop, BOARDS, CAMPAIGN_LIMIT_MS);
    figures.campaignMs = c.ms;
    figures.perSecond = c.perSecond;
    figures.rss = fleet.brokers.reduce((sum, b) => sum + b.rssBytes(), 0);
    console.log(`campaign to 100 % on ${BOARDS} boards: ${s(c.ms)}; ${Math.round(c.perSecond)} messages/s delivered`);
    console.log(
      `server RSS: ${fleet.brokers.map((b) => mb(b.rssBytes())).join(' + ')} (broker and manager in the first)`,
    );
    let largest = BOARDS;
    for (const n of LARGER) {
      try {
        const more = await connectBoards(fleet, farm, firmware, n, farm.boards.length);
        const cn = await campaignTo100(fleet, more.workshop, n, CAMPAIGN_LIMIT_MS);
        console.log(
          `campaign to 100 % on ${n} boards: ${s(cn.ms)} (joined in ${s(more.ms)}), load generator RSS ${mb(process.memoryUsage().rss)}`,
        );
        largest = n;
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
        console.log(`${n} boards: ${e instanceof Error ? e.message : String(e)}${cause}`);
        break;
      }
    }
    figures.largest = largest;
    console.log(`largest fleet of real boards updated: ${largest}`);
    await farm.close();
    figures.rows = await flood(fleet);
    console.log(
      `telemetry through broker and manager into SQLite: ${Math.round(figures.rows as number)} messages/s (${FLOOD_CLIENTS} sessions, QoS 1)`,
    );
    const ramp = await sessionRamp(fleet);
    console.log(ramp);
  } finally {
    await farm.close();
    await fleet.stop();
  }
  return figures;
}

const firmware = await loadAppFirmware(APP);
const one = process.env.BENCH_FLEET_ONLY === 'redis' ? undefined : await benchOne('one broker', firmware);
if (!hasRedis()) {
  console.log('\nredis-server is not on PATH: two brokers on Redis not measured (apt-get install redis-server)');
} else {
  const redis = await startRedis();
  try {
    const two = await benchOne('two brokers on Redis', firmware, redis.url);
    if (!one) process.exit(0);
    console.log('\n== two brokers on Redis / one broker ==');
    const ratio = (k: string) => ((two[k] as number) / (one![k] as number)).toFixed(2);
    console.log(
      `campaign time ×${ratio('campaignMs')}, messages/s ×${ratio('perSecond')}, telemetry rows/s ×${ratio('rows')}, server RSS ×${ratio('rss')}`,
    );
  } finally {
    await redis.stop();
  }
}
process.exit(0);
