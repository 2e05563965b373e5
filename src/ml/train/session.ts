// session.ts — what the training worker does, apart from the worker itself (so Node tests run it): train on the
// bundled digits plus the user's, report progress at most every 100 ms, keep the last complete epoch on Stop,
// quantize to int8 as `npm run train:mnist` does and evaluate float and int8 on the held-out digits.
import { IMAGE_BYTES, image, type DigitSet } from '../mnist/dataset';
import { toArtefact } from '../mlp/int8Mlp';
import { evaluateTrained, quantizeTrained } from './evaluate';
import type { ExtraDigits, FromTrainWorker, ToTrainWorker } from './protocol';
import { trainMlp } from './trainer';
import { weightsSha256 } from './weightsHash';

export interface MnistData {
  train: DigitSet;
  test: DigitSet;
}

const PROGRESS_EVERY_MS = 100;
/** The worker yields to its event loop this often while training, so a Stop message gets in. */
const YIELD_EVERY_MS = 40;
const MISCLASSIFIED_SHOWN = 60;

/** The bundled training digits followed by the user's. */
export function withExtra(train: DigitSet, extra?: ExtraDigits): DigitSet {
  const n = extra?.labels.length ?? 0;
  if (!extra || n === 0) return train;
  if (extra.images.length !== n * IMAGE_BYTES)
    throw new Error(`training data: ${extra.images.length} bytes of images for ${n} labels`);
  if (extra.labels.some((l) => l > 9)) throw new Error('training data: a label is not a digit 0–9');
  const images = new Uint8Array((train.count + n) * IMAGE_BYTES);
  images.set(train.images);
  images.set(extra.images, train.images.length);
  const labels = new Uint8Array(train.count + n);
  labels.set(train.labels);
  labels.set(extra.labels, train.count);
  const source = new Uint16Array(train.count + n);
  source.set(train.source);
  return { count: train.count + n, labels, source, images };
}

export class TrainSession {
  private stopRequested = false;
  private running = false;
  private data: Promise<MnistData> | undefined;

  constructor(
    private readonly post: (m: FromTrainWorker, transfer?: Transferable[]) => void,
    private readonly loadData: () => Promise<MnistData>,
    private readonly yieldToEvents: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
  ) {}

  handle(m: ToTrainWorker): Promise<void> {
    if (m.type === 'stop') {
      this.stopRequested = true;
      return Promise.resolve();
    }
    return this.train(m);
  }

  private async train({ settings, extra }: Extract<ToTrainWorker, { type: 'train' }>): Promise<void> {
    if (this.running) return this.post({ type: 'error', message: 'a training run is already going' });
    this.running = true;
    this.stopRequested = false;
    try {
      this.post({ type: 'phase', phase: 'loading' });
      this.data ??= this.loadData();
      const { train: bundled, test } = await this.data.catch((e: unknown) => {
        this.data = undefined; // try again next time
        throw e;
      });
      const train = withExtra(bundled, extra);
      this.post({ type: 'phase', phase: 'training' });
      const t0 = performance.now();
      let lastPost = -Infinity;
      let lastYield = performance.now();
      const run = await trainMlp(train, settings, {
        validation: test,
        shouldStop: () => this.stopRequested,
        onBatch: (p) => {
          const now = performance.now();
          if (now - lastPost >= PROGRESS_EVERY_MS || p.batch === p.batches) {
            lastPost = now;
            this.post({ type: 'progress', ...p, epochs: settings.epochs, elapsedMs: now - t0 });
          }
          if (now - lastYield < YIELD_EVERY_MS) return;
          lastYield = now;
          return this.yieldToEvents();
        },
        onEpoch: (result) => this.post({ type: 'epoch', result }),
      });
      if (!run.mlp) {
        run.model.dispose();
        return this.post({ type: 'nothing-trained' });
      }
      this.post({ type: 'phase', phase: 'quantizing' });
      const { model: int8 } = quantizeTrained(run.mlp, train);
      const evaluation = evaluateTrained(run.model, int8, test);
      run.model.dispose();
      const weightsSha = weightsSha256(run.mlp);
      const shown = evaluation.misclassified.slice(0, MISCLASSIFIED_SHOWN);
      const misclassifiedImages = new Uint8Array(shown.length * IMAGE_BYTES);
      shown.forEach((m, i) => misclassifiedImages.set(image(test, m.index), i * IMAGE_BYTES));
      const artefact = toArtefact(int8, {
        accuracy: {
          float: evaluation.floatAccuracy,
          int8: evaluation.int8Accuracy,
          agreement: evaluation.agreement,
          testDigits: test.count,
        },
        training: { ...settings, trainDigits: train.count, epochsDone: run.epochs.length, weightsSha256: weightsSha },
        quantization: { weights: 'per-channel' },
      });
      this.post(
        {
          type: 'done',
          outcome: {
            stopped: run.stopped,
            settings,
            trainDigits: train.count,
            epochs: run.epochs,
            weightsSha256: weightsSha,
            artefact,
            evaluation,
            misclassifiedImages,
          },
        },
        [misclassifiedImages.buffer],
      );
    } catch (e) {
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.running = false;
    }
  }
}
