import { describe, expect, it } from 'vitest';
import { generateModelSource } from '../codegen/modelSource';
import { MNIST_MODEL_SOURCE } from '../mnist/files';
import { loadMnistInt8 } from '../mnist/model';
import { architectureFootprint } from './footprint';

describe('an architecture’s footprint before training', () => {
  it('is what the firmware generator makes of the shipped 784-128-64-10 model', () => {
    const shipped = generateModelSource(loadMnistInt8(), MNIST_MODEL_SOURCE);
    const f = architectureFootprint([128, 64]);
    expect(f.flashBytes).toBe(shipped.flashBytes);
    expect(f.arenaBytes).toBe(shipped.arenaBytes);
    expect(f.macs).toBe(shipped.macs);
    expect(f.flashBytes).toBe(110_812); // docs/mnist.md, memory figures
    expect(f.arenaBytes).toBe(3_360);
  });

  it('counts every layer’s work for the cycle model', () => {
    const f = architectureFootprint([32]);
    const fc = f.ops.filter((o) => o.op === 'FullyConnected');
    expect(fc.map((o) => o.macs)).toEqual([784 * 32, 32 * 10]);
    expect(fc.map((o) => o.weightBytes)).toEqual([784 * 32, 32 * 10]);
    expect(f.ops.map((o) => o.op)).toEqual(['FullyConnected', 'FullyConnected', 'Softmax', 'ArgMax']);
    // int8 weights + int32 biases + a float scale per unit + the zero points the firmware stores
    expect(f.flashBytes).toBeGreaterThan(784 * 32 + 32 * 10 + 4 * 42);
    expect(architectureFootprint([256, 128, 64]).flashBytes).toBeGreaterThan(
      architectureFootprint([128, 64]).flashBytes,
    );
  });
});
