// The training worker's logic (TrainSession) in Node: messages, int8 quantization, Stop.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateInt8 } from '../mnist/evaluate';
import { IMAGE_BYTES, image } from '../mnist/dataset';
import { loadDigitSet } from '../mnist/files';
import { buildInt8Graph, fromArtefact } from '../mlp/int8Mlp';
import { quantizeTrained } from './evaluate';
import { useWasmBackend } from './nodeBackend';
import type { FromTrainWorker, TrainOutcome } from './protocol';
import { TrainSession, withExtra } from './session';
import type { TrainSettings } from './settings';
import { subset } from './subset';
import { trainMlp } from './trainer';
import { weightsSha256 } from './weightsHash';

const data = { train: subset(loadDigitSet('train'), 1000), test: subset(loadDigitSet('test'), 300) };
const SETTINGS: TrainSettings = { hidden: [32], epochs: 2, batchSize: 40, learningRate: 0.003, seed: 3 };

function session() {
  const messages: FromTrainWorker[] = [];
  const s = new TrainSession(
    (m) => messages.push(m),
    async () => data,
  );
  return { s, messages, of: <T extends FromTrainWorker['type']>(t: T) => messages.filter((m) => m.type === t) };
}

beforeAll(useWasmBackend);

describe('a training session', () => {
  it('trains, quantizes to int8 as the script does and evaluates both on the held-out digits', async () => {
    const { s, messages, of } = session();
    await s.handle({ type: 'train', settings: SETTINGS });
    expect(messages.filter((m) => m.type === 'phase').map((m) => m.type === 'phase' && m.phase)).toEqual([
      'loading',
      'training',
      'quantizing',
    ]);
    expect(of('epoch')).toHaveLength(2);
    const progress = of('progress');
    expect(progress.at(-1)).toMatchObject({ epoch: 2, batch: 25, batches: 25, epochs: 2 });
    const { outcome } = of('done')[0] as { outcome: TrainOutcome };
    expect(outcome.stopped).toBe(false);

    // The same run by hand: trainer + quantizeTrained, as npm run train:mnist does it.
    const run = await trainMlp(data.train, SETTINGS);
    run.model.dispose();
    expect(outcome.weightsSha256).toBe(weightsSha256(run.mlp!));
    const int8 = quantizeTrained(run.mlp!, data.train).model;
    const byHand = evaluateInt8(int8, data.test);
    expect(outcome.evaluation.int8Accuracy).toBe(byHand.accuracy);
    expect(evaluateInt8(fromArtefact(outcome.artefact), data.test).predictions).toEqual(byHand.predictions);
    expect(outcome.evaluation.floatAccuracy).toBeGreaterThan(0.8);
    expect(outcome.evaluation.agreement).toBeGreaterThan(0.9);

    const { confusion, perClass, misclassified, footprint } = outcome.evaluation;
    expect(confusion.reduce((a, b) => a + b, 0)).toBe(300);
    const wrong = 300 - Array.from({ length: 10 }, (_, d) => confusion[d * 11]!).reduce((a, b) => a + b, 0);
    expect(misclassified).toHaveLength(wrong);
    expect(perClass.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(outcome.misclassifiedImages.length).toBe(Math.min(60, wrong) * IMAGE_BYTES);
    expect(outcome.misclassifiedImages.subarray(0, IMAGE_BYTES)).toEqual(image(data.test, misclassified[0]!.index));
    expect(footprint.flashBytes).toBe(buildInt8Graph(int8).stats().flashBytes);
  });

  it('trains on the user’s digits too, and refuses malformed ones with a message', async () => {
    const extra = { labels: Uint8Array.of(3, 4), images: new Uint8Array(2 * IMAGE_BYTES).fill(200) };
    expect(withExtra(data.train, extra).count).toBe(1002);
    expect(withExtra(data.train, extra).labels.at(-1)).toBe(4);
    const { s, of } = session();
    await s.handle({ type: 'train', settings: { ...SETTINGS, epochs: 1 }, extra });
    expect((of('done')[0] as { outcome: TrainOutcome }).outcome.trainDigits).toBe(1002);
    await s.handle({ type: 'train', settings: SETTINGS, extra: { labels: Uint8Array.of(12), images: extra.images } });
    expect(of('error').at(-1)).toMatchObject({ message: expect.stringMatching(/training data/) });
  });

  it('Stop before the first epoch ends says nothing was trained', async () => {
    const messages: FromTrainWorker[] = [];
    const s: TrainSession = new TrainSession(
      (m) => {
        messages.push(m);
        if (m.type === 'progress') void s.handle({ type: 'stop' });
      },
      async () => data,
    );
    await s.handle({ type: 'train', settings: SETTINGS });
    expect(messages.at(-1)).toEqual({ type: 'nothing-trained' });
    expect(messages.some((m) => m.type === 'epoch')).toBe(false);
  });

  it('a failure to load the digits is an error message, and the next run tries again', async () => {
    let calls = 0;
    const messages: FromTrainWorker[] = [];
    const s = new TrainSession(
      (m) => messages.push(m),
      async () => {
        if (++calls === 1) throw new Error('could not fetch the MNIST digits (404 Not Found)');
        return data;
      },
    );
    await s.handle({ type: 'train', settings: { ...SETTINGS, epochs: 1 } });
    expect(messages.at(-1)).toEqual({ type: 'error', message: 'could not fetch the MNIST digits (404 Not Found)' });
    await s.handle({ type: 'train', settings: { ...SETTINGS, epochs: 1 } });
    expect(messages.at(-1)!.type).toBe('done');
  });
});
