import { beforeEach, describe, expect, it } from 'vitest';
import type { TrainOutcome } from '../ml/train/protocol';
import { useStore } from './store';
import type { TrainedModel } from './workbenchSlice';

const initial = useStore.getState();
const model = { hidden: [32], int8Accuracy: 0.9 } as TrainedModel;
const report = { stopped: false } as TrainOutcome;

describe('the training workbench slice', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('starts on the script’s default settings', () => {
    expect(useStore.getState().trainForm).toMatchObject({ hidden: '128,64', epochs: '12', batchSize: '32' });
  });

  it('a new run clears the curves and keeps the last trained model until it completes', () => {
    const s = useStore.getState();
    s.finishTrainRun(report, model);
    s.startTrainRun();
    s.addTrainProgress(
      { epoch: 1, epochs: 2, batch: 5, batches: 10, elapsedMs: 100 },
      { x: 0.5, loss: 1, accuracy: 0.5 },
    );
    s.addValidationPoint({ x: 1, loss: 0.8, accuracy: 0.7 });
    expect(useStore.getState()).toMatchObject({ trainPhase: 'loading', trainedModel: model, trainReport: report });
    expect(useStore.getState().trainCurve).toHaveLength(1);
    expect(useStore.getState().validationCurve).toHaveLength(1);
    s.setTrainPhase('nothing-trained', 'Stopped');
    expect(useStore.getState().trainedModel).toBe(model);
    s.startTrainRun();
    expect(useStore.getState()).toMatchObject({ trainCurve: [], validationCurve: [], trainMessage: undefined });
  });
});
