import { beforeEach, describe, expect, it } from 'vitest';
import type { TrainOutcome } from '../ml/train/protocol';
import { useStore } from '../state/store';
import { settingsFromForm, trainedModelOf } from './training';

const initial = useStore.getState();

describe('the Train tab’s form and result', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('turns the form into the settings the trainer takes, the seed of npm run train:mnist', () => {
    useStore.getState().setTrainForm({ hidden: '64, 32', epochs: '3', batchSize: '16', learningRate: '0.002' });
    expect(settingsFromForm()).toEqual({
      ok: true,
      settings: { hidden: [64, 32], epochs: 3, batchSize: 16, learningRate: 0.002, seed: 7 },
    });
  });

  it('names the first bad setting', () => {
    useStore.getState().setTrainForm({ hidden: '64', batchSize: '0' });
    expect(settingsFromForm()).toEqual({ ok: false, message: 'Batch size: a whole number from 1 to 1024.' });
    useStore.getState().setTrainForm({ hidden: 'x', batchSize: '0' });
    expect(settingsFromForm()).toMatchObject({ ok: false, message: expect.stringMatching(/^Layer 1: “x”/) });
  });

  it('makes the store’s trainedModel of a run’s outcome', () => {
    const outcome = {
      settings: { hidden: [32], epochs: 1, batchSize: 32, learningRate: 0.001, seed: 7 },
      artefact: { format: 'tinyml-sim/int8-mlp@1' },
      evaluation: {
        floatAccuracy: 0.91,
        int8Accuracy: 0.9,
        agreement: 0.99,
        footprint: { flashBytes: 25_752, arenaBytes: 1_344 },
      },
    } as unknown as TrainOutcome;
    expect(trainedModelOf(outcome, 1234)).toEqual({
      artefact: outcome.artefact,
      hidden: [32],
      floatAccuracy: 0.91,
      int8Accuracy: 0.9,
      agreement: 0.99,
      flashBytes: 25_752,
      arenaBytes: 1_344,
      trainedAt: 1234,
    });
  });
});
