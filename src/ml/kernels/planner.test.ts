import { describe, expect, it } from 'vitest';
import { makeRng } from '../golden/generate';
import { randomPlannerProblem } from '../golden/tableCases';
import { alignUp, findOverlaps, planGreedy, planLinear, type PlannerBuffer } from './planner';

function peakLive(buffers: PlannerBuffer[]): number {
  const ops = Math.max(0, ...buffers.map((b) => b.lastUse + 1));
  let peak = 0;
  for (let t = 0; t < ops; t++)
    peak = Math.max(
      peak,
      buffers.reduce((s, b) => s + (b.firstUse <= t && t <= b.lastUse ? b.size : 0), 0),
    );
  return peak;
}

describe('memory planner', () => {
  it('reuses memory along an MLP chain (784-128-64-10 + softmax)', () => {
    const buffers = [
      { size: 784, firstUse: 0, lastUse: 0 },
      { size: 128, firstUse: 0, lastUse: 1 },
      { size: 64, firstUse: 1, lastUse: 2 },
      { size: 10, firstUse: 2, lastUse: 3 },
      { size: 10, firstUse: 3, lastUse: 3 },
    ];
    expect(planGreedy(buffers)).toEqual({ offsets: [0, 784, 0, 64, 0], requiredBytes: 912 });
    expect(planLinear(buffers)).toEqual({ offsets: [0, 784, 912, 976, 992], requiredBytes: 1002 });
  });

  it('never overlaps two live buffers, across thousands of random problems', () => {
    const rng = makeRng(42);
    let problems = 0;
    for (let p = 0; p < 3000; p++) {
      const n = Math.floor(rng() * 80);
      const t = randomPlannerProblem(rng, n, 1 + Math.floor(rng() * 30));
      const buffers: PlannerBuffer[] = [];
      for (let i = 0; i < t.length; i += 3) buffers.push({ size: t[i]!, firstUse: t[i + 1]!, lastUse: t[i + 2]! });
      const g = planGreedy(buffers);
      const l = planLinear(buffers);
      expect(findOverlaps(buffers, g.offsets)).toEqual([]);
      expect(findOverlaps(buffers, l.offsets)).toEqual([]);
      expect(g.offsets.every((o) => o % 16 === 0) && l.offsets.every((o) => o % 16 === 0)).toBe(true);
      expect(g.requiredBytes).toBeLessThanOrEqual(alignUp(l.requiredBytes, 16));
      expect(g.requiredBytes).toBeGreaterThanOrEqual(peakLive(buffers));
      problems++;
    }
    expect(problems).toBe(3000);
  });

  it('detects overlaps it is shown', () => {
    const buffers = [
      { size: 32, firstUse: 0, lastUse: 2 },
      { size: 32, firstUse: 2, lastUse: 3 },
      { size: 32, firstUse: 4, lastUse: 4 },
    ];
    expect(findOverlaps(buffers, [0, 16, 0])).toEqual([[0, 1]]);
  });

  it('rejects invalid lifetimes by name', () => {
    expect(() => planGreedy([{ size: 4, firstUse: 3, lastUse: 1 }])).toThrow(/planner: buffer 0/);
  });
});
