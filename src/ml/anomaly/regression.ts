// The anomaly detector's regression, host side: lagged features of a series, the closed-form least-squares fit,
// full-batch TF.js training with mean squared error (as the paper trains its single-layer net), and evaluation
// with the same float32 arithmetic as the firmware.
import * as tf from '@tensorflow/tfjs';

export interface FeatureConfig {
  k: number;
  /** sin/cos of the reading's phase in a day of `todPeriod` readings (reading index 0 = phase 0). */
  timeOfDay: boolean;
  todPeriod: number;
}

export interface LinearModel {
  /** Lag weights (oldest first), then sin and cos. */
  weights: number[];
  bias: number;
}

export const featureCountOf = (c: FeatureConfig) => c.k + (c.timeOfDay ? 2 : 0);

/** Rows j = k..n-1: features of reading j (its k predecessors, then sin/cos of its phase) and target reading j. */
export function lagMatrix(
  series: ArrayLike<number>,
  c: FeatureConfig,
  firstIndex = 0,
): { x: Float64Array; y: Float64Array; rows: number; cols: number } {
  const cols = featureCountOf(c);
  const rows = Math.max(0, series.length - c.k);
  const x = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const j = r + c.k;
    for (let i = 0; i < c.k; i++) x[r * cols + i] = series[j - c.k + i];
    if (c.timeOfDay) {
      const phase = (2 * Math.PI * ((firstIndex + j) % c.todPeriod)) / c.todPeriod;
      x[r * cols + c.k] = Math.fround(Math.sin(phase));
      x[r * cols + c.k + 1] = Math.fround(Math.cos(phase));
    }
    y[r] = series[j];
  }
  return { x, y, rows, cols };
}

/** Prediction errors of `m` on `series`, with float32 weights and float32 accumulation as in the firmware. */
export function residuals(series: ArrayLike<number>, c: FeatureConfig, m: LinearModel, firstIndex = 0): Float64Array {
  const { x, y, rows, cols } = lagMatrix(series, c, firstIndex);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = Math.fround(y[r]) - predictFeatures(m, x.subarray(r * cols, (r + 1) * cols));
  return out;
}

/** The prediction for one feature row, in the firmware's float32 order: bias, then each weight times its feature. */
export function predictFeatures(m: LinearModel, features: ArrayLike<number>): number {
  let p = Math.fround(m.bias);
  for (let i = 0; i < m.weights.length; i++) {
    p = Math.fround(p + Math.fround(Math.fround(m.weights[i]!) * Math.fround(features[i]!)));
  }
  return p;
}

export const meanSquare = (e: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < e.length; i++) s += e[i] * e[i];
  return e.length ? s / e.length : 0;
};

/** Ordinary least squares (normal equations on mean-centred data, Cholesky), as the firmware's on-device fit. */
export function leastSquares(series: ArrayLike<number>, c: FeatureConfig, firstIndex = 0): LinearModel {
  const { x, y, rows, cols } = lagMatrix(series, c, firstIndex);
  let mean = 0;
  for (let i = 0; i < series.length; i++) mean += series[i];
  mean /= series.length;
  const n = cols + 1;
  const A = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  const row = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < cols; i++) row[i] = i < c.k ? x[r * cols + i] - mean : x[r * cols + i];
    row[cols] = 1;
    const t = y[r] - mean;
    for (let i = 0; i < n; i++) {
      b[i] += row[i] * t;
      for (let j = 0; j <= i; j++) A[i][j] += row[i] * row[j];
    }
  }
  let trace = 0;
  for (let i = 0; i < cols; i++) trace += A[i][i];
  for (let i = 0; i < cols; i++) A[i][i] += (1e-9 * trace) / cols + 1e-12;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let q = 0; q < j; q++) s -= A[i][q] * A[j][q];
      if (i === j) {
        if (s <= 0) throw new Error('leastSquares: normal equations not positive definite');
        A[i][i] = Math.sqrt(s);
      } else A[i][j] = s / A[j][j];
    }
  }
  const theta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let q = 0; q < i; q++) s -= A[i][q] * theta[q];
    theta[i] = s / A[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = theta[i];
    for (let q = i + 1; q < n; q++) s -= A[q][i] * theta[q];
    theta[i] = s / A[i][i];
  }
  const weights = Array.from(theta.subarray(0, cols));
  const lagSum = weights.slice(0, c.k).reduce((a, w) => a + w, 0);
  return { weights, bias: mean + theta[cols] - mean * lagSum };
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 3000, learningRate: 0.01 };

/**
 * A single dense layer (F inputs → 1 output) trained by TF.js with MSE and full-batch Adam. Inputs and target are
 * standardised by the training series' mean and standard deviation for the optimiser's sake and the scaling is
 * folded back into the weights afterwards. Weights start at zero, so a run is reproducible.
 */
export async function trainDense(
  series: ArrayLike<number>,
  c: FeatureConfig,
  o: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  firstIndex = 0,
): Promise<LinearModel & { loss: number[] }> {
  const { x, y, rows, cols } = lagMatrix(series, c, firstIndex);
  let mean = 0;
  for (let i = 0; i < series.length; i++) mean += series[i];
  mean /= series.length;
  let v = 0;
  for (let i = 0; i < series.length; i++) v += (series[i] - mean) ** 2;
  const sd = Math.sqrt(v / series.length) || 1;
  const xs = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < cols; i++) xs[r * cols + i] = i < c.k ? (x[r * cols + i] - mean) / sd : x[r * cols + i];
  const ys = Float32Array.from(y, (t) => (t - mean) / sd);

  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [cols], kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'meanSquaredError' });
  const xt = tf.tensor2d(xs, [rows, cols]);
  const yt = tf.tensor2d(ys, [rows, 1]);
  const h = await model.fit(xt, yt, { epochs: o.epochs, batchSize: rows, shuffle: false, verbose: 0 });
  const [kernel, biasT] = model.getWeights();
  const ws = Array.from(await kernel.data());
  const b0 = (await biasT.data())[0];
  xt.dispose();
  yt.dispose();
  model.dispose();
  // y = mean + sd·(Σ_lags w (x-mean)/sd + Σ_tod w·tod + b0)
  const weights = ws.map((w, i) => (i < c.k ? w : w * sd));
  const lagSum = ws.slice(0, c.k).reduce((a, w) => a + w, 0);
  return { weights, bias: mean - mean * lagSum + sd * b0, loss: (h.history.loss as number[]).map((l) => l * sd * sd) };
}
