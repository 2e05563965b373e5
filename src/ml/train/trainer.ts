// trainer.ts — the one MNIST MLP trainer, for `npm run train:mnist` (Node) and the page's training worker: dense
// layers with ReLU, logits out, Glorot-uniform initialisation with fixed seeds, seeded per-epoch shuffles, Adam,
// softmax cross-entropy. Same settings, same backend (wasm) → the same weights in Node and in the page. The caller
// chooses and readies the backend.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../shared/mulberry32';
import { IMAGE_BYTES, NUM_CLASSES, shuffleInPlace, type DigitSet } from '../mnist/dataset';
import { transposeKernel, type FloatMlp } from '../mlp/floatMlp';
import { settingsProblem, type TrainSettings } from './settings';

export interface BatchProgress {
  epoch: number;
  /** Batches done in this epoch (1…batches). */
  batch: number;
  batches: number;
  /** Mean loss and accuracy over the batches of this epoch so far. */
  loss: number;
  accuracy: number;
}

export interface EpochResult {
  epoch: number;
  /** Mean loss over the epoch's batches. */
  trainLoss: number;
  /** Accuracy on the whole training set after the epoch. */
  trainAccuracy: number;
  /** Loss and accuracy on the validation set after the epoch (when one is given). */
  validationLoss?: number;
  validationAccuracy?: number;
  ms: number;
}

export interface TrainHooks {
  validation?: DigitSet;
  /** After every batch; the trainer awaits what it returns (the page's worker yields there to hear Stop). */
  onBatch?(p: BatchProgress): void | Promise<void>;
  onEpoch?(r: EpochResult): void;
  /** Asked between batches: true ends the run with the weights of the last complete epoch. */
  shouldStop?(): boolean;
}

export interface TrainResult {
  model: tf.Sequential;
  /** The last complete epoch's weights; undefined when stopped before the first epoch ended. */
  mlp: FloatMlp | undefined;
  epochs: EpochResult[];
  stopped: boolean;
}

export function inputTensor(set: DigitSet): tf.Tensor2D {
  const x = new Float32Array(set.count * IMAGE_BYTES);
  for (let i = 0; i < x.length; i++) x[i] = set.images[i]! / 255;
  return tf.tensor2d(x, [set.count, IMAGE_BYTES]);
}

const oneHot = (labels: Uint8Array) =>
  tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), NUM_CLASSES).toFloat() as tf.Tensor2D);

export function buildModel(hidden: readonly number[], seed: number): tf.Sequential {
  const model = tf.sequential();
  const sizes = [...hidden, NUM_CLASSES];
  sizes.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: i < sizes.length - 1 ? 'relu' : 'linear',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [IMAGE_BYTES] } : {}),
      }),
    );
  });
  return model;
}

export async function trainMlp(train: DigitSet, settings: TrainSettings, hooks: TrainHooks = {}): Promise<TrainResult> {
  if (train.count === 0) throw new Error('trainer: no training digits');
  const problem = settingsProblem(settings);
  if (problem) throw new Error(`trainer: ${problem}`);
  const model = buildModel(settings.hidden, settings.seed);
  const optimizer = tf.train.adam(settings.learningRate);
  const x = inputTensor(train);
  const y = oneHot(train.labels);
  const val = hooks.validation && { x: inputTensor(hooks.validation), y: oneHot(hooks.validation.labels) };
  const rand = mulberry32(settings.seed);
  const order = new Uint32Array(train.count).map((_, i) => i);
  const batches = Math.ceil(train.count / settings.batchSize);
  const epochs: EpochResult[] = [];
  let snapshot: tf.Tensor[] | undefined;
  let stopped = false;
  try {
    for (let epoch = 1; epoch <= settings.epochs && !stopped; epoch++) {
      const t0 = performance.now();
      shuffleInPlace(order, rand);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < batches; b++) {
        if (hooks.shouldStop?.()) {
          stopped = true;
          break;
        }
        const idx = tf.tensor1d(
          Int32Array.from(order.subarray(b * settings.batchSize, (b + 1) * settings.batchSize)),
          'int32',
        );
        const xb = tf.gather(x, idx);
        const yb = tf.gather(y, idx);
        let hits: tf.Scalar | undefined;
        const loss = optimizer.minimize(() => {
          const logits = model.apply(xb, { training: true }) as tf.Tensor2D;
          // Off the loss's path, so the gradients (and the weights) are what they would be without it.
          hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(yb, 1)), 'int32')));
          return tf.losses.softmaxCrossEntropy(yb, logits) as tf.Scalar;
        }, true) as tf.Scalar;
        const n = idx.shape[0];
        lossSum += loss.dataSync()[0]! * n;
        correct += hits!.dataSync()[0]!;
        seen += n;
        tf.dispose([idx, xb, yb, loss, hits!]);
        await hooks.onBatch?.({ epoch, batch: b + 1, batches, loss: lossSum / seen, accuracy: correct / seen });
      }
      if (stopped) break;
      const ms = performance.now() - t0;
      const result: EpochResult = {
        epoch,
        trainLoss: lossSum / train.count,
        trainAccuracy: accuracyOf(model, x, train.labels),
        ms,
      };
      if (val) Object.assign(result, lossAndAccuracy(model, val.x, val.y, hooks.validation!.labels));
      epochs.push(result);
      tf.dispose(snapshot);
      snapshot = model.getWeights().map((w) => w.clone());
      hooks.onEpoch?.(result);
    }
    // A run stopped inside an epoch keeps the last complete epoch's weights.
    if (stopped && snapshot) model.setWeights(snapshot);
    return { model, mlp: snapshot ? extractMlp(model) : undefined, epochs, stopped };
  } finally {
    tf.dispose([x, y, ...(val ? [val.x, val.y] : []), ...(snapshot ?? [])]);
    optimizer.dispose();
  }
}

/** The trained weights in the nn library's layout ([units, depth] kernels). */
export function extractMlp(model: tf.Sequential): FloatMlp {
  return {
    layers: model.layers.map((layer, i) => {
      const [kernel, bias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor1D];
      const [depth, units] = kernel.shape;
      return {
        units,
        depth,
        kernel: transposeKernel(kernel.dataSync(), depth, units),
        bias: Float32Array.from(bias.dataSync()),
        activation: i < model.layers.length - 1 ? ('relu' as const) : ('none' as const),
      };
    }),
  };
}

function logitsOf(model: tf.Sequential, x: tf.Tensor2D): tf.Tensor2D {
  return model.predict(x, { batchSize: 1000 }) as tf.Tensor2D;
}

function predict(model: tf.Sequential, x: tf.Tensor2D): Int32Array {
  return tf.tidy(() => Int32Array.from(tf.argMax(logitsOf(model, x), 1).dataSync()));
}

function countCorrect(predictions: Int32Array, labels: Uint8Array): number {
  let correct = 0;
  predictions.forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
  return correct;
}

function accuracyOf(model: tf.Sequential, x: tf.Tensor2D, labels: Uint8Array): number {
  return countCorrect(predict(model, x), labels) / labels.length;
}

function lossAndAccuracy(
  model: tf.Sequential,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  labels: Uint8Array,
): { validationLoss: number; validationAccuracy: number } {
  return tf.tidy(() => {
    const logits = logitsOf(model, x);
    const loss = (tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar).dataSync()[0]!;
    const predictions = Int32Array.from(tf.argMax(logits, 1).dataSync());
    return { validationLoss: loss, validationAccuracy: countCorrect(predictions, labels) / labels.length };
  });
}

/** Float accuracy of the TF.js model on a digit set, and its predictions. */
export function evaluateTf(model: tf.Sequential, set: DigitSet): { accuracy: number; predictions: Int32Array } {
  const x = inputTensor(set);
  const predictions = predict(model, x);
  x.dispose();
  return { accuracy: countCorrect(predictions, set.labels) / set.count, predictions };
}
