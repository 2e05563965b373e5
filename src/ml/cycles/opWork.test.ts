import { describe, expect, it } from 'vitest';
import { Graph } from '../kernels/graph';
import { Add, AveragePool2D, Conv2D, DepthwiseConv2D, FullyConnected, Reshape, Softmax } from '../kernels/ops';
import { activation, constInt32, constInt8, constInt8PerChannel } from '../kernels/tensor';
import { mlpOps, opKindOf, opsFromLayers, opWorkFromLayer } from './opWork';

const perChannel = (name: string, shape: number[], axis: number) =>
  constInt8PerChannel(
    name,
    shape,
    new Int8Array(shape.reduce((a, d) => a * d, 1)),
    new Float32Array(shape[axis]!).fill(0.01),
    axis,
  );
const bias = (n: number) => constInt32('b', [n], new Int32Array(n));

// A small depthwise-separable network: 3x5 conv, 3x3 depthwise stride 2, 1x1 conv, residual add, global average
// pool, reshape, FC, softmax.
function separableGraph(): Graph {
  const x = activation('x', 'int8', [1, 8, 10, 3], 0.05, 0);
  const c1 = activation('c1', 'int8', [1, 8, 10, 8], 0.1, 0);
  const d1 = activation('d1', 'int8', [1, 4, 5, 8], 0.1, 0);
  const p1 = activation('p1', 'int8', [1, 4, 5, 16], 0.1, 0);
  const p2 = activation('p2', 'int8', [1, 4, 5, 16], 0.1, 0);
  const a1 = activation('a1', 'int8', [1, 4, 5, 16], 0.2, 0);
  const g = activation('g', 'int8', [1, 1, 1, 16], 0.2, 0);
  const r = activation('r', 'int8', [1, 16], 0.2, 0);
  const f = activation('f', 'int8', [1, 4], 0.3, 0);
  const s = activation('s', 'int8', [1, 4], 1 / 256, -128);
  return new Graph([
    new Conv2D(x, perChannel('w1', [8, 3, 5, 3], 0), bias(8), c1, { padding: 'same' }),
    new DepthwiseConv2D(c1, perChannel('w2', [1, 3, 3, 8], 3), bias(8), d1, {
      padding: 'same',
      strideH: 2,
      strideW: 2,
    }),
    new Conv2D(d1, perChannel('w3', [16, 1, 1, 8], 0), bias(16), p1),
    new Conv2D(d1, perChannel('w4', [16, 1, 1, 8], 0), bias(16), p2),
    new Add(p1, p2, a1),
    new AveragePool2D(a1, g, { filterH: 4, filterW: 5, strideH: 4, strideW: 5 }),
    new Reshape(g, r),
    new FullyConnected(r, constInt8('w5', [4, 16], new Int8Array(64), 0.01), bias(4), f),
    new Softmax(f, s),
  ]);
}

describe('opWorkFromLayer', () => {
  const graph = separableGraph();
  graph.prepare();
  const work = graph.ops.map((_, i) => opWorkFromLayer(graph.layerStats(i)));

  it('reads kind, filter size, channels and element counts from a hand-built conv/depthwise graph', () => {
    expect(work.map((w) => w.kind)).toEqual([
      'conv',
      'depthwise',
      'pointwise',
      'pointwise',
      'add',
      'pool',
      'reshape',
      'fc',
      'softmax',
    ]);
    expect(work[0]).toEqual({
      op: 'Conv2D',
      kind: 'conv',
      macs: 8 * 10 * 8 * 3 * 5 * 3,
      inputElements: 8 * 10 * 3,
      outputElements: 8 * 10 * 8,
      kernelH: 3,
      kernelW: 5,
      inChannels: 3,
      outChannels: 8,
      weightBytes: 8 * 3 * 5 * 3,
    });
    expect(work[1]).toMatchObject({
      kind: 'depthwise',
      macs: 4 * 5 * 8 * 9,
      inputElements: 8 * 10 * 8,
      outputElements: 4 * 5 * 8,
      kernelH: 3,
      kernelW: 3,
      inChannels: 8,
      outChannels: 8,
    });
    expect(work[2]).toMatchObject({ kind: 'pointwise', kernelH: 1, kernelW: 1, inChannels: 8, outChannels: 16 });
    expect(work[5]).toMatchObject({ kind: 'pool', kernelH: 4, kernelW: 5, inputElements: 320, outputElements: 16 });
    expect(work[7]).toMatchObject({ kind: 'fc', macs: 64, inChannels: 16, outChannels: 4, weightBytes: 64 });
  });

  it('the layer carries the filter shape of ops with const weights only', () => {
    expect(graph.layerStats(1).filterShape).toEqual([1, 3, 3, 8]);
    expect(graph.layerStats(4).filterShape).toEqual([]);
  });

  it('telemetry without filter shapes gives the same work (kernel area from the MACs)', () => {
    const layers = graph.ops.map((_, i) => {
      const l = graph.layerStats(i);
      return {
        op: l.op,
        macs: l.macs,
        input_shape: l.inputShape,
        output_shape: l.outputShape,
        weight_bytes: l.weightBytes,
      };
    });
    const fromTelemetry = opsFromLayers(layers);
    expect(fromTelemetry[0]).toMatchObject({ kind: 'conv', kernelH: 15, kernelW: 1 });
    expect(fromTelemetry[1]).toMatchObject({ kind: 'depthwise', kernelH: 9, kernelW: 1 });
    const area = (w: { kernelH: number; kernelW: number }) => w.kernelH * w.kernelW;
    fromTelemetry.forEach((w, i) => {
      expect({ ...w, kernelH: area(w), kernelW: 1 }).toEqual({ ...work[i]!, kernelH: area(work[i]!), kernelW: 1 });
    });
  });
});

describe('op kinds', () => {
  it('a 1x1 convolution is pointwise, unknown ops are elementwise', () => {
    expect(opKindOf('Conv2D', 1)).toBe('pointwise');
    expect(opKindOf('Conv2D', 9)).toBe('conv');
    expect(opKindOf('Sub', 1)).toBe('add');
    expect(opKindOf('MaxPool2D', 4)).toBe('pool');
    expect(opKindOf('Quantize', 1)).toBe('elementwise');
  });

  it('an MLP is a stack of FC work items', () => {
    expect(mlpOps([640, 128, 8])).toEqual([
      {
        op: 'FullyConnected',
        kind: 'fc',
        macs: 81920,
        inputElements: 640,
        outputElements: 128,
        kernelH: 1,
        kernelW: 1,
        inChannels: 640,
        outChannels: 128,
        weightBytes: 81920,
      },
      {
        op: 'FullyConnected',
        kind: 'fc',
        macs: 1024,
        inputElements: 128,
        outputElements: 8,
        kernelH: 1,
        kernelW: 1,
        inChannels: 128,
        outChannels: 8,
        weightBytes: 1024,
      },
    ]);
  });
});
