// floatMlp.ts — a float multilayer perceptron (stack of dense layers) in plain TypeScript: the trained model as
// numbers, independent of TF.js. Used to calibrate activation ranges for int8 quantization and to check float
// accuracy without a TF.js backend. Weights use the nn library's layout: kernel[unit * depth + d].

export type DenseActivation = 'relu' | 'none';

export interface FloatDense {
  units: number;
  depth: number;
  /** [units, depth], row-major. */
  kernel: Float32Array;
  bias: Float32Array;
  activation: DenseActivation;
}

export interface FloatMlp {
  layers: FloatDense[];
}

/** Converts a Keras/TF.js kernel [depth, units] (column per unit) to the [units, depth] layout. */
export function transposeKernel(kernelInOut: ArrayLike<number>, depth: number, units: number): Float32Array {
  const out = new Float32Array(units * depth);
  for (let d = 0; d < depth; d++) for (let u = 0; u < units; u++) out[u * depth + d] = kernelInOut[d * units + u]!;
  return out;
}

/**
 * Runs the MLP on one input. `onLayer(i, out)` sees each layer's output after its activation (the values an int8
 * activation tensor must represent). Returns the last layer's output (logits). Accumulates in float64.
 */
export function forwardFloat(
  mlp: FloatMlp,
  input: ArrayLike<number>,
  onLayer?: (i: number, out: Float64Array) => void,
): Float64Array {
  let x: ArrayLike<number> = input;
  let out = new Float64Array(0);
  mlp.layers.forEach((l, i) => {
    if (x.length !== l.depth) throw new Error(`floatMlp: layer ${i} expects ${l.depth} inputs, got ${x.length}`);
    out = new Float64Array(l.units);
    for (let u = 0; u < l.units; u++) {
      let acc = l.bias[u]!;
      const base = u * l.depth;
      for (let d = 0; d < l.depth; d++) acc += l.kernel[base + d]! * x[d]!;
      out[u] = l.activation === 'relu' && acc < 0 ? 0 : acc;
    }
    onLayer?.(i, out);
    x = out;
  });
  return out;
}

/** Index of the first maximum. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Parameter count (weights + biases). */
export function parameterCount(mlp: FloatMlp): number {
  return mlp.layers.reduce((a, l) => a + l.units * l.depth + l.units, 0);
}
