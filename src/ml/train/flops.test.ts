import { describe, expect, it } from 'vitest';
import { batchMatmuls, epochMatmulFlops } from './flops';

describe('an epoch’s matmul floor', () => {
  it('counts forward, weight-gradient and input-gradient products', () => {
    expect(batchMatmuls([784, 32, 10], 8)).toEqual([
      { m: 8, k: 784, n: 32 },
      { m: 784, k: 8, n: 32 },
      { m: 8, k: 32, n: 10 },
      { m: 32, k: 8, n: 10 },
      { m: 8, k: 10, n: 32 },
    ]);
  });

  it('is 6 × MACs per sample, less the first layer’s input gradient', () => {
    const macs = 784 * 128 + 128 * 64 + 64 * 10;
    const expected = 8000 * (6 * macs - 2 * 784 * 128);
    expect(epochMatmulFlops([784, 128, 64, 10], 8000, 32)).toBe(expected);
    // A smaller last batch counts only its samples.
    expect(epochMatmulFlops([784, 128, 64, 10], 8001, 32)).toBe(expected + (6 * macs - 2 * 784 * 128));
  });
});
