import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { floatLiteral, generateModelSource } from './modelSource';
import { buildInt8Graph, type Int8Mlp } from '../mlp/int8Mlp';
import { MNIST_FILES, MNIST_MODEL_SOURCE } from '../mnist/files';
import { loadMnistInt8 } from '../mnist/model';

const OPTIONS = { namespace: 'tiny_model', headerName: 'tiny.h', origin: 'a test', command: 'the test' };

function tinyModel(perChannel: boolean): Int8Mlp {
  return {
    name: 'tiny',
    input: { scale: 1 / 255, zeroPoint: -128, depth: 4 },
    layers: [
      {
        units: 3,
        depth: 4,
        activation: 'relu',
        weights: Int8Array.from([1, -2, 3, -4, 5, -6, 7, -8, 127, -127, 0, 9]),
        weightScales: perChannel ? Float32Array.from([0.01, 0.02, 0.003]) : Float32Array.from([0.02]),
        bias: Int32Array.from([100, -200, 2147483647]),
        output: { scale: Math.fround(0.05), zeroPoint: -128 },
      },
      {
        units: 2,
        depth: 3,
        activation: 'none',
        weights: Int8Array.from([10, 20, 30, -40, -50, -60]),
        weightScales: perChannel ? Float32Array.from([0.004, 0.005]) : Float32Array.from([0.005]),
        bias: Int32Array.from([-1, 1]),
        output: { scale: Math.fround(0.1), zeroPoint: 3 },
      },
    ],
    softmax: { scale: 1 / 256, zeroPoint: -128 },
  };
}

/** The numbers of a generated C array initializer. */
function arrayValues(source: string, name: string): number[] {
  const m = new RegExp(`${name}\\[[^\\]]*\\] = \\{([^}]*)\\};`).exec(source);
  if (!m) throw new Error(`no array ${name}`);
  return m[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Number.parseFloat(s.replace(/f$/, '')));
}

describe('floatLiteral', () => {
  it('writes float32 values that parse back exactly', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const v = Math.fround((rand() - 0.5) * 10 ** Math.floor(rand() * 16 - 10));
      const lit = floatLiteral(v);
      expect(lit).toMatch(/^-?\d+(\.\d+)?(e[-+]\d+)?f$/);
      expect(Math.fround(Number.parseFloat(lit))).toBe(v);
    }
    expect(floatLiteral(0)).toBe('0.0f');
    expect(floatLiteral(1 / 256)).toBe('0.00390625f');
    expect(floatLiteral(2)).toBe('2.0f');
    expect(() => floatLiteral(Number.NaN)).toThrow(/non-finite/);
  });
});

describe('generateModelSource', () => {
  for (const perChannel of [true, false]) {
    it(`emits the weights, quantization parameters and graph (${perChannel ? 'per-channel' : 'per-tensor'})`, () => {
      const m = tinyModel(perChannel);
      const gen = generateModelSource(m, OPTIONS);
      const stats = buildInt8Graph(m).stats();
      expect(gen.arenaBytes).toBe(stats.arenaBytes);
      expect(gen.flashBytes).toBe(stats.flashBytes);
      expect(gen.macs).toBe(4 * 3 + 3 * 2);

      expect(gen.header).toContain('#ifndef TINY_MODEL_TINY_H');
      expect(gen.header).toContain(`constexpr int32_t kArenaBytes = ${stats.arenaBytes};`);
      expect(gen.header).toContain('constexpr int64_t kMacs = 18;');
      expect(gen.header).toContain('constexpr int32_t kInputSize = 4;');
      expect(gen.header).toContain('constexpr int32_t kNumClasses = 2;');
      expect(gen.header).toContain('const Model* Build(const char** error);');

      expect(gen.source).toContain('#include "tiny.h"');
      expect(gen.source).toContain('namespace tiny_model {');
      expect(arrayValues(gen.source, 'kFc1Weights')).toEqual(Array.from(m.layers[0]!.weights));
      expect(arrayValues(gen.source, 'kFc2Weights')).toEqual(Array.from(m.layers[1]!.weights));
      expect(arrayValues(gen.source, 'kFc1Bias')).toEqual(Array.from(m.layers[0]!.bias));
      expect(arrayValues(gen.source, 'kFc1Scales').map(Math.fround)).toEqual(Array.from(m.layers[0]!.weightScales));
      expect(gen.source).toContain('const int32_t kInputZeroPoint = -128;');
      expect(gen.source).toContain(`const float kInputScale = ${floatLiteral(1 / 255)};`);
      if (perChannel) {
        expect(gen.source).toContain('nn::Tensor::ConstInt8PerChannel({3, 4}, kFc1Weights, kFc1Scales, 3, 0)');
      } else {
        expect(gen.source).toContain('nn::Tensor::ConstInt8({3, 4}, kFc1Weights, kFc1Scales[0])');
      }
      expect(gen.source).toContain(
        `nn::Tensor fc1_out = nn::Tensor::Activation(nn::DType::kInt8, {1, 3}, ${floatLiteral(0.05)}, -128);`,
      );
      expect(gen.source).toContain(
        'nn::Tensor logits = nn::Tensor::Activation(nn::DType::kInt8, {1, 2}, 0.100000001f, 3);',
      );
      expect(gen.source).toContain(
        'nn::FullyConnected fc1(&input, &fc1_weights, &fc1_bias, &fc1_out, nn::Activation::kRelu);',
      );
      expect(gen.source).toContain(
        'nn::FullyConnected fc2(&fc1_out, &fc2_weights, &fc2_bias, &logits, nn::Activation::kNone);',
      );
      expect(gen.source).toContain('nn::Op* const kOps[] = {&fc1, &fc2, &softmax, &argmax};');
      expect(gen.source).toContain('alignas(16) uint8_t arena[kArenaBytes];');
    });
  }

  it('refuses a namespace that is not a C++ identifier', () => {
    expect(() => generateModelSource(tinyModel(true), { ...OPTIONS, namespace: 'bad-name' })).toThrow(/namespace/);
  });

  it('the committed wasm/models/*/mnist_model.* are what the generator makes of src/ml/mnist/model.json', () => {
    const gen = generateModelSource(loadMnistInt8(), MNIST_MODEL_SOURCE);
    expect(readFileSync(MNIST_FILES.modelHeader, 'utf8')).toBe(gen.header);
    expect(readFileSync(MNIST_FILES.modelSource, 'utf8')).toBe(gen.source);
  });
});
