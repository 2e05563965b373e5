import { describe, expect, it } from 'vitest';
import { csvLearningModel } from './presets';
import { decodeModelBlob, encodeModelBlob, type AnomalyModel } from './modelBlob';
import { MODEL_SELF_TEST_HEADER_BYTES, selfTestRows, writeAnomalyPackage } from './modelPackage';
import { predictFeatures, residuals } from './regression';

const model: AnomalyModel = {
  ...csvLearningModel(1000),
  learnOnDevice: false,
  bias: 0.5,
  weights: [0, 0, 0, 0.1, 0.3, 0.58],
  sigma: 0.2,
};
const series = Array.from({ length: 40 }, (_, i) => 20 + Math.sin(i / 3) + i * 0.01);

describe('anomaly model package', () => {
  it('is the blob, then the self-test header and each vector with the prediction the firmware must compute', () => {
    const rows = selfTestRows(model, series, 4);
    const pkg = writeAnomalyPackage(model, rows);
    const blob = encodeModelBlob(model);
    expect(pkg.subarray(0, blob.length)).toEqual(blob);
    expect(decodeModelBlob(pkg.subarray(0, blob.length)).ok).toBe(true);
    expect(String.fromCharCode(...pkg.subarray(blob.length, blob.length + 4))).toBe('ANST');
    const dv = new DataView(pkg.buffer);
    expect(dv.getUint16(blob.length + 4, true)).toBe(4);
    expect(pkg.length).toBe(blob.length + MODEL_SELF_TEST_HEADER_BYTES + 4 * 7 * 4);
    // Row r holds readings r..r+5 and the prediction for reading r+6: the residual there is reading minus it.
    const r = residuals(series, model, model);
    for (let v = 0; v < 4; v++) {
      const at = blob.length + MODEL_SELF_TEST_HEADER_BYTES + v * 7 * 4;
      expect(dv.getFloat32(at, true)).toBe(Math.fround(series[v]!));
      const expected = dv.getFloat32(at + 6 * 4, true);
      expect(expected).toBe(predictFeatures(model, rows[v]!));
      expect(Math.fround(series[v + 6]!) - expected).toBe(r[v]);
    }
  });

  it('writes a wrong last prediction for a failing self-test, and nothing else differs', () => {
    const rows = selfTestRows(model, series, 4);
    const good = writeAnomalyPackage(model, rows);
    const bad = writeAnomalyPackage(model, rows, { failingSelfTest: true });
    const differing = [...good.keys()].filter((i) => good[i] !== bad[i]);
    expect(differing.length).toBeGreaterThan(0);
    expect(Math.min(...differing)).toBeGreaterThanOrEqual(good.length - 4);
  });

  it('refuses vectors that do not fit the model', () => {
    expect(() => writeAnomalyPackage(model, [])).toThrow(/1\.\.16 vectors/);
    expect(() => writeAnomalyPackage(model, [new Float32Array(3)])).toThrow(/6 features/);
    expect(() => selfTestRows(model, series.slice(0, 8), 4)).toThrow(/need 10 readings/);
  });
});
