// flops.ts — the matrix multiplications one training epoch of an MLP needs, the floor its time cannot go below:
// per batch and dense layer, the forward product, the weight gradient, and (above the first layer) the input
// gradient. Element-wise work (bias, ReLU, softmax, Adam) comes on top and is not counted.

export interface MatmulShape {
  /** [m, k] × [k, n]. */
  m: number;
  k: number;
  n: number;
}

export const matmulFlops = (s: MatmulShape) => 2 * s.m * s.k * s.n;

/** The products of one batch of `batch` samples through layers of the given widths (input first). */
export function batchMatmuls(widths: readonly number[], batch: number): MatmulShape[] {
  const out: MatmulShape[] = [];
  for (let i = 1; i < widths.length; i++) {
    const depth = widths[i - 1]!;
    const units = widths[i]!;
    out.push({ m: batch, k: depth, n: units }); // forward: x · W
    out.push({ m: depth, k: batch, n: units }); // dW = xᵀ · dy
    if (i > 1) out.push({ m: batch, k: units, n: depth }); // dx = dy · Wᵀ (the input needs none)
  }
  return out;
}

/** Matmul FLOPs of one epoch over `samples` digits in batches of `batch` (the last batch may be smaller). */
export function epochMatmulFlops(widths: readonly number[], samples: number, batch: number): number {
  const full = Math.floor(samples / batch);
  const rest = samples - full * batch;
  const flopsOf = (b: number) => batchMatmuls(widths, b).reduce((a, s) => a + matmulFlops(s), 0);
  return full * flopsOf(batch) + (rest ? flopsOf(rest) : 0);
}
