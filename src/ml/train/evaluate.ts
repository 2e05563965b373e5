// evaluate.ts — after training: int8 post-training quantization as `npm run train:mnist` does it (activation
// ranges calibrated on the training digits, TFLite Micro scheme), and what the held-out digits say about the float
// and the int8 model (accuracy, agreement, confusion matrix, per-class accuracy, the misclassified digits).
import type * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES, type DigitSet } from '../mnist/dataset';
import { agreement, evaluateInt8, floatInputs } from '../mnist/evaluate';
import type { FloatMlp } from '../mlp/floatMlp';
import { buildInt8Graph, type Int8Mlp } from '../mlp/int8Mlp';
import { calibrate, quantizeMlp, type CalibrationRanges } from '../mlp/ptq';
import { evaluateTf } from './trainer';
import { footprintOf, type Footprint } from './footprint';

export function quantizeTrained(
  mlp: FloatMlp,
  calibration: DigitSet,
  perChannel = true,
): { model: Int8Mlp; ranges: CalibrationRanges } {
  const ranges = calibrate(mlp, floatInputs(calibration));
  return { model: quantizeMlp(mlp, ranges, { name: 'mnist', inputRange: [0, 1], perChannel }), ranges };
}

export interface Evaluation {
  floatAccuracy: number;
  int8Accuracy: number;
  /** Share of held-out digits where float and int8 predict the same digit. */
  agreement: number;
  /** confusion[true * 10 + predicted], float model. */
  confusion: number[];
  /** Float model's accuracy per true digit. */
  perClass: number[];
  /** Held-out digits the float model gets wrong: index in the set, true and predicted digit. */
  misclassified: { index: number; label: number; predicted: number }[];
  footprint: Footprint;
}

export function confusionMatrix(labels: Uint8Array, predictions: Int32Array): number[] {
  const m = new Array<number>(NUM_CLASSES * NUM_CLASSES).fill(0);
  predictions.forEach((p, i) => m[labels[i]! * NUM_CLASSES + p]!++);
  return m;
}

export function perClassAccuracy(confusion: readonly number[]): number[] {
  return Array.from({ length: NUM_CLASSES }, (_, t) => {
    const row = confusion.slice(t * NUM_CLASSES, (t + 1) * NUM_CLASSES);
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[t]! / total : 0;
  });
}

export function evaluateTrained(model: tf.Sequential, int8: Int8Mlp, test: DigitSet): Evaluation {
  const float = evaluateTf(model, test);
  const quant = evaluateInt8(int8, test);
  const confusion = confusionMatrix(test.labels, float.predictions);
  const misclassified: Evaluation['misclassified'] = [];
  float.predictions.forEach((p, index) => {
    if (p !== test.labels[index]) misclassified.push({ index, label: test.labels[index]!, predicted: p });
  });
  return {
    floatAccuracy: float.accuracy,
    int8Accuracy: quant.accuracy,
    agreement: agreement(quant.predictions, float.predictions),
    confusion,
    perClass: perClassAccuracy(confusion),
    misclassified,
    footprint: footprintOf(buildInt8Graph(int8)),
  };
}
