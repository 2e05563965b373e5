// The workshop server's trust boundary, with real MQTT sessions over WebSocket on 127.0.0.1: join codes, device
// credentials at CONNECT, the broker's ACLs, size limits and malformed payloads (dropped with a log line, the
// broker stays up), image uploads, and the instructor token, which no device ever receives.
import mqtt, { type MqttClient } from 'mqtt';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildImage, nobleSigner, PAYLOAD_TYPES } from '../src/ota';
import { topics, type CampaignSummary, type ImageRow, type JoinResponse } from '../src/fleet/protocol';
import { joinWorkshop } from './headlessBoard';
import { campaignRequest, devices, startTestFleet, tempDataDir, type TestFleet } from './fleetTesting';

const POLL = { timeout: 30_000, interval: 50 };
let fleet: TestFleet;
let t: ReturnType<typeof topics>;
const clients: MqttClient[] = [];

function connect(options: mqtt.IClientOptions): Promise<MqttClient> {
  const c = mqtt.connect(fleet.server.brokerUrl, { protocolVersion: 4, reconnectPeriod: 0, ...options });
  clients.push(c);
  return new Promise((resolve, reject) => {
    c.once('connect', () => resolve(c));
    c.once('error', reject);
    c.once('close', () => reject(new Error('closed before CONNACK')));
  });
}

const asDevice = (j: JoinResponse) => connect({ clientId: j.deviceId, username: j.deviceId, password: j.token });
const closed = (c: MqttClient) =>
  new Promise<void>((resolve) => (c.connected ? c.once('close', () => resolve()) : resolve()));

let site: string;

beforeAll(async () => {
  // The app it serves: an index.html, with a file beside (not inside) the served folder.
  site = tempDataDir();
  mkdirSync(join(site, 'dist'));
  writeFileSync(join(site, 'dist', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(site, 'dist', 'sw.js'), 'self.__TINYML_PRECACHE__={};');
  writeFileSync(join(site, 'secret.txt'), 'not for the web');
  fleet = await startTestFleet({ distDir: join(site, 'dist') });
  t = topics(fleet.server.workshop.id);
});

afterAll(async () => {
  for (const c of clients) c.end(true);
  await fleet?.server.close();
});

describe('joining', () => {
  it('refuses a wrong join code with 403 and gives a known page its own id again', async () => {
    await expect(joinWorkshop(fleet.server.baseUrl, 'WRONG')).rejects.toThrow(/HTTP 403/);
    const first = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
    const again = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code, first);
    expect(again).toEqual(first);
    const forged = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code, {
      deviceId: first.deviceId,
      token: 'not-its-token',
    });
    expect(forged.deviceId).not.toBe(first.deviceId);
  });

  it('answers instructor requests without the instructor token with 401', async () => {
    for (const path of ['/api/devices', '/api/images', '/api/campaigns', '/api/telemetry?figure=x.y']) {
      const res = await fetch(`${fleet.server.baseUrl}${path}`, { headers: { authorization: 'Bearer nope' } });
      expect(res.status, path).toBe(401);
    }
  });
});

describe('HTTP', () => {
  it('serves the app and nothing outside its folder', async () => {
    expect(await (await fetch(`${fleet.server.baseUrl}/`)).text()).toContain('<title>app</title>');
    // A path that climbs out of dist/ once decoded (fetch normalises a plain /../ away, not an encoded slash).
    const body = await (await fetch(`${fleet.server.baseUrl}/..%2fsecret.txt`)).text();
    expect(body).not.toContain('not for the web');
  });

  it("serves the app's service worker as JavaScript (a browser registers no other type)", async () => {
    const res = await fetch(`${fleet.server.baseUrl}/sw.js`);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('self.__TINYML_PRECACHE__={};');
  });

  it("serves the app's files to any origin: the embed SDK and sandboxed boards load them (docs/embed.md)", async () => {
    const res = await fetch(`${fleet.server.baseUrl}/`, { headers: { origin: 'https://docs.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    // The JSON API is not the app's files: it says nothing to other origins.
    const api = await fetch(`${fleet.server.baseUrl}/api/devices`, { headers: { origin: 'https://docs.example' } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers bad request bodies with 400 or 422 and the reason', async () => {
    const post = (path: string, body: string) =>
      fetch(`${fleet.server.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fleet.server.workshop.instructorToken}` },
        body,
      });
    const notJson = await post('/api/campaigns', '{nope');
    expect(notJson.status).toBe(400);
    const badRate = await post(
      '/api/campaigns',
      JSON.stringify({ ...campaignRequest('i-1'), rate: { kind: 'perMinute', max: -1 } }),
    );
    expect(badRate.status).toBe(422);
    expect(((await badRate.json()) as { error: string }).error).toMatch(/^rate\.max/);
    const noImage = await post('/api/campaigns', JSON.stringify(campaignRequest('i-none')));
    expect(noImage.status).toBe(422);
    const huge = await post('/api/join', 'x'.repeat(1024 * 1024 + 1));
    expect(huge.status).toBe(413);
  });
});

describe('the broker', () => {
  let a: JoinResponse;
  let b: JoinResponse;
  beforeAll(async () => {
    a = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
    b = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
  });

  it('refuses a CONNECT with a bad token, with another device id, or as the instructor with a device token', async () => {
    await expect(connect({ clientId: a.deviceId, username: a.deviceId, password: 'bad' })).rejects.toThrow(
      /Bad username or password/,
    );
    await expect(connect({ clientId: b.deviceId, username: a.deviceId, password: a.token })).rejects.toThrow(
      /Bad username or password/,
    );
    await expect(connect({ username: 'instructor', password: a.token })).rejects.toThrow(/Bad username or password/);
    await expect(connect({ username: 'manager', password: fleet.server.workshop.instructorToken })).rejects.toThrow(
      /Bad username or password/,
    );
    expect(fleet.logs.filter((l) => l.includes('bad credentials')).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses a device's subscriptions to other devices' topics", async () => {
    const c = await asDevice(a);
    // mqtt.js rejects a SUBACK with a refusal in it; the packet says which were granted (0x80: refused).
    const suback = await c
      .subscribeAsync([t.ota(a.deviceId), t.ota(b.deviceId), t.all, t.status(b.deviceId)], { qos: 1 })
      .then(
        () => undefined,
        (e: { packet?: { granted: number[] } }) => e.packet?.granted,
      );
    expect(suback).toEqual([1, 128, 128, 128]);
  });

  it("drops a device's publish on another device's topic with a log line and closes its connection", async () => {
    const c = await asDevice(a);
    const forged = { online: true, app: 'mnist', version: '6.6.6+6', slots: [], state: 0, result: 1, ts: 0 };
    c.publish(t.status(b.deviceId), JSON.stringify(forged), { qos: 1 });
    await closed(c);
    expect(
      fleet.logs.some((l) => l.includes(`${a.deviceId} on ${t.status(b.deviceId)}: not one of its own topics`)),
    ).toBe(true);
    expect((await devices(fleet)).find((d) => d.id === b.deviceId)?.version).toBeNull();
  });

  it('lets the instructor page read everything and publish nothing', async () => {
    const c = await connect({ username: 'instructor', password: fleet.server.workshop.instructorToken });
    expect((await c.subscribeAsync(t.all, { qos: 1 })).map((g) => g.qos)).toEqual([1]);
    c.publish(t.ota(a.deviceId), JSON.stringify({ op: 'cancel', campaign: 'c-x' }), { qos: 1 });
    await closed(c);
    expect(fleet.logs.some((l) => l.includes('the instructor page only reads'))).toBe(true);
  });

  it('drops malformed payloads with a log line and keeps serving', async () => {
    const c = await asDevice(a);
    await c.publishAsync(t.telemetry(a.deviceId), 'not json {', { qos: 1 });
    await c.publishAsync(t.otaStatus(a.deviceId), JSON.stringify({ state: 'x' }), { qos: 1 });
    await c.publishAsync(t.status(a.deviceId), JSON.stringify({ online: 'maybe' }), { qos: 1 });
    await expect
      .poll(() => fleet.logs.filter((l) => l.startsWith('manager: dropped a message on')).length, POLL)
      .toBeGreaterThanOrEqual(3);
    expect(fleet.logs.some((l) => l.includes(`${t.telemetry(a.deviceId)}: not JSON`))).toBe(true);
    // Still up: a well-formed report is recorded.
    await c.publishAsync(t.telemetry(a.deviceId), JSON.stringify({ ts: 1, reports: [{ type: 'x.y', v: 3 }] }), {
      qos: 1,
    });
    await expect
      .poll(async () => (await devices(fleet)).find((d) => d.id === a.deviceId)?.telemetry['x.y'])
      .toEqual({
        type: 'x.y',
        v: 3,
      });
  });

  it('drops an oversized publish and an oversized WebSocket frame with a log line, and stays up', async () => {
    const c = await asDevice(a);
    c.publish(t.telemetry(a.deviceId), 'x'.repeat(70 * 1024), { qos: 1 });
    await closed(c);
    expect(fleet.logs.some((l) => /bytes \(limit 65536\)/.test(l))).toBe(true);

    const ws = new WebSocket(fleet.server.brokerUrl, 'mqtt');
    await new Promise((resolve) => ws.once('open', resolve));
    const code = new Promise<number>((resolve) => ws.once('close', (c: number) => resolve(c)));
    ws.send(Buffer.alloc(600 * 1024, 0x30));
    expect(await code).toBe(1009);
    expect(fleet.logs.some((l) => l.startsWith('mqtt: websocket closed') && /Max payload size exceeded/i.test(l))).toBe(
      true,
    );

    const again = await asDevice(a);
    expect(again.connected).toBe(true);
  });
});

describe('images and the instructor token', () => {
  it('refuses uploads that are no image or are signed by a key the boards do not trust', async () => {
    const junk = await fleet.api<{ error: string }>('POST', '/api/images', new Uint8Array(512).fill(7));
    expect(junk.status).toBe(422);
    expect(junk.body.error).toMatch(/not a deployable image/);
    const stranger = nobleSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
    const foreign = await buildImage(
      {
        version: { major: 9, minor: 0, revision: 0, build: 0 },
        securityCounter: 1,
        target: 'mnist',
        payloadType: PAYLOAD_TYPES.nnModelV1,
        body: new Uint8Array(64),
      },
      stranger,
    );
    const refused = await fleet.api<{ error: string }>('POST', '/api/images', foreign);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/do not trust/);
  });

  it('is in nothing a device receives: its join answer, its commands, the campaign list', async () => {
    const token = fleet.server.workshop.instructorToken;
    const res = await fetch(`${fleet.server.baseUrl}/api/join`, {
      method: 'POST',
      body: JSON.stringify({ code: fleet.server.workshop.code }),
    });
    const joinText = await res.text();
    const j = JSON.parse(joinText) as JoinResponse;
    const c = await asDevice(j);
    const received: string[] = [];
    c.on('message', (_topic, payload) => received.push(payload.toString()));
    await c.subscribeAsync([t.ota(j.deviceId), t.campaign], { qos: 1 });
    await c.publishAsync(
      t.status(j.deviceId),
      JSON.stringify({ online: true, app: 'mnist', version: '1.0.0+0', slots: [], state: 0, result: 0, ts: 1 }),
      { qos: 1, retain: true },
    );
    await expect.poll(async () => (await devices(fleet)).find((d) => d.id === j.deviceId)?.online, POLL).toBe(true);
    const image = (await fleet.api<ImageRow[]>('GET', '/api/images')).body[0]!;
    const created = await fleet.api<CampaignSummary>(
      'POST',
      '/api/campaigns',
      campaignRequest(image.id, { target: [j.deviceId] }),
    );
    expect(created.status).toBe(201);
    await expect.poll(() => received.some((m) => m.includes('"op":"offer"')), POLL).toBe(true);
    await expect.poll(() => received.some((m) => m.includes(created.body.id) && m.startsWith('[')), POLL).toBe(true);
    expect(joinText).not.toContain(token);
    for (const m of received) expect(m).not.toContain(token);
  });
});
