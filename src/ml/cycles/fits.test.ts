import { describe, expect, it } from 'vitest';
import { boardById } from './boards';
import { fitsBoard, needsFromTotals, needsWithModel } from './fits';

// The shipped MNIST firmware's report (docs/mnist.md, memory figures).
const TOTALS = {
  flash_model_bytes: 110_812,
  static_ram_bytes: 43_928,
  arena_capacity: 3_360,
  stack_high_water: 2_200,
  heap_high_water: 3_100,
};

describe('the firmware with another model in place of its own', () => {
  it('is the firmware itself when the model is its own', () => {
    expect(needsWithModel(TOTALS, 88_557, { flashBytes: 110_812, arenaBytes: 3_360 })).toEqual(
      needsFromTotals(TOTALS, 88_557),
    );
  });

  it('swaps the model’s flash and its arena, keeping the rest of the firmware', () => {
    const needs = needsWithModel(TOTALS, 88_557, { flashBytes: 25_752, arenaBytes: 1_344 });
    expect(needs).toEqual({
      modelFlashBytes: 25_752,
      codeBytes: 88_557,
      staticRamBytes: 43_928 - 3_360 + 1_344,
      stackBytes: 2_200,
      heapBytes: 3_100,
    });
    expect(fitsBoard(boardById('disco-f413zh'), needs).fits).toBe(true);
    // A model too large for the flash of a small part.
    const big = needsWithModel(TOTALS, 88_557, { flashBytes: 1_000_000, arenaBytes: 9_000 });
    expect(fitsBoard(boardById('frdm-k64f'), big)).toMatchObject({
      fits: false,
      flash: { fits: false },
      sram: { fits: true },
    });
  });
});
