import { describe, expect, it } from 'vitest';
import { checkModel } from './modelBlob';
import { csvLearningModel } from './presets';

describe('csvLearningModel', () => {
  it('learns over 15 % of the trace, at most 750 readings, holds off a few readings only, and always encodes', () => {
    expect(csvLearningModel(22_695)).toMatchObject({
      learnOnDevice: true,
      learnMin: 750,
      learnWindow: 4032,
      refitEvery: 288,
      alarmZ: 3.6,
      debounce: 4,
      holdoff: 5,
    });
    expect(csvLearningModel(1000).learnMin).toBe(150);
    expect(csvLearningModel(10).learnMin).toBe(14);
    for (const n of [0, 10, 1000, 22_695, 1e6]) expect(checkModel(csvLearningModel(n))).toBeUndefined();
  });
});
