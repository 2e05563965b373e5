import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Edge,
  encodeTouch,
  FlashStatus,
  FW_EXPORTS,
  GpioMode,
  IrqSource,
  LCD_FB_BYTES,
  LCD_HEIGHT,
  LCD_WIDTH,
  LINK_BLOCK_BYTES,
  LINK_ETAG_BYTES,
  LinkEvent,
  LinkStatus,
  MAX_ALARMS,
  MAX_BLOB_SLOTS,
  MAX_TELEMETRY_BYTES,
  NET_NAME_BYTES,
  NetStatus,
  Pin,
  SIM_ABI_VERSION,
  SIM_IMPORTS,
  TOUCH_HEIGHT,
  TOUCH_WIDTH,
  TouchBits,
} from './abiSpec';

const header = readFileSync(new URL('../../../wasm/include/sim_abi.h', import.meta.url), 'utf8');
const names = (re: RegExp) => [...header.matchAll(re)].map((m) => m[1]).sort();
const prefixed = (prefix: string, values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));

/** Every object-like `#define SIM_X <number>` of the header. */
const numericDefines = () =>
  Object.fromEntries(
    [...header.matchAll(/^#define (SIM_\w+) (0x[0-9A-Fa-f]+|\d+|\(-\d+\))u?(?: *\/\/.*)?$/gm)].map((m) => [
      m[1],
      Number(m[2].replace(/[()]/g, '')),
    ]),
  );

/** A function-like macro of the header as a JS function of its argument (its body is plain C integer arithmetic). */
function macro(name: string): (arg: number) => number {
  const m = header.match(new RegExp(`^#define ${name}\\((\\w+)\\) (.+)$`, 'm'));
  if (!m) throw new Error(`sim_abi.h lacks ${name}(arg)`);
  const defines = numericDefines();
  const body = m[2]
    .replace(/\bSIM_\w+\b/g, (n) => String(defines[n] ?? n))
    .replace(/(\b0x[0-9A-Fa-f]+|\b\d+)u\b/g, '$1');
  return new Function(m[1], `return (${body}) >>> 0;`) as (arg: number) => number;
}

describe('sim_abi.h ↔ abiSpec.ts', () => {
  it('declares the same host imports', () => {
    expect(names(/SIM_(?:YIELD_)?IMPORT\((sim_\w+)\)/g)).toEqual(Object.keys(SIM_IMPORTS).sort());
  });
  it('declares the same firmware exports', () => {
    expect(names(/SIM_EXPORT\((fw_\w+)\)/g)).toEqual([...FW_EXPORTS].sort());
  });
  it('has exactly the constants of abiSpec.ts, with the same values (a constant on one side only fails)', () => {
    expect(numericDefines()).toEqual({
      SIM_ABI_VERSION,
      ...prefixed('SIM_PIN_', Pin),
      ...prefixed('SIM_GPIO_', GpioMode),
      ...prefixed('SIM_EDGE_', Edge),
      ...prefixed('SIM_IRQ_', IrqSource),
      SIM_TOUCH_WIDTH: TOUCH_WIDTH,
      SIM_TOUCH_HEIGHT: TOUCH_HEIGHT,
      ...prefixed('SIM_TOUCH_', TouchBits),
      SIM_MAX_ALARMS: MAX_ALARMS,
      SIM_LCD_WIDTH: LCD_WIDTH,
      SIM_LCD_HEIGHT: LCD_HEIGHT,
      SIM_MAX_BLOB_SLOTS: MAX_BLOB_SLOTS,
      SIM_MAX_TELEMETRY_BYTES: MAX_TELEMETRY_BYTES,
      SIM_LINK_BLOCK_BYTES: LINK_BLOCK_BYTES,
      SIM_LINK_ETAG_BYTES: LINK_ETAG_BYTES,
      ...prefixed('SIM_LINK_', LinkEvent),
      ...prefixed('SIM_LINK_', LinkStatus),
      ...prefixed('SIM_NET_', NetStatus),
      SIM_NET_NAME_BYTES: NET_NAME_BYTES,
      ...prefixed('SIM_FLASH_', FlashStatus),
    });
    expect(LCD_FB_BYTES).toBe(macroFree('SIM_LCD_FB_BYTES'));
  });
  it('decodes with the header macros what encodeTouch encodes', () => {
    const [down, x, y] = [macro('SIM_TOUCH_DOWN'), macro('SIM_TOUCH_X'), macro('SIM_TOUCH_Y')];
    for (const [d, px, py] of [
      [true, 0, 0],
      [true, 239, 17],
      [false, 120, 239],
      [false, 0xfff, 0xfff],
    ] as const) {
      const arg = encodeTouch(d, px, py);
      expect([down(arg), x(arg), y(arg)]).toEqual([d ? 1 : 0, px, py]);
    }
  });
  it('marks exactly the SIM_YIELD_IMPORT imports as yielding', () => {
    const expected = Object.entries(SIM_IMPORTS)
      .filter(([, v]) => v.yields)
      .map(([k]) => k);
    expect(names(/SIM_YIELD_IMPORT\((sim_\w+)\)/g)).toEqual(expected.sort());
  });
});

/** An object-like define whose value is an expression of other defines, evaluated. */
function macroFree(name: string): number {
  const m = header.match(new RegExp(`^#define ${name} (.+)$`, 'm'));
  if (!m) throw new Error(`sim_abi.h lacks ${name}`);
  const defines = numericDefines();
  return new Function(`return ${m[1].replace(/\bSIM_\w+\b/g, (n) => String(defines[n]))};`)() as number;
}
