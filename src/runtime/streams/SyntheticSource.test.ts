import { describe, expect, it } from 'vitest';
import { scatterAnomalies, SyntheticSource } from './SyntheticSource';

const S = 1_000_000;

describe('SyntheticSource', () => {
  it('is reproducible from its seed and holds each reading for one period', () => {
    const a = new SyntheticSource({ seed: 5 });
    const b = new SyntheticSource({ seed: 5 });
    const c = new SyntheticSource({ seed: 6 });
    for (let i = 0; i < 50; i++) expect(a.valueAt(i * S)).toBe(b.valueAt(i * S));
    expect(a.valueAt(3 * S)).toBe(a.valueAt(3 * S + 999_999));
    expect(a.valueAt(3 * S)).not.toBe(c.valueAt(3 * S));
  });

  it('has the daily cycle, drift and noise it was asked for', () => {
    const s = new SyntheticSource({ seed: 1, baselineC: 20, dailyAmplitudeC: 4, noiseC: 0, driftCPerDay: 0 });
    // coldest at 04:00 (reading 48 of 288), warmest at 16:00 (reading 192)
    expect(s.reading(48)).toBeCloseTo(16, 6);
    expect(s.reading(192)).toBeCloseTo(24, 6);
    const d = new SyntheticSource({ dailyAmplitudeC: 0, noiseC: 0, driftCPerDay: 1, baselineC: 0 });
    expect(d.reading(0)).toBe(0);
    expect(Math.abs(d.reading(288))).toBeGreaterThan(0.1); // drifting from the first day
    const n = new SyntheticSource({ dailyAmplitudeC: 0, driftCPerDay: 0, baselineC: 0, noiseC: 0.5 });
    let sq = 0;
    for (let i = 0; i < 5000; i++) sq += n.reading(i) ** 2;
    expect(Math.sqrt(sq / 5000)).toBeCloseTo(0.5, 1);
  });

  it('keeps its drift bounded and mean-reverting over 100+ virtual hours', () => {
    const hours = 120;
    const readings = (hours * 3600 * S) / 1_000_000; // one reading per virtual second
    for (const seed of [1, 2, 3, 42]) {
      const s = new SyntheticSource({ seed, dailyAmplitudeC: 0, noiseC: 0 });
      const { baselineC, driftRangeC, driftCPerDay, readingsPerDay } = s.options;
      let lo = Infinity;
      let hi = -Infinity;
      let crossings = 0;
      let steepest = 0;
      for (let i = 0; i < readings; i += 36) {
        const v = s.reading(i) - baselineC;
        if (i > 0) steepest = Math.max(steepest, Math.abs(v - (s.reading(i - 36) - baselineC)) * (readingsPerDay / 36));
        if (i > 0 && Math.sign(v) !== Math.sign(s.reading(i - 36) - baselineC)) crossings++;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      expect(hi).toBeLessThanOrEqual(driftRangeC);
      expect(lo).toBeGreaterThanOrEqual(-driftRangeC);
      expect(hi - lo).toBeGreaterThan(driftRangeC / 2); // it does drift...
      expect(crossings).toBeGreaterThan(4); // ...and comes back
      expect(steepest).toBeLessThanOrEqual(driftCPerDay * 1.001);
    }
    // the default stream with its daily cycle and noise stays a room temperature
    const full = new SyntheticSource({ seed: 42 });
    for (let i = 0; i < readings; i += 997) expect(Math.abs(full.reading(i) - 22)).toBeLessThan(6);
  });

  it('injects spikes, steps, stuck readings and noise bursts where asked, and lists them', () => {
    const opts = { seed: 2, noiseC: 0.1 };
    const clean = new SyntheticSource(opts);
    const s = new SyntheticSource({
      ...opts,
      anomalies: [
        { kind: 'step', atUs: 200 * S, durationUs: 50 * S, magnitudeC: -3 },
        { kind: 'spike', atUs: 100.5 * S, magnitudeC: 5 },
        { kind: 'stuck', atUs: 300 * S, durationUs: 20 * S },
        { kind: 'noise', atUs: 400 * S, durationUs: 30 * S, magnitudeC: 2 },
      ],
    });
    expect(s.anomalies.map((a) => [a.kind, a.firstReading, a.lastReading])).toEqual([
      ['spike', 101, 101],
      ['step', 200, 249],
      ['stuck', 300, 319],
      ['noise', 400, 429],
    ]);
    expect(s.anomalies[0].startUs).toBe(101 * S);
    expect(s.reading(101) - clean.reading(101)).toBeCloseTo(5, 9);
    expect(s.reading(102)).toBe(clean.reading(102));
    expect(s.reading(220) - clean.reading(220)).toBeCloseTo(-3, 9);
    expect(s.reading(250)).toBe(clean.reading(250));
    for (let i = 300; i < 320; i++) expect(s.reading(i)).toBe(clean.reading(299));
    let sq = 0;
    for (let i = 400; i < 430; i++) sq += (s.reading(i) - clean.reading(i)) ** 2;
    expect(Math.sqrt(sq / 30)).toBeGreaterThan(1);
  });

  it('refuses bad options by name', () => {
    expect(() => new SyntheticSource({ noiseC: NaN })).toThrow(/noiseC/);
    expect(() => new SyntheticSource({ readingPeriodUs: 0 })).toThrow(/readingPeriodUs/);
    expect(() => new SyntheticSource({ anomalies: [{ kind: 'wobble' as never, atUs: 0 }] })).toThrow(/wobble/);
  });

  it('scatters non-overlapping anomalies reproducibly', () => {
    const a = scatterAnomalies({ seed: 3, fromUs: 0, toUs: 1000 * S, count: 8 });
    expect(a).toEqual(scatterAnomalies({ seed: 3, fromUs: 0, toUs: 1000 * S, count: 8 }));
    const s = new SyntheticSource({ anomalies: a });
    for (let i = 1; i < s.anomalies.length; i++)
      expect(s.anomalies[i].startUs).toBeGreaterThanOrEqual(s.anomalies[i - 1].endUs);
  });
});
