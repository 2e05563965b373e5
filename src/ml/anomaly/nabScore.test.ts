import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nabScore, probationaryRows, scaledSigmoid, windowsFromTimestamps } from './nabScore';

const det = (n: number, rows: number[]) => {
  const d = new Uint8Array(n);
  for (const r of rows) d[r] = 1;
  return d;
};
// Hand-computed constants: σs(-1) = 2/(1+e^-5) - 1 = 0.9866142981514305; σs(-0.5) = 0.8482836399575131.
const S1 = 0.9866142981514305;

describe('nabScore', () => {
  it('follows the scaled sigmoid of NAB', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(S1, 15);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.8482836399575131, 15);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-S1, 15);
    expect(scaledSigmoid(3)).toBe(-1);
    expect(probationaryRows(2000)).toBe(300);
    expect(probationaryRows(22_695)).toBe(750);
  });

  // 2000 rows (probation 300), one window 1000..1099 (width 100).
  const win = [{ start: 1000, end: 1099 }];

  it('scores hand-computed small cases', () => {
    expect(nabScore(det(2000, []), win)).toMatchObject({
      raw: -1,
      normalized: 0,
      nullScore: -1,
      perfectScore: 1,
      falseNegatives: 1,
    });
    expect(nabScore(det(2000, [1000]), win)).toMatchObject({ raw: 1, normalized: 100, truePositives: 1 });
    // halfway: p = -(1099-1050+1)/100 = -0.5 → 0.84828/0.98661
    expect(nabScore(det(2000, [1050]), win).raw).toBeCloseTo(0.8482836399575131 / S1, 12);
    // last row: p = -0.01 → tanh(0.025)/σs(-1)
    expect(nabScore(det(2000, [1099]), win).raw).toBeCloseTo(Math.tanh(0.025) / S1, 12);
    // only the earliest detection in a window counts
    expect(nabScore(det(2000, [1020, 1050, 1090]), win).raw).toBeCloseTo(scaledSigmoid(-0.8) / S1, 12);
    // a false positive before the first window costs the full 0.11; one right after a window almost nothing
    const s = nabScore(det(2000, [500, 1000, 1100, 1400]), win);
    const fpAfter = 0.11 * -Math.tanh(2.5 / 99); // p = 1/99 → 2/(1+e^(5/99)) - 1
    expect(s.fpScore).toBeCloseTo(-0.11 + fpAfter - 0.11, 12); // 1400: p = 301/99 > 3 → full cost
    expect(s.raw).toBeCloseTo(1 + s.fpScore, 12);
    expect(s.falsePositives).toBe(3);
    // detections in the probationary period are ignored
    expect(nabScore(det(2000, [0, 100, 299]), win).raw).toBe(-1);
    expect(nabScore(det(2000, [300]), win).raw).toBeCloseTo(-1 - 0.11, 12); // first scored row: an FP, and the window missed
    // normalised: 100·(raw+1)/2
    expect(nabScore(det(2000, [1050]), win).normalized).toBeCloseTo((100 * (0.8482836399575131 / S1 + 1)) / 2, 10);
  });

  it('refuses overlapping or out-of-range windows', () => {
    expect(() => nabScore(det(10, []), [{ start: 5, end: 12 }])).toThrow(/bad window/);
    expect(() =>
      nabScore(det(20, []), [
        { start: 1, end: 5 },
        { start: 5, end: 8 },
      ]),
    ).toThrow(/overlap/);
  });

  it('gives the published null (-4.0) and perfect (+4.0) scores on the NAB machine-temperature file', () => {
    const base = new URL('../../../../shared/data/nab/', import.meta.url);
    const lines = readFileSync(new URL('machine_temperature_system_failure.csv', base), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const t = lines.map((l) => Date.parse(`${l.split(',')[0].replace(' ', 'T')}Z`));
    const spec = JSON.parse(readFileSync(new URL('windows.json', base), 'utf8'))[
      'realKnownCause/machine_temperature_system_failure.csv'
    ] as [string, string][];
    const windows = windowsFromTimestamps(
      t,
      spec.map(
        ([a, b]) =>
          [
            Date.parse(`${a.slice(0, 19).replace(' ', 'T')}Z`),
            Date.parse(`${b.slice(0, 19).replace(' ', 'T')}Z`),
          ] as const,
      ),
    );
    expect(windows).toEqual([
      { start: 2126, end: 2692 },
      { start: 3703, end: 4269 },
      { start: 16057, end: 16623 },
      { start: 19232, end: 19798 },
    ]);
    const none = nabScore(det(t.length, []), windows);
    expect(none.raw).toBe(-4);
    expect(none.normalized).toBe(0);
    const perfect = nabScore(
      det(
        t.length,
        windows.map((w) => w.start),
      ),
      windows,
    );
    expect(perfect.raw).toBeCloseTo(4, 12);
    expect(perfect.normalized).toBeCloseTo(100, 10);
  });
});
