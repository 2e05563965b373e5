// The workshop's own key: the instructor page registers its browser profile's public key; boards that join from
// then on provision it into their workshop key slot, so an image the instructor trained and signed in that profile
// deploys to them. Another profile's key is refused once one is registered; images signed by a stranger stay out.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignSummary, ImageRow, JoinResponse, WorkshopResponse } from '../src/fleet/protocol';
import { mnistImage } from '../src/ml/deploy/mnistImage';
import type { Int8MlpArtefact } from '../src/ml/mlp/int8Mlp';
import { nobleSigner, toHex, type Signer } from '../src/ota';
import { BoardFarm, HeadlessBoard, joinWorkshop, loadAppFirmware } from './headlessBoard';
import { campaign, campaignRequest, startTestFleet, type TestFleet } from './fleetTesting';

const POLL = { timeout: 60_000, interval: 100 };
const key = (n: number) => nobleSigner(Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff || 1));
const INSTRUCTOR = key(11);
const OTHER_PROFILE = key(12);

function trainedImage(signer: Signer, minor: number): Promise<Uint8Array> {
  const artefact = JSON.parse(readFileSync('src/ml/mnist/model.json', 'utf8')) as Int8MlpArtefact;
  const digits = [new Uint8Array(28 * 28).fill(90), new Uint8Array(28 * 28).fill(3)];
  const version = { major: 1, minor, revision: 0, build: 0 };
  return mnistImage({ artefact, selfTestDigits: digits, version, securityCounter: 1 }, signer);
}

let fleet: TestFleet;
let farm: BoardFarm;

beforeAll(async () => {
  fleet = await startTestFleet();
  farm = new BoardFarm(10);
});

afterAll(async () => {
  await farm?.close();
  await fleet?.server.close();
});

describe("the instructor's key", () => {
  it('is refused without the instructor token and when it is not a P-256 point', async () => {
    const res = await fetch(`${fleet.server.baseUrl}/api/workshop/key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publicKey: toHex(INSTRUCTOR.publicKey) }),
    });
    expect(res.status).toBe(401);
    const notAPoint = `04${'11'.repeat(64)}`;
    expect((await fleet.api('PUT', '/api/workshop/key', { publicKey: notAPoint })).status).toBe(422);
    expect((await fleet.api('PUT', '/api/workshop/key', { publicKey: 'nope' })).status).toBe(422);
  });

  it("until one is registered, an image signed in the instructor's profile is refused and joins carry no key", async () => {
    const upload = await fleet.api<{ error: string }>('POST', '/api/images', await trainedImage(INSTRUCTOR, 5));
    expect(upload.status).toBe(422);
    expect(upload.body.error).toMatch(/open the instructor page before attendees join/);
    const join = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
    expect(join.instructorKey).toBeUndefined();
  });

  it('registers once; the same key again is fine, another profile gets 409', async () => {
    const publicKey = toHex(INSTRUCTOR.publicKey);
    const first = await fleet.api<WorkshopResponse>('PUT', '/api/workshop/key', { publicKey });
    expect(first).toMatchObject({ status: 200, body: { instructorKey: publicKey } });
    expect((await fleet.api('PUT', '/api/workshop/key', { publicKey })).status).toBe(200);
    const other = await fleet.api<{ error: string }>('PUT', '/api/workshop/key', {
      publicKey: toHex(OTHER_PROFILE.publicKey),
    });
    expect(other.status).toBe(409);
    expect((await fleet.api<WorkshopResponse>('GET', '/api/workshop')).body.instructorKey).toBe(publicKey);
  });

  it("deploys an image signed with it to boards that joined since; a stranger's image stays out", async () => {
    const stranger = await fleet.api<{ error: string }>('POST', '/api/images', await trainedImage(OTHER_PROFILE, 5));
    expect(stranger.status).toBe(422);
    expect(stranger.body.error).toMatch(/do not trust/);
    const uploaded = await fleet.api<ImageRow>('POST', '/api/images', await trainedImage(INSTRUCTOR, 5));
    expect(uploaded).toMatchObject({ status: 201, body: { target: 'mnist', version: '1.5.0+0' } });

    const firmware = await loadAppFirmware('mnist');
    const join: JoinResponse = await joinWorkshop(fleet.server.baseUrl, fleet.server.workshop.code);
    expect(join.instructorKey).toBe(toHex(INSTRUCTOR.publicKey));
    const board = farm.add(await HeadlessBoard.start(firmware, join, { reconnectMs: 200 }));
    await expect.poll(() => board.lastOta?.running, POLL).toBe('1.0.0+0');

    const created = await fleet.api<CampaignSummary>(
      'POST',
      '/api/campaigns',
      campaignRequest(uploaded.body.id, { target: [board.id] }),
    );
    expect(created.status).toBe(201);
    await expect.poll(async () => (await campaign(fleet, created.body.id)).state, POLL).toBe('COMPLETED');
    expect(await campaign(fleet, created.body.id)).toMatchObject({ counts: { succeeded: 1, failed: 0 } });
    expect(board.lastOta).toMatchObject({ running: '1.5.0+0', result: 1, running_key_slot: 10 });
  });
});
