// What a board is when it leaves the factory: an erased flash with the app's signed model image in the primary
// model slot (if the app runs one), and the trusted public keys in their secure-element key slots — the factory
// key the factory images are signed with, and the owner's (docs/ota.md "Keys"); the workshop slot is provisioned
// when the board joins a workshop (docs/fleet.md). The firmware's update agent reads the same slot numbers (wasm/mbed/include/UpdateAgent.h; updateAgent.test.ts checks they agree).
import type { BoardNonVolatile } from './Board';
import { FLASH_ERASED_BYTE, FLASH_PROGRAM_BYTES, FLASH_REGIONS, regionAddress } from './peripherals/flashMap';
import { SimFlash } from './peripherals/SimFlash';

export const KEY_SLOTS = { factory: 8, owner: 9, workshop: 10 } as const;

const PRIMARY_SLOT = regionAddress(FLASH_REGIONS.find((r) => r.name === 'primary')!);

export interface FactoryKeys {
  factory: Uint8Array;
  owner?: Uint8Array;
}

export function factoryBoard(keys: FactoryKeys, factoryImage?: Uint8Array): BoardNonVolatile {
  const flash = new SimFlash();
  if (factoryImage) {
    const words = new Uint8Array(Math.ceil(factoryImage.length / FLASH_PROGRAM_BYTES) * FLASH_PROGRAM_BYTES);
    words.fill(FLASH_ERASED_BYTE).set(factoryImage);
    const r = flash.program(PRIMARY_SLOT, words);
    if (r.status !== 0) throw new Error(`factoryBoard: the factory image does not fit the primary slot`);
  }
  const provisioned: [number, Uint8Array][] = [[KEY_SLOTS.factory, keys.factory]];
  if (keys.owner) provisioned.push([KEY_SLOTS.owner, keys.owner]);
  return { flash: flash.snapshot(), keys: provisioned };
}
