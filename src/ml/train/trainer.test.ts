// The trainer in Node on the wasm backend, on a subset so each run takes a fraction of a second.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDigitSet } from '../mnist/files';
import { useWasmBackend } from './nodeBackend';
import type { TrainSettings } from './settings';
import { subset } from './subset';
import { trainMlp, type BatchProgress } from './trainer';
import { weightsSha256 } from './weightsHash';

const train = subset(loadDigitSet('train'), 1000);
const test = subset(loadDigitSet('test'), 300);
const SMALL: TrainSettings = { hidden: [32], epochs: 1, batchSize: 40, learningRate: 0.003, seed: 3 };

async function hashOf(settings: TrainSettings): Promise<string> {
  const run = await trainMlp(train, settings);
  run.model.dispose();
  return weightsSha256(run.mlp!);
}

beforeAll(useWasmBackend);

describe('the MNIST trainer', () => {
  it('gives the same weights for the same seed, other weights for another seed', async () => {
    const a = await hashOf(SMALL);
    expect(await hashOf(SMALL)).toBe(a);
    expect(await hashOf({ ...SMALL, seed: 4 })).not.toBe(a);
    expect(await hashOf({ ...SMALL, hidden: [32, 8] })).not.toBe(a);
  });

  it('learns: loss falls and held-out accuracy rises epoch by epoch', async () => {
    const run = await trainMlp(train, { ...SMALL, epochs: 3 }, { validation: test });
    run.model.dispose();
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(run.epochs[2]!.trainLoss).toBeLessThan(run.epochs[0]!.trainLoss);
    expect(run.epochs[2]!.validationAccuracy!).toBeGreaterThan(0.8);
    expect(run.epochs[2]!.validationLoss!).toBeLessThan(run.epochs[0]!.validationLoss!);
    expect(run.stopped).toBe(false);
  });

  it('reports every batch with the running loss and accuracy of the epoch', async () => {
    const seen: BatchProgress[] = [];
    const run = await trainMlp(train, { ...SMALL, epochs: 2 }, { onBatch: (p) => void seen.push(p) });
    run.model.dispose();
    expect(seen).toHaveLength(2 * 25);
    expect(seen[0]).toMatchObject({ epoch: 1, batch: 1, batches: 25 });
    expect(seen.at(-1)).toMatchObject({ epoch: 2, batch: 25, batches: 25 });
    expect(seen.at(-1)!.accuracy).toBeGreaterThan(0.5);
    expect(seen[24]!.loss).toBeCloseTo(run.epochs[0]!.trainLoss, 5);
  });

  it('stopped inside epoch 2 keeps exactly the weights of epoch 1', async () => {
    const oneEpoch = await hashOf(SMALL);
    let batches = 0;
    const run = await trainMlp(
      train,
      { ...SMALL, epochs: 5 },
      { onBatch: () => void batches++, shouldStop: () => batches >= 27 },
    );
    run.model.dispose();
    expect(run.stopped).toBe(true);
    expect(run.epochs).toHaveLength(1);
    expect(weightsSha256(run.mlp!)).toBe(oneEpoch);
  });

  it('refuses settings it cannot train, with the reason', async () => {
    await expect(trainMlp(train, { ...SMALL, batchSize: 0 })).rejects.toThrow('trainer: batch size: 1 to 1024');
    await expect(trainMlp(train, { ...SMALL, hidden: [] })).rejects.toThrow('trainer: hidden layers: 1 to 3');
    await expect(trainMlp(train, { ...SMALL, hidden: [2.5] })).rejects.toThrow('hidden layer sizes');
    await expect(trainMlp(train, { ...SMALL, learningRate: Number.NaN })).rejects.toThrow('learning rate');
  });

  it('stopped inside the first epoch has nothing trained', async () => {
    let batches = 0;
    const run = await trainMlp(train, SMALL, { onBatch: () => void batches++, shouldStop: () => batches >= 5 });
    run.model.dispose();
    expect(run).toMatchObject({ stopped: true, mlp: undefined, epochs: [] });
  });
});
