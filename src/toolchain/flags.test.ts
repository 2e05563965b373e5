// The link flags follow the firmware's sources: a flash window (MBED_FLASH_WINDOW, FlashWindow.h) adds a model slot
// to the memory after the SRAM; every other firmware gets exactly the board's SRAM.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOARD_SRAM_BYTES, FLASH_WINDOW_BYTES, WASM_PAGE_BYTES } from '../runtime/boardMemory';
import { FLASH_REGIONS, regionBytes } from '../runtime/peripherals/flashMap';
import { declaresFlashWindow, firmwareMemoryBytes, linkFlags } from './flags';

const memoryFlags = (flags: string[]) => flags.filter((f) => /-memory=/.test(f));

describe('link flags', () => {
  it('give a firmware without a flash window exactly the board SRAM', () => {
    const sources = { 'main.cpp': '// MBED_FLASH_WINDOW(x) in a comment declares nothing\nint main() {}\n' };
    expect(declaresFlashWindow(sources)).toBe(false);
    expect(memoryFlags(linkFlags(sources))).toEqual([
      `-Wl,--initial-memory=${BOARD_SRAM_BYTES}`,
      `-Wl,--max-memory=${BOARD_SRAM_BYTES}`,
    ]);
  });

  it('add the window, one model slot, for a firmware that declares it', () => {
    const sources = { 'a.cpp': 'int x;\n', 'b.cpp': 'namespace {\nMBED_FLASH_WINDOW(g_window);\n}\n' };
    const bytes = BOARD_SRAM_BYTES + regionBytes(FLASH_REGIONS.find((r) => r.name === 'primary')!);
    expect(firmwareMemoryBytes(sources)).toBe(bytes);
    expect(FLASH_WINDOW_BYTES % WASM_PAGE_BYTES).toBe(0);
    expect(memoryFlags(linkFlags(sources))).toEqual([`-Wl,--initial-memory=${bytes}`, `-Wl,--max-memory=${bytes}`]);
  });

  it('find the declaration the SDK header documents, and the model runner declares it', () => {
    const header = readFileSync(new URL('../../wasm/mbed/include/FlashWindow.h', import.meta.url), 'utf8');
    expect(header).toMatch(/#define MBED_FLASH_WINDOW\(name\) alignas\(16\) uint8_t name\[flash_map::kPrimaryBytes\]/);
    const usage = /^\/\/ {3}(MBED_FLASH_WINDOW\(g_window\);)$/m.exec(header)![1]!;
    expect(declaresFlashWindow({ 'x.cpp': usage })).toBe(true);
    const runner = readFileSync(new URL('../../wasm/apps/model_runner/installed_model.cpp', import.meta.url), 'utf8');
    expect(declaresFlashWindow({ 'installed_model.cpp': runner })).toBe(true);
  });
});
