// The anomaly firmware on the NAB machine-temperature trace (../shared/data/nab), scored as NAB scores.
import { describe, expect, it } from 'vitest';

describe('anomaly firmware on the NAB machine-temperature trace', () => {
  it('beats the published twitterADVec score (raw -0.24) with the bench configuration', async () => {
    const { runNab } = await import('../../bench/nab');
    const r = await runNab();
    expect(r.rows).toBe(22_695);
    expect(r.score.truePositives).toBe(4);
    expect(r.score.raw).toBeGreaterThan(0.5);
  });
});
