// The anomaly firmware as a deployed device: its factory image (the compiled-in model, signed) boots; a retrained
// regression signed by the owner is downloaded, checked, swapped in, self-tested and becomes the model the
// detector runs, also after a reset; a tampered copy and one whose self-test fails are refused and the model stays.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModelBlob, type AnomalyModel } from '../../src/ml/anomaly/modelBlob';
import { anomalyImage } from '../../src/ml/deploy/anomalyImage';
import { FACTORY_PUBLIC_KEY, nobleSigner } from '../../src/ota';
import { Board } from '../../src/runtime/Board';
import { factoryBoard } from '../../src/runtime/factory';
import { SyntheticSource } from '../../src/runtime/streams/SyntheticSource';
import type { OtaStatusReport } from '../../src/shared/telemetry/reports';
import { boot, readDefaultBlob, S } from './anomalyFirmware';

const OWNER = nobleSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 7));
const factoryImage = new Uint8Array(
  readFileSync(new URL('../../public/firmware/anomaly.factory.img', import.meta.url)),
);
const source = () => new SyntheticSource({ seed: 3 });
const readings = Array.from({ length: 48 }, (_, i) => Math.fround(source().reading(i)));

const defaults = (() => {
  const r = decodeModelBlob(readDefaultBlob());
  if (!r.ok) throw new Error(r.error);
  return r.model;
})();
/** A different regression than the compiled-in one: a plain persistence model with a wider sigma. */
const retrained: AnomalyModel = { ...defaults, bias: 0, weights: [0, 0, 0, 0, 0.2, 0.8], sigma: 0.25 };

const version = (minor: number) => ({ major: 1, minor, revision: 0, build: 0 });
const signed = (minor: number, options: { failingSelfTest?: boolean } = {}) =>
  anomalyImage(
    { model: retrained, selfTestReadings: readings, version: version(minor), securityCounter: 1, ...options },
    OWNER,
  );

type Device = Awaited<ReturnType<typeof boot>> & { statuses: OtaStatusReport[] };

async function device(board: Board): Promise<Device> {
  const d = await boot(source(), board);
  const statuses: OtaStatusReport[] = [];
  d.sim.board.telemetry.add((json) => {
    const r = JSON.parse(json) as { type: string };
    if (r.type === 'ota.status') statuses.push(r as OtaStatusReport);
  });
  return { ...d, statuses };
}

/** Offers `image` and runs until the agent is idle again. */
function deploy(d: Device, image: Uint8Array, etag: number): OtaStatusReport {
  const before = d.statuses.length;
  d.sim.board.updateLink.offerPackage(image, Uint8Array.of(etag, 0, 0, 0, 0, 0, 0, 0));
  for (let i = 0; i < 600; i++) {
    d.sim.runFor(100_000);
    const fresh = d.statuses.slice(before);
    if (fresh.some((s) => s.state !== 0) && fresh.at(-1)!.state === 0) return fresh.at(-1)!;
  }
  throw new Error('the update did not finish in 60 s of virtual time');
}

const lastModel = (d: Device) => d.models.filter((m) => m.status === 'loaded').at(-1);

let d: Device;
beforeAll(async () => {
  d = await device(new Board(factoryBoard({ factory: FACTORY_PUBLIC_KEY, owner: OWNER.publicKey }, factoryImage)));
  d.sim.runFor(10 * S);
});

describe('anomaly firmware over the air', () => {
  it('boots the factory image: the compiled-in model, verified and self-tested', () => {
    expect(lastModel(d)).toMatchObject({ source: 'image', version: '1.0.0+0', k: defaults.k });
    expect(d.statuses.at(-1)).toMatchObject({ state: 0, running: '1.0.0+0', running_key_slot: 8 });
    // The agent's lines are comments in the CSV the firmware writes to serial.
    expect(d.serial()).toMatch(/^# OTA: running v1\.0\.0\+0$/m);
    expect(d.serial()).not.toMatch(/^OTA:/m);
    expect(d.samples.at(-1)!.predicted).not.toBeNull();
  });

  it('runs a retrained regression once it is confirmed, and keeps detecting', async () => {
    const status = deploy(d, await signed(1), 1);
    expect(status).toMatchObject({ result: 1, running: '1.1.0+0', running_key_slot: 9 });
    expect(lastModel(d)).toMatchObject({ source: 'image', version: '1.1.0+0', sigma: 0.25 });
    const before = d.samples.length;
    d.sim.runFor(5 * S);
    const fresh = d.samples.slice(before);
    expect(fresh.length).toBe(5);
    expect(fresh.every((s) => s.predicted !== null && s.phase === 'detect')).toBe(true);
  });

  it('refuses a tampered copy and an image whose self-test fails; the retrained model stays', async () => {
    const tampered = await signed(2);
    tampered[32 + 40] ^= 0x01;
    expect(deploy(d, tampered, 2)).toMatchObject({ result: 5, running: '1.1.0+0' });
    const failing = deploy(d, await signed(3, { failingSelfTest: true }), 3);
    expect(failing).toMatchObject({ result: 8, running: '1.1.0+0' });
    expect(failing.status).toMatch(/self-test failed: vector 3/);
    expect(lastModel(d)).toMatchObject({ version: '1.1.0+0' });
  });

  it('boots the deployed model after a reset', async () => {
    const again = await device(
      new Board({ flash: d.sim.board.flash.snapshot(), keys: d.sim.board.secureElement.provisioned() }),
    );
    again.sim.runFor(2 * S);
    expect(lastModel(again)).toMatchObject({ source: 'image', version: '1.1.0+0', sigma: 0.25 });
  });

  it('runs the compiled-in model on a board that was never programmed', async () => {
    const blank = await device(new Board());
    blank.sim.runFor(2 * S);
    expect(lastModel(blank)).toMatchObject({ source: 'default' });
    expect(blank.serial()).toMatch(/^# OTA: /m);
  });
});
