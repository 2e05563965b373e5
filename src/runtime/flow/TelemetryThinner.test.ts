import { describe, expect, it } from 'vitest';
import { TelemetryThinner } from './TelemetryThinner';

const sample = (i: number, value = 20, anomaly = false) =>
  JSON.stringify({ type: 'anomaly.sample', t_us: i, value, predicted: 20, anomaly, n: i + 1 });

describe('TelemetryThinner', () => {
  it('passes every report through while there are few', () => {
    const t = new TelemetryThinner(8);
    const sent = [sample(0), JSON.stringify({ type: 'mnist.inference', digit: 3 }), sample(1)];
    for (const s of sent) t.push(s);
    expect(t.take()).toEqual(sent);
    expect(t.take()).toBeUndefined();
  });

  it('thins a flood evenly to a bounded count, keeping anomalies, spikes and the newest report', () => {
    const t = new TelemetryThinner(64);
    const special = new Map([
      [12_345, sample(12_345, 20, true)],
      [40_001, sample(40_001, 31)],
      [77_777, sample(77_777, 20, true)],
    ]);
    for (let i = 0; i < 100_000; i++) t.push(special.get(i) ?? sample(i));
    expect(t.bufferedChars).toBeLessThan(200 * 128);
    const kept = t.take()!.map((j) => JSON.parse(j) as { t_us: number; value: number; anomaly: boolean });
    expect(kept.length).toBeLessThanOrEqual(130);
    expect(kept.length).toBeGreaterThanOrEqual(64);
    expect(kept.filter((k) => k.anomaly).map((k) => k.t_us)).toEqual([12_345, 77_777]);
    expect(kept.some((k) => k.value === 31)).toBe(true);
    expect(kept[kept.length - 1].t_us).toBe(99_999);
    const times = kept.map((k) => k.t_us);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Evenly: no stretch of the stream is left without a kept report much longer than a group.
    const gaps = times.slice(1).map((x, i) => x - times[i]);
    expect(Math.max(...gaps)).toBeLessThan(3 * (100_000 / 64));
  });

  it('bounds a firmware that invents a new type for every report', () => {
    const t = new TelemetryThinner(4);
    for (let i = 0; i < 10_000; i++) t.push(JSON.stringify({ type: `t${i}`, v: i }));
    expect(t.take()!.length).toBeLessThan(16 * 8 + 16);
  });
});
