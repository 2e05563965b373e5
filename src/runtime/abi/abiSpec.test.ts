import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FW_EXPORTS, IrqSource, LCD_FB_BYTES, MAX_ALARMS, MAX_BLOB_SLOTS, MAX_TELEMETRY_BYTES, Pin, SIM_ABI_VERSION, SIM_IMPORTS, TOUCH_HEIGHT, TOUCH_WIDTH } from './abiSpec';

const header = readFileSync(new URL('../../../wasm/include/sim_abi.h', import.meta.url), 'utf8');
const names = (re: RegExp) => [...header.matchAll(re)].map((m) => m[1]).sort();
const define = (name: string) => {
  const m = header.match(new RegExp(`#define ${name} (\\S+)`));
  if (!m) throw new Error(`sim_abi.h lacks ${name}`);
  return m[1];
};
const evalC = (expr: string): number => Number(expr.replace(/u$/, ''));

describe('sim_abi.h ↔ abiSpec.ts', () => {
  it('declares the same host imports', () => {
    expect(names(/SIM_(?:YIELD_)?IMPORT\((sim_\w+)\)/g)).toEqual(Object.keys(SIM_IMPORTS).sort());
  });
  it('declares the same firmware exports', () => {
    expect(names(/SIM_EXPORT\((fw_\w+)\)/g)).toEqual([...FW_EXPORTS].sort());
  });
  it('agrees on version, pins, interrupt sources and limits', () => {
    expect(evalC(define('SIM_ABI_VERSION'))).toBe(SIM_ABI_VERSION);
    for (const [name, value] of Object.entries(Pin)) expect(evalC(define(`SIM_PIN_${name}`)), name).toBe(value);
    const headerPins = names(/#define SIM_PIN_(\w+) /g);
    expect(headerPins).toEqual(Object.keys(Pin).sort());
    for (const [name, value] of Object.entries(IrqSource)) expect(evalC(define(`SIM_IRQ_${name}`)), name).toBe(value);
    expect(evalC(define('SIM_MAX_ALARMS'))).toBe(MAX_ALARMS);
    expect(evalC(define('SIM_MAX_BLOB_SLOTS'))).toBe(MAX_BLOB_SLOTS);
    expect(evalC(define('SIM_MAX_TELEMETRY_BYTES'))).toBe(MAX_TELEMETRY_BYTES);
    expect([evalC(define('SIM_TOUCH_WIDTH')), evalC(define('SIM_TOUCH_HEIGHT'))]).toEqual([TOUCH_WIDTH, TOUCH_HEIGHT]);
    expect(LCD_FB_BYTES).toBe((evalC(define('SIM_LCD_WIDTH')) * evalC(define('SIM_LCD_HEIGHT'))) / 8);
  });
  it('marks exactly the SIM_YIELD_IMPORT imports as yielding', () => {
    const expected = Object.entries(SIM_IMPORTS).filter(([, v]) => v.yields).map(([k]) => k);
    expect(names(/SIM_YIELD_IMPORT\((sim_\w+)\)/g)).toEqual(expected.sort());
  });
});
