import { describe, expect, it } from 'vitest';
import { wasmSizes } from './wasmCode';

describe('wasmSizes', () => {
  it('measures the code section and the active data segments', () => {
    // (module (memory 1) (func) (data (i32.const 11) "abc"))
    const bytes = Uint8Array.from([
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00,
      0x01,
      0x04,
      0x01,
      0x60,
      0x00,
      0x00, // type: () -> ()
      0x03,
      0x02,
      0x01,
      0x00, // func 0 : type 0
      0x05,
      0x03,
      0x01,
      0x00,
      0x01, // memory min 1
      0x0a,
      0x04,
      0x01,
      0x02,
      0x00,
      0x0b, // code: one body (size 2: no locals, end)
      0x0b,
      0x09,
      0x01,
      0x00,
      0x41,
      0x0b,
      0x0b,
      0x03,
      0x61,
      0x62,
      0x63, // data at 11: "abc"
    ]);
    expect(() => new WebAssembly.Module(bytes)).not.toThrow();
    expect(wasmSizes(bytes)).toEqual({ codeBytes: 4, dataBytes: 3, totalBytes: bytes.length });
  });

  it('refuses what is not wasm', () => {
    expect(() => wasmSizes(new Uint8Array(16))).toThrow(/not a WebAssembly module/);
  });
});
