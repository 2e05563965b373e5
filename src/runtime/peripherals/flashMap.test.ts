import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLASH_BYTES, FLASH_REGIONS, FLASH_SECTORS, regionAddress, regionBytes } from './flashMap';
import { FLASH_MAP_HEADER_PATH, generateFlashMapHeader } from './flashMapHeader';

describe('flash map', () => {
  it('covers every sector exactly once, in order', () => {
    const sectors = FLASH_REGIONS.flatMap((r) =>
      Array.from({ length: r.lastSector - r.firstSector + 1 }, (_, i) => r.firstSector + i),
    );
    expect(sectors).toEqual(FLASH_SECTORS.map((s) => s.index));
    expect(FLASH_REGIONS.reduce((a, r) => a + regionBytes(r), 0)).toBe(FLASH_BYTES);
  });

  it('gives the two model slots the same size, 512 KB each, and the firmware 384 KB', () => {
    const [firmware, primary, secondary] = FLASH_REGIONS;
    expect(regionBytes(primary)).toBe(512 * 1024);
    expect(regionBytes(secondary)).toBe(regionBytes(primary));
    expect(regionBytes(firmware)).toBe(384 * 1024);
    expect(regionAddress(primary)).toBe(0x0806_0000);
    expect(regionAddress(secondary)).toBe(0x080e_0000);
  });

  it('the committed C++ header is what gen:contracts writes (run npm run gen:contracts after a change)', () => {
    expect(readFileSync(new URL(`../../../${FLASH_MAP_HEADER_PATH}`, import.meta.url), 'utf8')).toBe(
      generateFlashMapHeader(),
    );
  });
});
