// Synthetic .tflite files (testModels.ts): dilation, fused activations, per-channel weights, float I/O through
// QUANTIZE/DEQUANTIZE, and the errors — every unsupported operator named in one message, float models, engine checks
// reported against their operator, malformed files.
import { describe, expect, it } from 'vitest';
import { Softmax } from '../kernels/ops';
import { readPackage, runSelfTest } from '../package';
import { importTflite, packageFromTflite, readTflite, TfliteError } from './index';
import { OPTIONS_TYPE } from './schema';
import {
  buildTflite,
  dilatedConvSpec,
  int32Bytes,
  int8Bytes,
  type SpecModel,
  type SpecOperator,
  type SpecTensor,
} from './testModels';

const CONV_2D = 3;
const DEPTHWISE_CONV_2D = 4;
const FULLY_CONNECTED = 9;
const RESIZE_BILINEAR = 23;
const SOFTMAX = 25;
const QUANTIZE = 114;
const DEQUANTIZE = 6;
const GELU = 150;
const SAME = 0;
const VALID = 1;
const NONE = 0;
const RELU = 1;
const TANH = 4;

const act = (shape: number[], scale = 1, zeroPoint = 0): SpecTensor => ({
  shape,
  type: 'int8',
  scales: [scale],
  zeroPoints: [zeroPoint],
});

function convOptions(padding: number, activation: number, dilation: number): SpecOperator['options'] {
  return {
    type: OPTIONS_TYPE.Conv2DOptions,
    fields: [
      [0, 'i8', padding],
      [1, 'i32', 1],
      [2, 'i32', 1],
      [3, 'i8', activation],
      [4, 'i32', dilation],
      [5, 'i32', dilation],
    ],
  };
}

const dilatedConv = dilatedConvSpec;

function run(bytes: Uint8Array, input: ArrayLike<number>): number[] {
  const m = importTflite(bytes);
  m.inputs[0]!.data!.set(input);
  m.graph.invoke();
  return Array.from(m.outputs[0]!.data!);
}

describe('importTflite mapping', () => {
  it('a dilated convolution with same padding gives the values worked out by hand', () => {
    const bytes = buildTflite(dilatedConv());
    expect(run(bytes, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([20, 36, 15, 36, 64, 26, 10, 16, 5]);
    const pkg = readPackage(packageFromTflite(importTflite(bytes)), { arenaBytes: 1 << 16 });
    expect(runSelfTest(pkg).ok).toBe(true);
  });

  it('a dilated depthwise convolution with per-channel scales (axis 3) and the multiplier from the shapes', () => {
    // Input 1×3×3×1 = 1..9; filter 1×2×2×2 (two outputs per input channel), dilation 2, valid: taps are the corners
    // 1, 3, 7, 9. Channel 0 (scale 1) weights all 1 → 20; channel 1 (scale 0.5, q [2, 0, 0, -2]: 1·1 - 1·9) → -8.
    const spec: SpecModel = {
      tensors: [
        act([1, 3, 3, 1]),
        {
          shape: [1, 2, 2, 2],
          type: 'int8',
          data: int8Bytes([1, 2, 1, 0, 1, 0, 1, -2]),
          scales: [1, 0.5],
          zeroPoints: [0, 0],
          quantizedDimension: 3,
        },
        { shape: [2], type: 'int32', data: int32Bytes([0, 0]), scales: [1, 0.5], quantizedDimension: 0 },
        act([1, 1, 1, 2]),
      ],
      operators: [
        {
          code: DEPTHWISE_CONV_2D,
          inputs: [0, 1, 2],
          outputs: [3],
          options: {
            type: OPTIONS_TYPE.DepthwiseConv2DOptions,
            fields: [
              [0, 'i8', VALID],
              [1, 'i32', 1],
              [2, 'i32', 1],
              [3, 'i32', 0],
              [4, 'i8', NONE],
              [5, 'i32', 2],
              [6, 'i32', 2],
            ],
          },
        },
      ],
      inputs: [0],
      outputs: [3],
    };
    expect(run(buildTflite(spec), [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([20, -8]);
  });

  it('a fused RELU clamps at the output zero point', () => {
    const spec = dilatedConv(RELU);
    spec.tensors[1]!.data = int8Bytes([1, -2, 3, -4]);
    // (0,0) 5·-4 = -20 → 0; (1,1) 1 - 6 + 21 - 36 = -20 → 0; (0,1) 4·3 + 6·-4 = -12 → 0; (2,2) 5 → 5.
    const out = run(buildTflite(spec), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([out[0], out[1], out[4], out[8]]).toEqual([0, 0, 0, 5]);
  });

  it('float input and output through QUANTIZE and DEQUANTIZE', () => {
    // x (float) → QUANTIZE (scale 0.5, zp 0) → FC [[1, 1]] (scale 1) → DEQUANTIZE (scale 0.5): [1.5, 2] → q [3, 4]
    // → 7 → 3.5.
    const spec: SpecModel = {
      tensors: [
        { shape: [1, 2], type: 'float32' },
        act([1, 2], 0.5),
        { ...act([1, 2]), data: int8Bytes([1, 1]) },
        act([1, 1], 0.5),
        { shape: [1, 1], type: 'float32' },
      ],
      operators: [
        { code: QUANTIZE, inputs: [0], outputs: [1] },
        { code: FULLY_CONNECTED, inputs: [1, 2, -1], outputs: [3], options: fcOptions() },
        { code: DEQUANTIZE, inputs: [3], outputs: [4] },
      ],
      inputs: [0],
      outputs: [4],
    };
    expect(run(buildTflite(spec), [1.5, 2])).toEqual([3.5]);
  });

  it("SOFTMAX's beta reaches the engine", () => {
    const spec: SpecModel = {
      tensors: [act([1, 3], 0.1), act([1, 3], 1 / 256, -128)],
      operators: [
        {
          code: SOFTMAX,
          inputs: [0],
          outputs: [1],
          options: { type: OPTIONS_TYPE.SoftmaxOptions, fields: [[0, 'f32', 0.5]] },
        },
      ],
      inputs: [0],
      outputs: [1],
    };
    const m = importTflite(buildTflite(spec));
    expect((m.graph.ops[0] as Softmax).beta).toBe(0.5);
  });

  it('reads operator codes from files that carry only deprecated_builtin_code', () => {
    const m = readTflite(buildTflite({ ...dilatedConv(), deprecatedCodesOnly: true }));
    expect(m.operators[0]!.opName).toBe('CONV_2D');
  });
});

function fcOptions(activation = NONE): SpecOperator['options'] {
  return { type: OPTIONS_TYPE.FullyConnectedOptions, fields: [[0, 'i8', activation]] };
}

describe('importTflite errors', () => {
  it('lists every unsupported operator in one error, by index and name', () => {
    const spec: SpecModel = {
      tensors: [
        act([1, 3, 3, 1]),
        act([1, 6, 6, 1]),
        { ...act([1, 1, 1, 1]), data: int8Bytes([1]) },
        act([1, 6, 6, 1]),
        act([1, 6, 6, 1]),
      ],
      operators: [
        { code: RESIZE_BILINEAR, inputs: [0], outputs: [1] },
        { code: CONV_2D, inputs: [1, 2, -1], outputs: [3], options: convOptions(SAME, TANH, 1) },
        { code: GELU, inputs: [3], outputs: [4] },
      ],
      inputs: [0],
      outputs: [4],
    };
    let error: unknown;
    try {
      importTflite(buildTflite(spec));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TfliteError);
    expect((error as Error).message).toBe(
      [
        '3 operators cannot be imported:',
        'operator 0 (RESIZE_BILINEAR) is not supported',
        'operator 1 (CONV_2D): fused activation TANH is not supported (NONE, RELU, RELU6 are)',
        'operator 2 (GELU) is not supported',
      ].join('\n'),
    );
  });

  it('a float model is named as such', () => {
    const spec = dilatedConv();
    spec.tensors = spec.tensors.map((t) => ({
      ...t,
      type: 'float32',
      scales: undefined,
      data: t.data && new Uint8Array(t.data.length * 4),
    }));
    expect(() => importTflite(buildTflite(spec))).toThrow(
      /^operator 0 \(CONV_2D\): tensor 0 \(t0\) is float32, expected int8: a float model \(only full-integer int8 models are supported\)$/,
    );
  });

  it('an engine check that fails names the operator', () => {
    const spec = dilatedConv();
    spec.tensors[2] = act([1, 2, 2, 1]);
    expect(() => importTflite(buildTflite(spec))).toThrow(/^operator 0 \(CONV_2D\): output must be 3x3 spatially$/);
  });

  it('constant data of the wrong size, buffers outside the file (> 2 GB models), asymmetric weights', () => {
    const short = dilatedConv();
    short.tensors[1]!.data = int8Bytes([1, 2, 3]);
    expect(() => importTflite(buildTflite(short))).toThrow(/buffer 1 holds 3 bytes, shape \[1,2,2,1\] of int8 needs 4/);
    const external = dilatedConv();
    external.tensors[1] = { ...act([1, 2, 2, 1]), externalBuffer: true };
    expect(() => readTflite(buildTflite(external))).toThrow(/^buffer 1 is stored outside the flatbuffer/);
    const asymmetric = dilatedConv();
    asymmetric.tensors[1]!.zeroPoints = [3];
    expect(() => importTflite(buildTflite(asymmetric))).toThrow(/^operator 0 \(CONV_2D\): filter must be symmetric/);
  });

  it('a data flow that would read tensors nothing writes is refused', () => {
    const unwritten = dilatedConv();
    unwritten.inputs = [2]; // the conv's input 0 is no longer a graph input
    expect(() => importTflite(buildTflite(unwritten))).toThrow(
      /^operator 0 \(CONV_2D\) reads tensor 0, which is neither a graph input nor written before it$/,
    );
    const overwrite = dilatedConv();
    overwrite.inputs = [0, 2];
    expect(() => importTflite(buildTflite(overwrite))).toThrow(/^operator 0 \(CONV_2D\) writes graph input tensor 2$/);
    const never = dilatedConv();
    never.tensors.push({ shape: [1], type: 'int8', scales: [1], zeroPoints: [0] });
    never.outputs = [2, 3];
    expect(() => importTflite(buildTflite(never))).toThrow(/^graph output tensor 3 is never written$/);
  });

  it('malformed files get a TfliteError that says where', () => {
    const bytes = buildTflite(dilatedConv());
    expect(() => readTflite(bytes.subarray(0, 40))).toThrow(/outside the file \(40 bytes\)/);
    const badRoot = bytes.slice();
    new DataView(badRoot.buffer).setUint32(0, 0x7fffffff, true);
    expect(() => readTflite(badRoot)).toThrow(/^the root table at byte 2147483647 \(4 bytes\) lies outside the file/);
    expect(() => readTflite(new Uint8Array(16))).toThrow(/file identifier is "\\u0000\\u0000\\u0000\\u0000"/);
  });
});
