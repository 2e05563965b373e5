import { describe, expect, it } from 'vitest';
import { CsvSource } from './CsvSource';
import type { CsvTrace } from './parseCsvTrace';

const trace = (t: number[], v: number[]): CsvTrace => ({
  t: Float64Array.from(t),
  v: Float64Array.from(v),
  timeFormat: 'seconds',
  header: null,
});
const S = 1_000_000;

describe('CsvSource', () => {
  it('maps the nominal interval to the reading period (5-min readings → one per virtual second)', () => {
    const s = new CsvSource(trace([0, 300, 600, 900], [1, 2, 3, 4]));
    expect(s.nominalIntervalS).toBe(300);
    expect(s.compression).toBe(300);
    expect([0, 0.999, 1, 2.5, 3, 99].map((x) => s.valueAt(x * S))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(s.indexAt(-1)).toBe(-1);
    expect(s.valueAt(-1)).toBe(1); // held before the start
    expect(s.endUs).toBe(4 * S);
  });

  it('keeps the proportions of gaps and starts where asked', () => {
    const s = new CsvSource(trace([0, 60, 120, 600, 660], [1, 2, 3, 4, 5]), {
      startUs: 10 * S,
      readingPeriodUs: 2 * S,
    });
    expect(Array.from(s.offsetsUs)).toEqual([0, 2, 4, 20, 22].map((x) => x * S));
    expect(s.valueAt(10 * S + 19 * S)).toBe(3);
    expect(s.readingTimeUs(3)).toBe(30 * S);
  });

  it('replays a clock jump backwards as one nominal interval: every reading is shown once', () => {
    // like NAB row 10,149: the clock steps back 55 minutes
    const t = [0, 300, 600, 900, 1200, 600, 900, 1200, 1500];
    const s = new CsvSource(trace(t, [0, 1, 2, 3, 4, 5, 6, 7, 8]));
    const seen = Array.from({ length: 9 }, (_, i) => s.valueAt(i * S + 500_000));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('refuses a malformed trace', () => {
    expect(() => new CsvSource(trace([], []))).toThrow(/CsvSource/);
    expect(() => new CsvSource(trace([0, 1], [1]))).toThrow(/matching/);
  });
});
