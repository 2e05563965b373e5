import { describe, expect, it } from 'vitest';
import { lifetimeSpan, memoryBars } from './memoryChart';

const memory = {
  sram: { arena: 100, persistent: 20, runtime: 30, stack: 50 },
  flash: { weights: 300, quantParams: 40, graph: 10, code: 50 },
};

describe('the memory breakdown chart', () => {
  it('stacks each memory’s parts in order, on the larger total’s scale', () => {
    const [sram, flash] = memoryBars(memory);
    expect(sram!.label).toBe('SRAM');
    expect(sram!.total).toBe(200);
    expect(flash!.total).toBe(400);
    expect(sram!.segments.map((s) => [s.key, s.bytes, s.start, s.width])).toEqual([
      ['arena', 100, 0, 0.25],
      ['persistent', 20, 0.25, 0.05],
      ['runtime', 30, 0.3, 0.075],
      ['stack', 50, 0.375, 0.125],
    ]);
    expect(flash!.segments.map((s) => s.key)).toEqual(['weights', 'quantParams', 'graph', 'code']);
    const last = flash!.segments.at(-1)!;
    expect(last.start + last.width).toBe(1);
  });

  it('keeps a part of zero bytes in the legend with no width, and never divides by zero', () => {
    const empty = memoryBars({
      sram: { arena: 0, persistent: 0, runtime: 0, stack: 0 },
      flash: { weights: 0, quantParams: 0, graph: 0, code: 0 },
    });
    for (const bar of empty) {
      expect(bar.total).toBe(0);
      expect(bar.segments).toHaveLength(4);
      for (const s of bar.segments) expect([s.start, s.width]).toEqual([0, 0]);
    }
  });
});

describe('an arena lifetime on the op axis', () => {
  it('spans from the first to the last op that uses the tensor, both included', () => {
    expect(lifetimeSpan(0, 0, 4)).toEqual({ start: 0, width: 0.25 });
    expect(lifetimeSpan(1, 2, 4)).toEqual({ start: 0.25, width: 0.5 });
    expect(lifetimeSpan(3, 3, 4)).toEqual({ start: 0.75, width: 0.25 });
  });

  it('stays inside the axis for indices outside it', () => {
    expect(lifetimeSpan(-2, 9, 4)).toEqual({ start: 0, width: 1 });
    expect(lifetimeSpan(2, 1, 4)).toEqual({ start: 0.5, width: 0.25 });
    expect(lifetimeSpan(0, 0, 0)).toEqual({ start: 0, width: 1 });
  });
});
