// The four MLPerf Tiny reference models import onto the engine graph; the KWS sample lands in its class.
import { describe, expect, it } from 'vitest';
import { readPackage, runSelfTest } from '../package';
import { MLPERF_MODELS, readFixture } from './fixtures';
import { importTflite, packageFromTflite, readTflite, TfliteError } from './index';

describe('readTflite', () => {
  it('reads the KWS model: tensors, operators, options, per-channel quantization', () => {
    const m = readTflite(readFixture('kws_ref_model.tflite'));
    expect(m.operators.map((o) => o.opName)).toEqual([
      'CONV_2D',
      ...Array(4).fill(['DEPTHWISE_CONV_2D', 'CONV_2D']).flat(),
      'AVERAGE_POOL_2D',
      'RESHAPE',
      'FULLY_CONNECTED',
      'SOFTMAX',
    ]);
    const conv = m.operators[0]!;
    expect(conv.options).toMatchObject({ kind: 'Conv2DOptions', padding: 'SAME', strideH: 2, strideW: 2 });
    expect(conv.options).toMatchObject({ activation: 'RELU', dilationH: 1, dilationW: 1 });
    const filter = m.tensors[conv.inputs[1]!]!;
    expect(filter).toMatchObject({ type: 'int8', shape: [64, 10, 4, 1] });
    expect(filter.quantization!.scales.length).toBe(64);
    expect(filter.quantization!.quantizedDimension).toBe(0);
    const dw = m.tensors[m.operators[1]!.inputs[1]!]!;
    expect(dw.shape).toEqual([1, 3, 3, 64]);
    expect(dw.quantization!.quantizedDimension).toBe(3);
    expect(m.operators[9]!.options).toMatchObject({ kind: 'Pool2DOptions', filterH: 25, filterW: 5, padding: 'VALID' });
    expect(m.operators[12]!.options).toEqual({ kind: 'SoftmaxOptions', beta: 1 });
    expect(m.tensors[m.inputs[0]!]).toMatchObject({ type: 'int8', shape: [1, 49, 10, 1] });
  });

  it('refuses a file that is not a .tflite', () => {
    expect(() => readTflite(new Uint8Array([1, 2, 3]))).toThrow(TfliteError);
    const bytes = readFixture('ad01_int8.tflite');
    bytes[4] = 'X'.charCodeAt(0);
    expect(() => readTflite(bytes)).toThrow(/file identifier is "XFL3", expected "TFL3"/);
  });
});

describe('importTflite on the MLPerf Tiny models', () => {
  it.each(MLPERF_MODELS.map((m) => [m.name, m] as const))(
    '%s imports; per-layer MACs sum to the README figure; its package passes the self-test',
    (_, fixture) => {
      const imported = importTflite(readFixture(fixture.file));
      const stats = imported.graph.stats();
      const layerMacs = imported.graph.ops.map((_, i) => imported.graph.layerStats(i).macs);
      expect(layerMacs.reduce((a, b) => a + b, 0)).toBe(fixture.macs);
      expect(stats.macs).toBe(fixture.macs);
      expect(imported.layers.map((l) => l.operatorIndex)).toEqual(imported.model.operators.map((o) => o.index));
      expect(imported.inputs.map((t) => t.tfliteIndex)).toEqual(imported.model.inputs);
      expect(imported.outputs.map((t) => t.tfliteIndex)).toEqual(imported.model.outputs);
      const pkg = readPackage(packageFromTflite(imported), { arenaBytes: 1 << 20 });
      expect(runSelfTest(pkg).ok).toBe(true);
    },
  );

  it('puts the reference KWS sample input in class 5 ("on")', () => {
    const imported = importTflite(readFixture('kws_ref_model.tflite'));
    imported.inputs[0]!.data!.set(new Int8Array(readFixture('kws_sample_input.int8.bin').buffer));
    imported.graph.invoke();
    const scores = Array.from(imported.outputs[0]!.data!);
    expect(scores.indexOf(Math.max(...scores))).toBe(5);
    expect(scores[5]).toBe(127);
  });
});
