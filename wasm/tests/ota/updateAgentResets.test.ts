// A reset at any moment of an update — download, verification, swap, trial, confirmation, revert — leaves a board
// that boots and runs a good model. Each scenario records every flash write the update makes; for every prefix of
// those writes, a fresh board boots from the flash as it was at that moment and must end up running either the
// previous image or the new one (and the new one only once it was confirmed or can still be tried and confirmed).
import { describe, expect, it } from 'vitest';
import { SimFlash, type FlashWriteOp } from '../../../src/runtime/peripherals/SimFlash';
import { boot, etagOf, FACTORY, image, type TestDevice } from './updateAgentFirmware';

async function recordUpdate(text: string): Promise<{ before: Uint8Array; ops: FlashWriteOp[]; device: TestDevice }> {
  const device = await boot(undefined, await image([1, 0, 0], 'GOOD factory model', FACTORY));
  device.sim.runFor(1_000_000);
  const before = device.board.flash.snapshot();
  const ops: FlashWriteOp[] = [];
  device.board.flash.addWriteListener((op) => ops.push(op));
  device.sim.board.updateLink.offerPackage(await image([1, 1, 0], text), etagOf(1));
  device.sim.runFor(30_000_000);
  return { before, ops, device };
}

/** Boots a board whose flash saw the first `n` writes of `ops`, and returns what it runs once it settled. */
async function runningAfterReset(before: Uint8Array, ops: FlashWriteOp[], n: number, keys: TestDevice) {
  const flash = new SimFlash(before);
  for (const op of ops.slice(0, n)) flash.apply(op);
  const device = await boot({ flash: flash.snapshot(), keys: keys.board.secureElement.provisioned() });
  device.sim.runFor(30_000_000);
  return { running: device.last()?.running ?? null, serial: device.serial() };
}

describe('a reset during an update', () => {
  it('at any flash write of a successful update boots the old model or the new one', async () => {
    const { before, ops, device } = await recordUpdate('GOOD retrained model');
    expect(device.last()).toMatchObject({ running: '1.1.0+0', result: 1 });
    expect(ops.length).toBeGreaterThan(20);
    const seen = new Set<string | null>();
    for (let n = 0; n <= ops.length; n++) {
      const { running, serial } = await runningAfterReset(before, ops, n, device);
      expect(running, `reset after write ${n} of ${ops.length}:\n${serial}`).toMatch(/^1\.[01]\.0\+0$/);
      seen.add(running);
    }
    // Early resets keep the old model; once the swap finished and the image was confirmed, the new one stays.
    expect([...seen].sort()).toEqual(['1.0.0+0', '1.1.0+0']);
    expect((await runningAfterReset(before, ops, ops.length, device)).running).toBe('1.1.0+0');
  });

  it('at any flash write of an update whose self-test fails boots the old model', async () => {
    const { before, ops, device } = await recordUpdate('BAD model');
    expect(device.last()).toMatchObject({ running: '1.0.0+0', result: 8 });
    expect(ops.length).toBeGreaterThan(20);
    for (let n = 0; n <= ops.length; n++) {
      const { running, serial } = await runningAfterReset(before, ops, n, device);
      expect(running, `reset after write ${n} of ${ops.length}:\n${serial}`).toBe('1.0.0+0');
    }
  });
});
