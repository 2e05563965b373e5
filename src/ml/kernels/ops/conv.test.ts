import { describe, expect, it } from 'vitest';
import { Graph } from '../graph';
import { activation, constInt32, constInt8PerChannel } from '../tensor';
import { Conv2D, DepthwiseConv2D } from './conv';

const scales = Float32Array.of(0.01, 0.02, 0.03, 0.04);

describe('convolution figures', () => {
  it('Conv2D counts every input channel per filter tap', () => {
    const x = activation('x', 'int8', [1, 5, 5, 2], 0.05, 0);
    const f = constInt8PerChannel('f', [4, 3, 3, 2], new Int8Array(72), scales, 0);
    const y = activation('y', 'int8', [1, 5, 5, 4], 0.1, 0);
    const op = new Conv2D(x, f, constInt32('b', [4], new Int32Array(4)), y, { padding: 'same' });
    new Graph([op]).prepare();
    expect(op.stats()).toEqual({
      kernel: 'reference',
      macs: 5 * 5 * 4 * 3 * 3 * 2,
      weightBytes: 72,
      biasBytes: 16,
      scaleBytes: 4 * 4 + 4,
      multiplierBytes: 32,
    });
  });

  it('DepthwiseConv2D counts one input channel per filter tap', () => {
    const x = activation('x', 'int8', [1, 5, 5, 2], 0.05, 0);
    const f = constInt8PerChannel('f', [1, 3, 3, 4], new Int8Array(36), scales, 3);
    const y = activation('y', 'int8', [1, 3, 3, 4], 0.1, 0);
    const op = new DepthwiseConv2D(x, f, null, y, { depthMultiplier: 2 });
    new Graph([op]).prepare();
    expect(op.stats()).toEqual({
      kernel: 'reference',
      macs: 3 * 3 * 4 * 3 * 3,
      weightBytes: 36,
      biasBytes: 0,
      scaleBytes: 4 * 4 + 4,
      multiplierBytes: 32,
    });
  });
});
