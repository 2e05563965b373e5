import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc32, decodeModelBlob, encodeModelBlob, type AnomalyModel } from './modelBlob';
import { generateModelBlobHeader, MODEL_BLOB_HEADER_PATH } from './modelBlobHeader';

const model: AnomalyModel = {
  k: 3,
  timeOfDay: true,
  todPeriod: 288,
  learnOnDevice: false,
  debounce: 2,
  holdoff: 10,
  learnMin: 300,
  learnWindow: 600,
  refitEvery: 100,
  z: 1.96,
  alarmZ: 3.6,
  sigma: 0.25,
  sigmaFloor: 0.01,
  bias: 0.5,
  weights: [0.25, 0.25, 0.5, 0.125, -0.25],
};

describe('model blob', () => {
  it('the firmware reads it through wasm/apps/anomaly/model_blob.h, generated from this layout (npm run gen:contracts)', () => {
    expect(readFileSync(new URL(`../../../${MODEL_BLOB_HEADER_PATH}`, import.meta.url), 'utf8')).toBe(
      generateModelBlobHeader(),
    );
  });

  it('uses the zlib CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips, with the documented layout', () => {
    const b = encodeModelBlob(model);
    expect(b.length).toBe(44 + 4 * 5);
    expect(String.fromCharCode(...b.subarray(0, 4))).toBe('ANMD');
    expect(b[8]).toBe(3);
    expect(b[9]).toBe(1);
    expect(new DataView(b.buffer).getUint16(22, true)).toBe(360); // alarm threshold in hundredths of sigma
    const r = decodeModelBlob(b);
    if (!r.ok) throw new Error(r.error);
    expect(r.model).toEqual({ ...model, z: Math.fround(1.96), sigmaFloor: Math.fround(0.01) });
  });

  it('rejects corruption with a reason', () => {
    const b = encodeModelBlob(model);
    const flip = (i: number) => {
      const c = b.slice();
      c[i] ^= 0x40;
      return decodeModelBlob(c);
    };
    expect(flip(44)).toEqual({ ok: false, error: expect.stringMatching(/CRC mismatch/) });
    expect(flip(0)).toEqual({ ok: false, error: expect.stringMatching(/bad magic/) });
    expect(flip(4)).toEqual({ ok: false, error: expect.stringMatching(/unsupported version 65/) });
    expect(decodeModelBlob(b.subarray(0, 30))).toEqual({ ok: false, error: 'blob too short (30 bytes)' });
    expect(decodeModelBlob(b.subarray(0, 50))).toEqual({
      ok: false,
      error: expect.stringMatching(/length field says 64/),
    });
    expect(() => encodeModelBlob({ ...model, weights: [1] })).toThrow(/expected 5 weights/);
    expect(() => encodeModelBlob({ ...model, z: 0 })).toThrow(/z must be > 0/);
    expect(() => encodeModelBlob({ ...model, alarmZ: 0.5 })).toThrow(/alarm threshold must be 0 \(off\) or 1/);
  });
});
