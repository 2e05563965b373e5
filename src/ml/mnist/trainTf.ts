// trainTf.ts — trains the float MLP 784-128-64-10 (ReLU) with TF.js, reproducibly: seeded Glorot initialisation,
// seeded per-epoch shuffles, Adam, softmax cross-entropy. The caller chooses and readies the backend (wasm in Node).
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../shared/mulberry32';
import { IMAGE_BYTES, NUM_CLASSES, shuffleInPlace, type DigitSet } from './dataset';
import { transposeKernel, type FloatMlp } from '../mlp/floatMlp';

export interface TrainOptions {
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, loss: number, accuracy: number, ms: number) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  hidden: [128, 64],
  epochs: 12,
  batchSize: 32,
  learningRate: 1e-3,
  seed: 7,
};

function inputs(set: DigitSet): tf.Tensor2D {
  const x = new Float32Array(set.count * IMAGE_BYTES);
  for (let i = 0; i < x.length; i++) x[i] = set.images[i]! / 255;
  return tf.tensor2d(x, [set.count, IMAGE_BYTES]);
}

export function trainMlp(train: DigitSet, options: TrainOptions): { model: tf.Sequential; mlp: FloatMlp } {
  const model = tf.sequential();
  const sizes = [...options.hidden, NUM_CLASSES];
  sizes.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: i < sizes.length - 1 ? 'relu' : 'linear',
        kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed + i }),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [IMAGE_BYTES] } : {}),
      }),
    );
  });
  const optimizer = tf.train.adam(options.learningRate);
  const x = inputs(train);
  const y = tf.oneHot(tf.tensor1d(Array.from(train.labels), 'int32'), NUM_CLASSES).toFloat();
  const rand = mulberry32(options.seed);
  const order = new Uint32Array(train.count).map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const t0 = performance.now();
    shuffleInPlace(order, rand);
    let lossSum = 0;
    for (let start = 0; start < train.count; start += options.batchSize) {
      const idx = tf.tensor1d(Int32Array.from(order.subarray(start, start + options.batchSize)), 'int32');
      const xb = tf.gather(x, idx);
      const yb = tf.gather(y, idx);
      const loss = optimizer.minimize(() => {
        const logits = model.apply(xb, { training: true }) as tf.Tensor2D;
        return tf.losses.softmaxCrossEntropy(yb, logits) as tf.Scalar;
      }, true) as tf.Scalar;
      lossSum += loss.dataSync()[0]! * idx.shape[0];
      tf.dispose([idx, xb, yb, loss]);
    }
    const ms = performance.now() - t0;
    options.onEpoch?.(epoch + 1, lossSum / train.count, accuracyOf(model, x, train.labels), ms);
  }
  tf.dispose([x, y]);
  return { model, mlp: extractMlp(model) };
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

function predict(model: tf.Sequential, x: tf.Tensor2D): Int32Array {
  return tf.tidy(() => Int32Array.from(tf.argMax(model.predict(x, { batchSize: 1000 }) as tf.Tensor2D, 1).dataSync()));
}

function accuracyOf(model: tf.Sequential, x: tf.Tensor2D, labels: Uint8Array): number {
  let correct = 0;
  predict(model, x).forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
  return correct / labels.length;
}

/** Float accuracy of the TF.js model and its predictions. */
export function evaluateTf(model: tf.Sequential, set: DigitSet): { accuracy: number; predictions: Int32Array } {
  const x = inputs(set);
  const predictions = predict(model, x);
  x.dispose();
  let correct = 0;
  predictions.forEach((p, i) => (correct += p === set.labels[i] ? 1 : 0));
  return { accuracy: correct / set.count, predictions };
}
