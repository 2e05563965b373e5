import { describe, expect, it } from 'vitest';
import { quantizeArray, quantizeBiases, quantizeWeights } from '../quant/quantize';
import { Graph } from './graph';
import { ArgMax, AveragePool2D, Conv2D, FullyConnected, Softmax } from './ops';
import { activation, constInt32, constInt8, constInt8PerChannel, type Tensor } from './tensor';

function run(ops: ConstructorParameters<typeof Graph>[0], inputs: [Tensor, ArrayLike<number>][]): Graph {
  const g = new Graph(ops);
  g.prepare();
  for (const [t, v] of inputs) (t.data as Int8Array).set(Array.from(v));
  g.invoke();
  return g;
}

describe('reference kernels, by hand', () => {
  it('FullyConnected: acc = sum w * (x - zp) + bias, requantized, with fused ReLU', () => {
    const x = activation('x', 'int8', [1, 2], 0.5, 0);
    const w = constInt8('w', [2, 2], Int8Array.of(1, 2, 3, -4), 1);
    const b = constInt32('b', [2], quantizeBiases([0, 1], 0.5, [1])); // bias scale 0.5 -> [0, 2]
    const y = activation('y', 'int8', [1, 2], 1, 0);
    const yr = activation('yr', 'int8', [1, 2], 1, 0);
    run([new FullyConnected(x, w, b, y)], [[x, quantizeArray([2, 4], 0.5, 0)]]);
    expect(Array.from(y.data!)).toEqual([10, -9]); // (4 + 16) * 0.5, (12 - 32 + 2) * 0.5
    const x2 = activation('x2', 'int8', [1, 2], 0.5, 0);
    run([new FullyConnected(x2, w, b, yr, { activation: 'relu' })], [[x2, [4, 8]]]);
    expect(Array.from(yr.data!)).toEqual([10, 0]);
  });

  it('Softmax: equal logits share the probability mass', () => {
    const x = activation('x', 'int8', [1, 4], 0.1, 3);
    const y = activation('y', 'int8', [1, 4], 1 / 256, -128);
    run([new Softmax(x, y)], [[x, [20, 20, 20, 20]]]);
    expect(Array.from(y.data!)).toEqual([-64, -64, -64, -64]); // 64/256 each
  });

  it('ArgMax returns the first of equal maxima', () => {
    const x = activation('x', 'int8', [2, 4], 0.1, 0);
    const y = activation('y', 'int32', [2]);
    run([new ArgMax(x, y)], [[x, [1, 7, 7, 2, -5, -3, -3, -9]]]);
    expect(Array.from(y.data!)).toEqual([1, 1]);
  });

  it('AveragePool2D rounds half away from zero', () => {
    const x = activation('x', 'int8', [1, 1, 4, 1], 0.1, 0);
    const y = activation('y', 'int8', [1, 1, 2, 1], 0.1, 0);
    run([new AveragePool2D(x, y, { filterH: 1, filterW: 2, strideH: 1, strideW: 2 })], [[x, [1, 2, -1, -2]]]);
    expect(Array.from(y.data!)).toEqual([2, -2]);
  });

  it('Conv2D 1x1 equals FullyConnected per pixel', () => {
    const wf = [0.5, -1, 0.25, 1, 0.75, -0.5]; // [3 out, 1, 1, 2 in]
    const scales = Float32Array.of(1 / 127, 1 / 127, 1 / 127);
    const wq = quantizeWeights(wf, [3, 2], scales, 0);
    const xs = [3, -7, 10, 2, -1, 0, 5, 5];
    const xc = activation('xc', 'int8', [1, 2, 2, 2], 0.05, 1);
    const yc = activation('yc', 'int8', [1, 2, 2, 3], 0.02, -5);
    run([new Conv2D(xc, constInt8PerChannel('wc', [3, 1, 1, 2], wq, scales, 0), null, yc)], [[xc, xs]]);
    const xf = activation('xf', 'int8', [4, 2], 0.05, 1);
    const yf = activation('yf', 'int8', [4, 3], 0.02, -5);
    run([new FullyConnected(xf, constInt8PerChannel('wf', [3, 2], wq, scales, 0), null, yf)], [[xf, xs]]);
    expect(Array.from(yc.data!)).toEqual(Array.from(yf.data!));
  });
});

describe('Graph figures and errors', () => {
  function mnistMlp(kernel: 'reference' | 'simd') {
    const dims = [784, 128, 64, 10];
    const input = activation('input', 'int8', [1, 784], 1 / 255, -128);
    let x = input;
    const ops = [];
    for (let l = 0; l < 3; l++) {
      const w = constInt8PerChannel(
        `w${l}`,
        [dims[l + 1]!, dims[l]!],
        new Int8Array(dims[l + 1]! * dims[l]!),
        new Float32Array(dims[l + 1]!).fill(0.01),
        0,
      );
      const b = constInt32(`b${l}`, [dims[l + 1]!], new Int32Array(dims[l + 1]!));
      const y = activation(`h${l}`, 'int8', [1, dims[l + 1]!], 0.1, l < 2 ? -128 : 0);
      ops.push(new FullyConnected(x, w, b, y, { activation: l < 2 ? 'relu' : 'none', kernel }));
      x = y;
    }
    ops.push(new Softmax(x, activation('probs', 'int8', [1, 10], 1 / 256, -128)));
    const g = new Graph(ops);
    g.prepare();
    return g;
  }

  it('reports MACs, flash and arena bytes of the 784-128-64-10 MLP', () => {
    const g = mnistMlp('simd');
    const s = g.stats();
    expect(s.macs).toBe(109_184);
    expect(s.weightBytes).toBe(109_184);
    expect(s.biasBytes).toBe((128 + 64 + 10) * 4);
    expect(s.scaleBytes).toBe((128 + 64 + 10) * 4 + 3 * 4);
    expect(s.flashBytes).toBe(109_184 + 808 + 820);
    expect(s.plannedBytes).toBe(912); // input 784 and h0 128 live together; later tensors reuse the input's space
    expect(s.unplannedBytes).toBe(784 + 128 + 64 + 10 + 10);
    // multipliers+shifts per channel (16-aligned) and SIMD row sums
    expect(s.persistentBytes).toBe(3 * (512 + 256 + 48)); // Softmax keeps its one multiplier in the op object
    expect(s.arenaBytes).toBe(s.plannedBytes + s.persistentBytes);
    expect(g.layerStats(0)).toMatchObject({
      op: 'FullyConnected',
      macs: 100_352,
      inputShape: [1, 784],
      outputShape: [1, 128],
      activationBytes: 912,
      liveBytes: 912,
    });
    expect(g.layerStats(3)).toMatchObject({ op: 'Softmax', macs: 0, multiplierBytes: 8, activationBytes: 20 });
    expect(mnistMlp('reference').stats().persistentBytes).toBe(2 * (512 + 256 + 48));
  });

  it('fails loudly by op name and index', () => {
    const x = activation('x', 'int8', [1, 3], 0.1, 0);
    const w = constInt8('w', [4, 2], new Int8Array(8), 0.1);
    const y = activation('y', 'int8', [1, 4], 0.1, 0);
    expect(() => new Graph([new FullyConnected(x, w, null, y)]).prepare()).toThrow(
      'FullyConnected#0: input last dimension must be 2',
    );
    const a = activation('a', 'int8', [1, 2], 0.1, 0);
    const h = activation('h', 'int8', [1, 4], 0.1, 0);
    const o = activation('o', 'int8', [1, 4], 1 / 256, -128);
    expect(() => new Graph([new Softmax(h, o), new FullyConnected(a, w, null, h)]).prepare()).toThrow(/out of order/);
    const bad = activation('bad', 'int8', [1, 4], 0.1, 0);
    expect(() => new Graph([new Softmax(h, bad)]).prepare()).toThrow(
      'Softmax#0: output must have scale 1/256 and zero point -128',
    );
  });
});
