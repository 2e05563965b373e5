// The page's client of the workshop server's HTTP API, against a real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFleet, type TestFleet } from '../../server/fleetTesting';
import { FleetApi, FleetApiError, apiOrigin } from './fleetApi';

let fleet: TestFleet;
beforeAll(async () => {
  fleet = await startTestFleet();
});
afterAll(() => fleet.server.close());

const instructor = () => new FleetApi(fleet.server.baseUrl, fleet.server.workshop.instructorToken);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof FleetApiError ? { status: e.status, message: e.message } : e),
  );

describe('apiOrigin', () => {
  it('is the broker URL with http(s) for ws(s), without its path', () => {
    expect(apiOrigin('ws://10.0.0.5:8080/mqtt')).toBe('http://10.0.0.5:8080');
    expect(apiOrigin('wss://workshop.example/mqtt')).toBe('https://workshop.example');
    expect(() => apiOrigin('http://10.0.0.5:8080/')).toThrow(/WebSocket/);
    expect(() => apiOrigin('not a url')).toThrow();
  });

  it('names the server of the broker URL the join link carries', () => {
    expect(apiOrigin(fleet.server.brokerUrl)).toBe(fleet.server.baseUrl);
  });
});

describe('joining', () => {
  it('gives a device id and token, the same id again with them, and refuses a wrong code', async () => {
    const api = new FleetApi(fleet.server.baseUrl);
    const first = await api.join({ code: fleet.server.workshop.code });
    expect(first).toMatchObject({ workshop: fleet.server.workshop.id, broker: fleet.server.brokerUrl });
    const again = await api.join({ code: fleet.server.workshop.code, deviceId: first.deviceId, token: first.token });
    expect(again.deviceId).toBe(first.deviceId);
    expect(await refusal(api.join({ code: 'wrong' }))).toMatchObject({ status: 403, message: 'wrong join code' });
  });
});

describe('the instructor', () => {
  it('learns the workshop id that names its topics; without the token, nothing', async () => {
    expect(await instructor().workshop()).toEqual({ workshop: fleet.server.workshop.id });
    expect(await refusal(new FleetApi(fleet.server.baseUrl).workshop())).toMatchObject({ status: 401 });
  });

  it('is refused without the token or with a wrong one', async () => {
    expect(await refusal(new FleetApi(fleet.server.baseUrl).devices())).toMatchObject({ status: 401 });
    expect(await refusal(new FleetApi(fleet.server.baseUrl, 'guess').images())).toMatchObject({ status: 401 });
  });

  it("lists the devices and the server's images, each demo's model re-issued", async () => {
    const images = await instructor().images();
    expect(images.some((i) => i.target === 'mnist' && i.source === 'builtin')).toBe(true);
    expect(Array.isArray(await instructor().devices())).toBe(true);
  });

  it('starts and cancels a campaign', async () => {
    const image = (await instructor().images())[0]!;
    await new FleetApi(fleet.server.baseUrl).join({ code: fleet.server.workshop.code });
    const created = await instructor().createCampaign({
      imageId: image.id,
      target: 'all',
      rate: { kind: 'perMinute', max: 1 },
      abort: { failurePct: 50, minExecutions: 2 },
      timeoutSeconds: 60,
    });
    expect(created).toMatchObject({ imageId: image.id, version: image.version, state: 'IN_PROGRESS' });
    expect((await instructor().campaigns()).map((c) => c.id)).toContain(created.id);
    expect(await instructor().cancelCampaign(created.id)).toMatchObject({ id: created.id, state: 'CANCELED' });
  });

  it("hears the server's reason when an upload is no image", async () => {
    const bytes = new TextEncoder().encode('not an image at all');
    expect(await refusal(instructor().uploadImage(bytes, 'notes.img'))).toMatchObject({
      status: 422,
      message: expect.stringMatching(/not a deployable image/),
    });
  });
});
