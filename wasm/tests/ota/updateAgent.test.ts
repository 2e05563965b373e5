// The device side of an over-the-air model update on virtual time, with the board's real flash, secure element
// and update link: a factory image boots; a signed update is downloaded, verified, swapped in, self-tested and
// confirmed; tampered, foreign, older, misdirected, oversized and failing images are refused with the LwM2M result
// they deserve while the running model stays; a download resumes after the link drops; Roll back restores the
// previous image.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEY_SLOTS } from '../../../src/runtime/factory';
import { boot, etagOf, FACTORY, image, keptOf, STRANGER, type TestDevice, WORKSHOP } from './updateAgentFirmware';

const RESULT = { initial: 0, success: 1, notEnoughFlash: 2, connectionLost: 4, integrity: 5, unsupported: 6 } as const;
const FAILED = 8;

/** Offers `img` and runs until the agent is idle again (or `maxUs` of virtual time passed). */
function deploy(device: TestDevice, img: Uint8Array, etag: number, maxUs = 60_000_000): void {
  const before = device.statuses.length;
  device.sim.board.updateLink.offerPackage(img, etagOf(etag));
  const end = device.sim.clock.nowUs + maxUs;
  while (device.sim.clock.nowUs < end) {
    device.sim.runFor(100_000);
    const fresh = device.statuses.slice(before);
    if (fresh.some((s) => s.state !== 0) && device.last().state === 0) return;
  }
}

let device: TestDevice;
beforeAll(async () => {
  device = await boot(undefined, await image([1, 0, 0], 'GOOD factory model', FACTORY));
  device.sim.runFor(1_000_000);
});

describe('UpdateAgent', () => {
  it('trusts the key slots the factory provisions', () => {
    const header = readFileSync(new URL('../../mbed/include/UpdateAgent.h', import.meta.url), 'utf8');
    const slot = (name: string) => Number(header.match(new RegExp(`${name} = (\\d+);`))?.[1]);
    expect({
      factory: slot('kFactoryKeySlot'),
      owner: slot('kOwnerKeySlot'),
      workshop: slot('kWorkshopKeySlot'),
    }).toEqual(KEY_SLOTS);
  });

  it('boots the factory image: verified by the secure element and installed', () => {
    expect(device.serial()).toContain('installed GOOD factory model');
    expect(device.serial()).toContain('booted');
    expect(device.last()).toMatchObject({ state: 0, running: '1.0.0+0', running_key_slot: 8 });
    expect(device.last().slots[0]).toMatchObject({ version: '1.0.0+0', confirmed: true });
  });

  it('downloads, verifies, swaps in, self-tests and confirms a signed update', async () => {
    const t0 = device.sim.clock.nowUs;
    deploy(device, await image([1, 1, 0], 'GOOD retrained model'), 1);
    expect(device.serial()).toContain('installed GOOD retrained model');
    expect(device.last()).toMatchObject({ state: 0, result: RESULT.success, running: '1.1.0+0', running_key_slot: 9 });
    expect(device.last().slots.map((s) => s.version)).toEqual(['1.1.0+0', '1.0.0+0']);
    expect(device.last().slots[0].confirmed).toBe(true);
    // The states it went through, in LwM2M's order.
    const states = device.statuses.map((s) => s.state);
    expect(states).toEqual(expect.arrayContaining([1, 2, 3]));
    // Erasing and swapping 128 KB sectors takes seconds of virtual time (DS11581: 1 s per sector erase).
    expect(device.sim.clock.nowUs - t0).toBeGreaterThan(3_000_000);
  });

  it('refuses a tampered copy (one flipped byte) and keeps running the model it had', async () => {
    const img = await image([1, 2, 0], 'GOOD but tampered');
    img[40] ^= 0x01;
    deploy(device, img, 2);
    expect(device.last()).toMatchObject({ result: RESULT.integrity, running: '1.1.0+0' });
    expect(device.last().status).toMatch(/digest/);
  });

  it('refuses an image signed by a key the secure element does not hold', async () => {
    deploy(device, await image([1, 2, 0], 'GOOD from a stranger', STRANGER), 3);
    expect(device.last()).toMatchObject({ result: RESULT.integrity, running: '1.1.0+0' });
    expect(device.last().status).toMatch(/trust/);
  });

  it('trusts a workshop key provisioned while it runs, from the next download on', async () => {
    const fromWorkshop = await image([1, 2, 0], 'GOOD from the workshop', WORKSHOP);
    deploy(device, fromWorkshop, 30);
    expect(device.last()).toMatchObject({ result: RESULT.integrity, running: '1.1.0+0' });
    device.sim.board.secureElement.provision(KEY_SLOTS.workshop, WORKSHOP.publicKey);
    deploy(device, fromWorkshop, 31);
    expect(device.last()).toMatchObject({ result: RESULT.success, running: '1.2.0+0', running_key_slot: 10 });
  });

  it('refuses a lower security counter, another app, and an image larger than the slot', async () => {
    const rollbackBase = await image([1, 3, 0], 'GOOD counter 5', undefined, { securityCounter: 5 });
    deploy(device, rollbackBase, 4);
    expect(device.last()).toMatchObject({ result: RESULT.success, running: '1.3.0+0', security_counter: 5 });
    deploy(device, await image([1, 4, 0], 'GOOD counter 4', undefined, { securityCounter: 4 }), 5);
    expect(device.last()).toMatchObject({ result: FAILED, running: '1.3.0+0' });
    expect(device.last().status).toMatch(/rollback/);
    deploy(device, await image([1, 4, 0], 'GOOD for mnist', undefined, { securityCounter: 5, target: 'mnist' }), 6);
    expect(device.last()).toMatchObject({ result: RESULT.unsupported, running: '1.3.0+0' });
    deploy(device, new Uint8Array(400 * 1024), 7);
    expect(device.last()).toMatchObject({ result: RESULT.notEnoughFlash, running: '1.3.0+0' });
  });

  it('reverts an image whose self-test fails', async () => {
    deploy(device, await image([2, 0, 0], 'BAD model', undefined, { securityCounter: 5 }), 8);
    expect(device.last()).toMatchObject({ result: FAILED, running: '1.3.0+0' });
    expect(device.last().status).toMatch(/self-test failed; kept v1.3.0/);
    expect(device.last().slots[0]).toMatchObject({ version: '1.3.0+0', confirmed: true });
  });

  it('resumes a download after the link drops, from the block it had', async () => {
    const big = await image([2, 1, 0], `GOOD ${'x'.repeat(12_000)}`, undefined, { securityCounter: 5 });
    const link = device.sim.board.updateLink;
    link.offerPackage(big, etagOf(9));
    while (!(device.last().downloaded_bytes >= 4096)) device.sim.runFor(10_000);
    link.setConnected(false);
    device.sim.runFor(5_000_000);
    expect(device.last()).toMatchObject({ state: 0, result: RESULT.connectionLost });
    const had = device.last().downloaded_bytes;
    expect(had).toBeGreaterThan(0);
    link.setConnected(true);
    deploy(device, big, 9);
    expect(device.serial()).toMatch(new RegExp(`resuming at ${had / 1024} KB`));
    expect(device.last()).toMatchObject({ result: RESULT.success, running: '2.1.0+0' });
  });

  it('boots the model it had after a reset, and the update it confirmed', async () => {
    const again = await boot(keptOf(device));
    again.sim.runFor(1_000_000);
    expect(again.last()).toMatchObject({ running: '2.1.0+0' });
  });
});
