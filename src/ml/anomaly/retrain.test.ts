import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/mulberry32';
import { longestRun, retrainRegression, type PostedReading } from './retrain';

/** An AR(2)-like temperature series with noise, as a device would post it (n counts readings). */
function posted(count: number, seed = 1, from = 1): PostedReading[] {
  const rand = mulberry32(seed);
  const out: PostedReading[] = [];
  let a = 22;
  let b = 22;
  for (let i = 0; i < count; i++) {
    const v = 22 + 0.6 * (a - 22) + 0.3 * (b - 22) + (rand() - 0.5) * 0.4;
    // The running model: a worse predictor (the last reading), none during its warm-up.
    out.push({ n: from + i, value: v, predicted: i < 10 ? null : a });
    b = a;
    a = v;
  }
  return out;
}

describe('retraining the regression from posted readings', () => {
  it('keeps the longest run of consecutive readings', () => {
    const r = [...posted(5, 1, 1), ...posted(8, 2, 10), ...posted(3, 3, 30)];
    expect(longestRun(r).map((x) => x.n)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
    expect(longestRun([])).toEqual([]);
  });

  it('fits the first 80%, tests on the rest, and beats the running model on the same readings', () => {
    const r = retrainRegression(posted(2000), 3);
    expect(r).toMatchObject({ k: 3, readings: 2000, trainReadings: 1600, testReadings: 400 });
    // Noise uniform in ±0.2: variance 0.4² / 12 ≈ 0.0133 — the best any predictor can do.
    expect(r.trainMse).toBeGreaterThan(0.011);
    expect(r.trainMse).toBeLessThan(0.0145);
    expect(r.testMse).toBeLessThan(0.016);
    expect(r.running.trainMse!).toBeGreaterThan(r.trainMse);
    expect(r.running.testMse!).toBeGreaterThan(r.testMse);
    expect(r.model.weights[2]).toBeCloseTo(0.6, 1); // newest reading last
  });

  it('says how many readings it needs when there are too few', () => {
    expect(() => retrainRegression(posted(40), 6)).toThrow(
      'retraining needs at least 80 consecutive readings; the longest run kept has 40',
    );
  });
});
