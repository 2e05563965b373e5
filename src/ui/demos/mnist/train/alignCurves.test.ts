import { describe, expect, it } from 'vitest';
import { alignCurves } from './TrainCurves';

describe('training curves on one x axis', () => {
  it('merges batch points and epoch-end points, null where a series has none', () => {
    const train = [
      { x: 0.5, loss: 2, accuracy: 0.4 },
      { x: 1, loss: 1, accuracy: 0.7 },
      { x: 1.5, loss: 0.8, accuracy: 0.8 },
    ];
    const validation = [
      { x: 1, loss: 0.9, accuracy: 0.75 },
      { x: 2, loss: 0.7, accuracy: 0.85 },
    ];
    expect(alignCurves(train, validation, 'loss')).toEqual([
      [0.5, 1, 1.5, 2],
      [2, 1, 0.8, null],
      [null, 0.9, null, 0.7],
    ]);
    expect(alignCurves(train, validation, 'accuracy')[2]).toEqual([null, 0.75, null, 0.85]);
  });
});
