import { describe, expect, it } from 'vitest';
import { FlashStatus } from '../abi/abiSpec';
import { FLASH_BASE, FLASH_BYTES, FLASH_SECTORS, sectorAt } from './flashMap';
import { SimFlash, type FlashWriteOp } from './SimFlash';

const KB = 1024;
const SECTOR5 = 0x0802_0000;
const words = (...values: number[]) => new Uint8Array(new Uint32Array(values).buffer);

describe('SimFlash: the STM32F413ZH sector map (RM0430)', () => {
  it('has 4×16 KB, 64 KB and 11×128 KB sectors from 0x08000000 to 0x0817FFFF', () => {
    expect(FLASH_SECTORS.map((s) => s.bytes / KB)).toEqual([16, 16, 16, 16, 64, ...Array(11).fill(128)]);
    expect(FLASH_SECTORS[0].address).toBe(0x0800_0000);
    expect(FLASH_SECTORS[4].address).toBe(0x0801_0000);
    expect(FLASH_SECTORS[5].address).toBe(0x0802_0000);
    expect(FLASH_SECTORS[15].address).toBe(0x0816_0000);
    expect(FLASH_BYTES).toBe(1536 * KB);
    expect(sectorAt(0x0817_ffff)?.index).toBe(15);
    expect(sectorAt(0x0818_0000)).toBeUndefined();
    expect(sectorAt(0x07ff_ffff)).toBeUndefined();
  });

  it('a new board starts erased', () => {
    const flash = new SimFlash();
    expect(flash.read(FLASH_BASE, 16)).toEqual(new Uint8Array(16).fill(0xff));
    expect(flash.snapshot().every((b) => b === 0xff)).toBe(true);
    expect(flash.snapshot().length).toBe(FLASH_BYTES);
  });
});

describe('SimFlash: programming', () => {
  it('programs whole words at word-aligned addresses, taking 16 µs per word', () => {
    const flash = new SimFlash();
    expect(flash.program(SECTOR5 + 8, words(0x11223344, 0xdeadbeef))).toEqual({ status: FlashStatus.OK, busyUs: 32 });
    expect(flash.read(SECTOR5 + 8, 8)).toEqual(words(0x11223344, 0xdeadbeef));
    expect(flash.read(SECTOR5 + 4, 4)).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('refuses unaligned addresses and lengths that are not whole words, changing nothing', () => {
    const flash = new SimFlash();
    expect(flash.program(SECTOR5 + 2, words(0))).toEqual({ status: FlashStatus.ALIGN, busyUs: 0 });
    expect(flash.program(SECTOR5, new Uint8Array(6))).toEqual({ status: FlashStatus.ALIGN, busyUs: 0 });
    expect(flash.read(SECTOR5, 16)).toEqual(new Uint8Array(16).fill(0xff));
  });

  it('refuses a word that is not erased, even one that would only clear bits, and keeps the old data', () => {
    const flash = new SimFlash();
    flash.program(SECTOR5, words(0xffff0000));
    expect(flash.program(SECTOR5, words(0x00000000)).status).toBe(FlashStatus.NOT_ERASED);
    expect(flash.program(SECTOR5 - 4, words(1, 2)).status).toBe(FlashStatus.NOT_ERASED); // straddles it
    expect(flash.read(SECTOR5 - 4, 8)).toEqual(new Uint8Array([255, 255, 255, 255, 0, 0, 255, 255]));
  });

  it('refuses ranges outside the flash', () => {
    const flash = new SimFlash();
    expect(flash.program(FLASH_BASE - 4, words(0)).status).toBe(FlashStatus.RANGE);
    expect(flash.program(FLASH_BASE + FLASH_BYTES - 4, words(0, 0)).status).toBe(FlashStatus.RANGE);
    expect(flash.program(FLASH_BASE + FLASH_BYTES - 4, words(0)).status).toBe(FlashStatus.OK);
    expect(flash.read(FLASH_BASE + FLASH_BYTES - 2, 4)).toBeUndefined();
    expect(flash.read(0, 4)).toBeUndefined();
  });
});

describe('SimFlash: erasing', () => {
  it('erases a whole sector to 0xFF and nothing beside it, taking the datasheet time for its size', () => {
    const flash = new SimFlash();
    flash.program(SECTOR5 - 4, words(0, 0, 0)); // last word of sector 4, first two of sector 5
    expect(flash.eraseSector(SECTOR5)).toEqual({ status: FlashStatus.OK, busyUs: 1_000_000 });
    expect(flash.read(SECTOR5 - 4, 12)).toEqual(new Uint8Array([0, 0, 0, 0, ...Array(8).fill(255)]));
    expect(flash.eraseSector(0x0801_0000).busyUs).toBe(550_000);
    expect(flash.eraseSector(0x0800_4000).busyUs).toBe(250_000);
    expect(flash.program(SECTOR5, words(7)).status).toBe(FlashStatus.OK); // programmable again
  });

  it('refuses an address that is not a sector start, or outside the flash', () => {
    const flash = new SimFlash();
    flash.program(SECTOR5, words(0));
    expect(flash.eraseSector(SECTOR5 + 4)).toEqual({ status: FlashStatus.ALIGN, busyUs: 0 });
    expect(flash.eraseSector(FLASH_BASE + FLASH_BYTES)).toEqual({ status: FlashStatus.RANGE, busyUs: 0 });
    expect(flash.read(SECTOR5, 4)).toEqual(words(0));
  });
});

describe('SimFlash: persistence', () => {
  it('a copy that replays the write events equals the flash, and a board built from a snapshot keeps it', () => {
    const flash = new SimFlash();
    const mirror = new SimFlash();
    const ops: FlashWriteOp[] = [];
    flash.addWriteListener((op) => {
      ops.push(op);
      mirror.apply(op);
    });
    flash.program(SECTOR5, words(1, 2, 3));
    flash.eraseSector(SECTOR5);
    flash.program(SECTOR5 + 16, words(4));
    flash.program(SECTOR5 + 1, words(5)); // refused: no event
    expect(ops.map((o) => o.kind)).toEqual(['program', 'erase', 'program']);
    expect(Buffer.from(mirror.snapshot()).equals(flash.snapshot())).toBe(true);
    const rebooted = new SimFlash(mirror.snapshot());
    expect(rebooted.read(SECTOR5 + 16, 4)).toEqual(words(4));
    expect(rebooted.read(SECTOR5, 4)).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('refuses contents of the wrong size', () => {
    expect(() => new SimFlash(new Uint8Array(1024))).toThrow(/1024 bytes/);
  });
});
