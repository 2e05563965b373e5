import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TfliteError } from '../tflite';
import { MNIST_FIRMWARE_FOOTPRINT } from '../tflite/report';
import { inspectTflite } from './inspect';

const fixture = (file: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../shared/models/mlperf-tiny/${file}`, import.meta.url)));

describe('inspecting a .tflite for the Model tab', () => {
  it('reports the keyword-spotting model with its int8 input and output and their quantization', () => {
    const { report, inputs, outputs } = inspectTflite(fixture('kws_ref_model.tflite'), 'kws', MNIST_FIRMWARE_FOOTPRINT);
    expect(report.name).toBe('kws');
    expect(report.totals.macs).toBe(2_656_768);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ name: 'input_1', type: 'int8', shape: [1, 49, 10, 1], zeroPoint: [83] });
    expect(inputs[0]!.scale[0]).toBeCloseTo(0.5847029, 6);
    expect(outputs).toEqual([
      { name: 'Identity', type: 'int8', shape: [1, 12], scale: [0.00390625], zeroPoint: [-128] },
    ]);
  });

  it('gives the autoencoder its 640-wide input and output', () => {
    const { inputs, outputs } = inspectTflite(fixture('ad01_int8.tflite'), 'ad01', MNIST_FIRMWARE_FOOTPRINT);
    expect(inputs.map((t) => t.shape)).toEqual([[1, 640]]);
    expect(outputs.map((t) => [t.shape, t.zeroPoint])).toEqual([[[1, 640], [96]]]);
  });

  it('refuses a truncated file with a TfliteError', () => {
    const bytes = fixture('kws_ref_model.tflite').subarray(0, 1000);
    expect(() => inspectTflite(bytes, 'kws', MNIST_FIRMWARE_FOOTPRINT)).toThrow(TfliteError);
  });
});
