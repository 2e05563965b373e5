// The internal flash of the board's STM32F413ZH, described once: its sector map and what each region holds. The
// C++ side (wasm/mbed/include/flash_map.h) is generated from this file (npm run gen:contracts; flashMap.test.ts
// fails when the committed header differs).
//
// Sector map: RM0430 (STM32F413/423 reference manual), section 3.3 "Embedded Flash memory", the table of the
// 1.5 Mbyte Flash module organisation: main memory at 0x0800 0000, sectors 0–3 of 16 Kbytes, sector 4 of
// 64 Kbytes, sectors 5–15 of 128 Kbytes (0x0800 0000 – 0x0817 FFFF).
//
// Timings: DS11581 (STM32F413xG/H datasheet), section 6.3 "Operating conditions", the "Flash memory programming"
// table, at x32 program/erase parallelism (VDD 2.7–3.6 V; PSIZE = word): word programming 16 µs typical (100 µs
// maximum), sector erase 250 ms / 550 ms / 1 s typical for 16 / 64 / 128 Kbytes (500 ms / 1.1 s / 2 s maximum).
// The board takes the typical figures.

export const FLASH_BASE = 0x0800_0000;
export const FLASH_ERASED_BYTE = 0xff;
/** x32 parallelism: the controller programs one 32-bit word per operation. */
export const FLASH_PROGRAM_BYTES = 4;
export const FLASH_WORD_PROGRAM_US = 16;

const KB = 1024;

export interface FlashSector {
  readonly index: number;
  readonly address: number;
  readonly bytes: number;
  /** Typical erase time of this sector, µs. */
  readonly eraseUs: number;
}

const ERASE_US: Record<number, number> = { [16 * KB]: 250_000, [64 * KB]: 550_000, [128 * KB]: 1_000_000 };

const SECTOR_BYTES = [...Array<number>(4).fill(16 * KB), 64 * KB, ...Array<number>(11).fill(128 * KB)];

export const FLASH_SECTORS: readonly FlashSector[] = SECTOR_BYTES.map((bytes, index) => ({
  index,
  address: FLASH_BASE + SECTOR_BYTES.slice(0, index).reduce((a, b) => a + b, 0),
  bytes,
  eraseUs: ERASE_US[bytes],
}));

export const FLASH_BYTES = SECTOR_BYTES.reduce((a, b) => a + b, 0);

export interface FlashRegion {
  /** C++ name stem: kFirmware..., kPrimary..., and so on. */
  readonly name: string;
  readonly firstSector: number;
  readonly lastSector: number;
  readonly purpose: string;
}

/**
 * What the flash holds. The firmware keeps sectors 0–6 (384 KB: the small sectors suit a boot loader and its
 * configuration, the rest the application); the two model slots share what is left but one sector equally, so a
 * model image may take 512 KB, the largest two equal slots this flash allows beside the firmware and a scratch
 * sector; the last sector is the update's scratch and trailer area (swap scratch, swap state).
 */
export const FLASH_REGIONS: readonly FlashRegion[] = [
  { name: 'firmware', firstSector: 0, lastSector: 6, purpose: 'the firmware image (boot loader and application)' },
  { name: 'primary', firstSector: 7, lastSector: 10, purpose: 'model slot 0: the model that runs' },
  { name: 'secondary', firstSector: 11, lastSector: 14, purpose: 'model slot 1: where an update is downloaded' },
  { name: 'scratch', firstSector: 15, lastSector: 15, purpose: 'update scratch and trailer area' },
];

export function regionAddress(region: FlashRegion): number {
  return FLASH_SECTORS[region.firstSector].address;
}

export function regionBytes(region: FlashRegion): number {
  return FLASH_SECTORS.slice(region.firstSector, region.lastSector + 1).reduce((a, s) => a + s.bytes, 0);
}

/** The sector holding `address`, or undefined outside the flash. */
export function sectorAt(address: number): FlashSector | undefined {
  return FLASH_SECTORS.find((s) => address >= s.address && address < s.address + s.bytes);
}
