// retrain.ts — retraining the anomaly detector's regression from the readings the device posted (its
// anomaly.sample reports), the paper's loop: the first 80% of the readings train a least-squares fit on the last k
// readings (the running model's k), the last 20% test it, and the running model is scored on the same readings
// from the predictions it made itself.
import type { AnomalyModel } from './modelBlob';
import { DETECTOR_DEFAULTS } from './presets';
import { leastSquares, meanSquare, residuals, type FeatureConfig, type LinearModel } from './regression';

export interface PostedReading {
  /** The firmware's reading count (consecutive readings differ by 1). */
  n: number;
  value: number;
  /** What the running model predicted for it (null while it had no model). */
  predicted: number | null;
}

export interface RetrainResult {
  k: number;
  readings: number;
  trainReadings: number;
  testReadings: number;
  model: LinearModel;
  trainMse: number;
  testMse: number;
  /** The running model's MSE on the same readings (only those it predicted); null where it predicted none. */
  running: { trainMse: number | null; testMse: number | null };
  /** The first test readings: a deployed image's self-test vectors are built from them. */
  selfTestReadings: number[];
}

/** How many test readings a result keeps for self-test vectors (k + the vectors an image carries, and spare). */
const SELF_TEST_READINGS = 48;

export const TRAIN_SHARE = 0.8;

/** The longest run of consecutive readings (thinned telemetry or a counter reset leaves gaps). */
export function longestRun(readings: readonly PostedReading[]): PostedReading[] {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let i = 1; i <= readings.length; i++) {
    if (i === readings.length || readings[i]!.n !== readings[i - 1]!.n + 1) {
      if (i - start > best[1] - best[0]) best = [start, i];
      start = i;
    }
  }
  return readings.slice(best[0], best[1]);
}

const minimumReadings = (k: number) => 10 * (k + 2);

function runningMse(readings: readonly PostedReading[]): number | null {
  const errors = readings.filter((r) => r.predicted !== null).map((r) => r.value - r.predicted!);
  return errors.length ? meanSquare(errors) : null;
}

export function retrainRegression(posted: readonly PostedReading[], k: number): RetrainResult {
  const run = longestRun(posted);
  if (run.length < minimumReadings(k))
    throw new Error(
      `retraining needs at least ${minimumReadings(k)} consecutive readings; the longest run kept has ${run.length}`,
    );
  const c: FeatureConfig = { k, timeOfDay: false, todPeriod: 0 };
  const series = Float64Array.from(run, (r) => r.value);
  const split = Math.round(series.length * TRAIN_SHARE);
  const train = series.subarray(0, split);
  const model = leastSquares(train, c);
  // The test readings' predictions need the k readings before them.
  const test = series.subarray(split - k);
  return {
    k,
    readings: run.length,
    trainReadings: split,
    testReadings: series.length - split,
    model,
    trainMse: meanSquare(residuals(train, c, model)),
    testMse: meanSquare(residuals(test, c, model)),
    running: { trainMse: runningMse(run.slice(k, split)), testMse: runningMse(run.slice(split)) },
    selfTestReadings: Array.from(test.subarray(0, SELF_TEST_READINGS)),
  };
}

/**
 * The retrained regression as a model the firmware runs: its weights, sigma from its training residuals, and the
 * detector settings every model in the app uses (DETECTOR_DEFAULTS; on-device learning as the compiled-in model's).
 */
export function retrainedModel(r: RetrainResult): AnomalyModel {
  return {
    k: r.k,
    timeOfDay: false,
    todPeriod: 0,
    learnOnDevice: false,
    ...DETECTOR_DEFAULTS,
    learnMin: 288,
    learnWindow: 2016,
    refitEvery: 288,
    sigma: Math.sqrt(r.trainMse),
    sigmaFloor: 0.01,
    bias: r.model.bias,
    weights: r.model.weights,
  };
}
