// evaluate.ts — accuracy of the float MLP (plain TS) and of the int8 model (TS reference graph) on a digit set.
import { IMAGE_BYTES, image, type DigitSet } from './dataset';
import { argmax, forwardFloat, type FloatMlp } from '../mlp/floatMlp';
import { buildInt8Graph, quantizePixels, type Int8Mlp } from '../mlp/int8Mlp';

export function floatInput(pixels: Uint8Array): Float32Array {
  const x = new Float32Array(IMAGE_BYTES);
  for (let i = 0; i < IMAGE_BYTES; i++) x[i] = pixels[i]! / 255;
  return x;
}

export function* floatInputs(set: DigitSet): Generator<Float32Array> {
  for (let i = 0; i < set.count; i++) yield floatInput(image(set, i));
}

export function evaluateFloat(mlp: FloatMlp, set: DigitSet): { accuracy: number; predictions: Int32Array } {
  const predictions = new Int32Array(set.count);
  let correct = 0;
  for (let i = 0; i < set.count; i++) {
    predictions[i] = argmax(forwardFloat(mlp, floatInput(image(set, i))));
    if (predictions[i] === set.labels[i]) correct++;
  }
  return { accuracy: correct / set.count, predictions };
}

export interface Int8Evaluation {
  accuracy: number;
  predictions: Int32Array;
  /** count x classes int8 logits and softmax scores. */
  logits: Int8Array;
  scores: Int8Array;
}

export function evaluateInt8(model: Int8Mlp, set: DigitSet): Int8Evaluation {
  const g = buildInt8Graph(model);
  const classes = g.logits.shape[1]!;
  const out: Int8Evaluation = {
    accuracy: 0,
    predictions: new Int32Array(set.count),
    logits: new Int8Array(set.count * classes),
    scores: new Int8Array(set.count * classes),
  };
  let correct = 0;
  for (let i = 0; i < set.count; i++) {
    const r = g.invoke(quantizePixels(image(set, i), model.input));
    out.predictions[i] = r.prediction;
    out.logits.set(r.logits, i * classes);
    out.scores.set(r.scores, i * classes);
    if (r.prediction === set.labels[i]) correct++;
  }
  out.accuracy = correct / set.count;
  return out;
}

export function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  a.forEach((p, i) => (same += p === b[i] ? 1 : 0));
  return same / a.length;
}
