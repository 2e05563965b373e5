import { describe, expect, it } from 'vitest';
import { SampleWindow } from './SampleWindow';

const sample = (i: number, value = 20, anomaly = false) => ({
  t_us: i * 1e6,
  value,
  predicted: 20,
  lo: 19,
  hi: 21,
  anomaly,
});

describe('SampleWindow', () => {
  it('keeps the newest samples up to its capacity', () => {
    const w = new SampleWindow(3);
    for (let i = 0; i < 5; i++) w.push(sample(i));
    expect(w.size).toBe(3);
    expect(w.decimate(10)[0]).toEqual([2, 3, 4]);
  });

  it('decimates to the bucket count but keeps spikes and anomaly markers', () => {
    const w = new SampleWindow(10_000);
    for (let i = 0; i < 10_000; i++) w.push(sample(i, i === 5_003 ? 30 : 20, i === 5_003));
    const [t, v, p, , , marks] = w.decimate(100);
    expect(t.length).toBe(100);
    expect(v).toContain(30);
    expect(marks.filter((m) => m !== null)).toEqual([30]);
    expect(p.every((x) => x === 20)).toBe(true);
  });

  it('leaves the band empty while the detector warms up', () => {
    const w = new SampleWindow(4);
    w.push({ t_us: 0, value: 21, predicted: null, lo: null, hi: null, anomaly: false });
    expect(w.decimate(4)).toEqual([[0], [21], [null], [null], [null], [null]]);
  });
});
