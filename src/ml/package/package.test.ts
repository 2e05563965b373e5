// The model package on the TS side: the generated C++ header is current, packages round-trip to the same graph
// (structure and bit-identical outputs), the self-test catches a changed weight, and hostile edits are refused with
// a message that names the problem. wasm/tests/package/package.test.ts runs the same packages through the C++ loader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDigitSet } from '../mnist/files';
import { image } from '../mnist/dataset';
import { loadMnistInt8, mnistArtefact } from '../mnist/model';
import { buildInt8Graph, fromArtefact, quantizePixels } from '../mlp/int8Mlp';
import { Graph } from '../kernels/graph';
import { Conv2D, Relu } from '../kernels/ops';
import { activation, constInt8, tensorBytes, type Tensor, type TensorData } from '../kernels/tensor';
import { mlpPackage, PACKAGE_MAGIC, readPackage, runSelfTest, writePackage, type ModelPackage } from '.';
import { recordOf } from './opRecords';
import { CONST_ALIGNMENT, HEADER, LIMITS, OP, OPS, TENSOR } from './packageFormat';
import { generatePackageHeader, PACKAGE_HEADER_PATH } from './packageHeader';
import { readRecord } from './records';
import { bytesOf, invokeBytes } from './selfTest';
import { elementwiseGraph, randomFloat32, randomInt8, randomMlpArtefact, smallCnn, type TestGraph } from './testGraphs';

const ROOT = new URL('../../../', import.meta.url).pathname;
const int8 = loadMnistInt8();
const test = loadDigitSet('test');
const digits = (n: number) => Array.from({ length: n }, (_, i) => quantizePixels(image(test, i), int8.input));
const mnist = mlpPackage(mnistArtefact, digits(4));

function header(bytes: Uint8Array): Record<string, number> {
  return readRecord(new DataView(bytes.buffer, bytes.byteOffset), 0, HEADER) as Record<string, number>;
}
function setU32(bytes: Uint8Array, at: number, v: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at, v, true);
  return copy;
}
function setU16(bytes: Uint8Array, at: number, v: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(at, v, true);
  return copy;
}
function setI32(bytes: Uint8Array, at: number, v: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setInt32(at, v, true);
  return copy;
}
const tensorAt = (b: Uint8Array, i: number, field: string) =>
  header(b).tensorTableOffset! + i * TENSOR.bytes + TENSOR.offsets[field]!;
const opAt = (b: Uint8Array, i: number, field: string) => header(b).opTableOffset! + i * OP.bytes + OP.offsets[field]!;

function packageOf(t: TestGraph, vectors: TensorData[][]): Uint8Array {
  return writePackage(t.graph, { selfTestInputs: vectors, inputs: t.inputs, outputs: t.outputs });
}

/** Structure of a graph with tensors named by position: what must survive a round trip. */
function describeGraph(graph: Graph) {
  const tensors: Tensor[] = [];
  const index = (t: Tensor) => (tensors.includes(t) ? tensors.indexOf(t) : tensors.push(t) - 1);
  const ops = graph.ops.map((op) => recordOf(op, index));
  return {
    ops,
    tensors: tensors.map((t) => ({
      dtype: t.dtype,
      shape: t.shape,
      scale: t.quant.scale,
      zeroPoint: t.quant.zeroPoint,
      channelScales: t.quant.channelScales ? Array.from(t.quant.channelScales) : null,
      axis: t.quant.channelScales ? t.quant.axis : null,
      data: t.isConst ? Array.from(bytesOf(t.data!)) : null,
    })),
  };
}

const cnn = smallCnn(3);
const elementwise = elementwiseGraph();
const CASES: { name: string; graph: TestGraph; vectors: TensorData[][] }[] = [
  { name: 'small CNN', graph: cnn, vectors: [1, 2, 3].map((s) => [randomInt8(s, 144)]) },
  { name: 'elementwise ops on float input', graph: elementwise, vectors: [1, 2].map((s) => [randomFloat32(s, 24)]) },
];

describe('package format', () => {
  it('the C++ loader takes its layout from wasm/nn/include/nn/package_format.h, generated from packageFormat.ts (npm run gen:contracts)', () => {
    expect(readFileSync(join(ROOT, PACKAGE_HEADER_PATH), 'utf8')).toBe(generatePackageHeader());
  });

  it('describes every op of wasm/nn (one header per op family in wasm/nn/include/nn)', () => {
    const opsHeader = readFileSync(join(ROOT, 'wasm/nn/include/nn/ops.h'), 'utf8');
    const classes = new Set<string>();
    for (const h of opsHeader.matchAll(/#include "(\w+\.h)"/g)) {
      const text = readFileSync(join(ROOT, 'wasm/nn/include/nn', h[1]!), 'utf8');
      for (const m of text.matchAll(/class (\w+) final : public/g)) classes.add(m[1]!);
    }
    expect(new Set(OPS.map((o) => o.name))).toEqual(classes);
  });

  it('starts with the magic and keeps const data 16-byte aligned within the body', () => {
    expect(String.fromCharCode(...mnist.subarray(0, 4))).toBe(PACKAGE_MAGIC);
    const h = header(mnist);
    expect(h.constDataOffset! % CONST_ALIGNMENT).toBe(0);
    const view = new DataView(mnist.buffer, mnist.byteOffset);
    for (let i = 0; i < h.numTensors!; i++) {
      const t = readRecord(view, h.tensorTableOffset! + i * TENSOR.bytes, TENSOR);
      expect((h.constDataOffset! + (t.dataOffset as number)) % CONST_ALIGNMENT).toBe(0);
      expect((h.constDataOffset! + (t.scalesOffset as number)) % CONST_ALIGNMENT).toBe(0);
    }
  });

  it('the MNIST package is the compiled-in model plus tables and self-test vectors', () => {
    const stats = buildInt8Graph(int8).stats();
    const p = readPackage(mnist);
    expect(p.arenaBytes).toBe(stats.arenaBytes);
    // Weights, biases and scales, plus 64 header + 48 per tensor and op record + io table + alignment + 4 vectors.
    expect(mnist.length).toBeGreaterThan(stats.flashBytes);
    expect(mnist.length - stats.flashBytes).toBeLessThan(5 * 1024);
  });
});

describe('round trip', () => {
  const mlps = [
    [784, 32, 10],
    [784, 256, 128, 64, 10],
  ].map((sizes, i) => ({ sizes, artefact: randomMlpArtefact(sizes, 100 + i, i === 0) }));

  it.each(CASES.map((c) => [c.name, c] as const))('%s: same structure, bit-identical outputs', (_n, c) => {
    const bytes = packageOf(c.graph, c.vectors);
    const p = readPackage(bytes);
    expect(describeGraph(p.graph)).toEqual(describeGraph(c.graph.graph));
    c.graph.graph.prepare();
    for (const v of c.vectors) {
      const input = new Uint8Array(bytesOf(v[0]!));
      const expected = invokeBytes({ graph: c.graph.graph, inputs: c.graph.inputs, outputs: c.graph.outputs }, input);
      expect(invokeBytes(p, input)).toEqual(expected);
    }
    expect(runSelfTest(p).ok).toBe(true);
  });

  it.each(mlps.map((m) => [m.sizes.join('-'), m] as const))(
    'MLP %s of other layer sizes: same outputs as the artefact graph',
    (_n, m) => {
      const inputs = [5, 6, 7].map((s) => randomInt8(s, 784));
      const p = readPackage(mlpPackage(m.artefact, inputs));
      const reference = buildInt8Graph(fromArtefact(m.artefact));
      for (const x of inputs) {
        const r = reference.invoke(x);
        const got = invokeBytes(p, new Uint8Array(x.buffer));
        expect(got).toEqual(
          new Uint8Array([...bytesOf(r.logits), ...bytesOf(r.scores), ...bytesOf(Int32Array.of(r.prediction))]),
        );
      }
      expect(p.outputs.map((t) => t.shape)).toEqual([[1, 10], [1, 10], [1]]);
      expect(runSelfTest(p).ok).toBe(true);
    },
  );
});

describe('self-test', () => {
  it('passes on the written package and reports the first mismatching vector and byte for a flipped weight', () => {
    const p = readPackage(mnist);
    expect(runSelfTest(p)).toMatchObject({ ok: true, vectors: 4, failedVector: -1 });
    const h = header(mnist);
    const weights = new DataView(mnist.buffer).getUint32(tensorAt(mnist, 1, 'dataOffset'), true);
    // The first layer's most active unit on vector 0, and that vector's most inked pixel: flipping the top bit of
    // the weight between them moves the unit's accumulator by 128 x 255.
    const x = digits(1)[0]!;
    const l1 = int8.layers[0]!;
    const acc = (u: number) => l1.bias[u]! + x.reduce((a, v, d) => a + l1.weights[u * 784 + d]! * (v + 128), 0);
    const unit = Array.from({ length: l1.units }, (_, u) => u).reduce((a, u) => (acc(u) > acc(a) ? u : a), 0);
    const pixel = x.indexOf(Math.max(...x));
    const tampered = mnist.slice();
    tampered[h.constDataOffset! + weights + unit * 784 + pixel]! ^= 0x80;
    const result = runSelfTest(readPackage(tampered));
    expect(result.ok).toBe(false);
    expect(result.failedVector).toBe(0);
    expect(result.message).toMatch(
      /^self-test vector 0 of 4: output \d byte \d+ is 0x[0-9a-f]{2}, expected 0x[0-9a-f]{2}$/,
    );
  });

  it('a changed expected byte is caught at exactly that vector, output and byte', () => {
    const h = header(mnist);
    const tampered = mnist.slice();
    // Vector 2, output 1 (scores), byte 3: after 2 vectors of (784 + 24) bytes, the 784 input and 10 logits bytes.
    tampered[h.selfTestOffset! + 2 * 808 + 784 + 10 + 3]! ^= 1;
    expect(runSelfTest(readPackage(tampered))).toMatchObject({ ok: false, failedVector: 2, output: 1, byte: 3 });
  });
});

describe('refused packages name the problem', () => {
  const h = header(mnist);
  const cases: [string, Uint8Array, RegExp][] = [
    ['truncated header', mnist.slice(0, 40), /^package is 40 bytes, shorter than its 64-byte header$/],
    ['truncated body', mnist.slice(0, mnist.length - 1), /^package says \d+ bytes, got \d+$/],
    ['bad magic', setU32(mnist, 0, 0x12345678), /^bad magic 0x78563412 \(expected "NNPK"\)$/],
    ['newer format', setU32(mnist, 4, 2 | (64 << 16)), /^unsupported format version 2 \(this reader reads 1\)$/],
    ['reserved flags', setU32(mnist, 12, 1), /^reserved header field flags is not 0$/],
    ['too many ops', setU32(mnist, 16, h.numTensors! | (65 << 16)), /^65 ops \(must be 1\.\.64\)$/],
    ['no self-test', setU32(mnist, 48, 0), /^0 self-test vectors \(must be 1\.\.16\)$/],
    ['huge arena', setU32(mnist, 44, 0x7ffffff0), /^package declares 2147483632 arena bytes \(limit 1048576\)$/],
    [
      'wrapping offset',
      setU32(mnist, 36, 0xfffffff0),
      /^const data \(\d+ bytes at 4294967280\) runs past the package end/,
    ],
    ['overlapping tables', setU32(mnist, 28, 64), /^op table at 64 overlaps what precedes it/],
    ['unknown dtype', setU32(mnist, tensorAt(mnist, 0, 'dtype'), 0x00000209), /^tensor 0: unknown dtype code 9$/],
    ['zero dimension', setI32(mnist, tensorAt(mnist, 1, 'dims') + 4, 0), /^tensor 1: dimension 1 is 0 \(1\.\.32767\)$/],
    [
      'data length',
      setU32(mnist, tensorAt(mnist, 1, 'dataBytes'), 4),
      /^tensor 1: 4 data bytes for 100352 int8 elements$/,
    ],
    [
      'data outside',
      setU32(mnist, tensorAt(mnist, 1, 'dataOffset'), 0x7fff0000),
      /^tensor 1: data at \d+ misaligned or outside the const data$/,
    ],
    [
      'NaN scale',
      setU32(mnist, tensorAt(mnist, 0, 'scale'), 0x7fc00000),
      /^tensor 0: scale NaN is not a finite number >= 0$/,
    ],
    [
      'zero point',
      setI32(mnist, tensorAt(mnist, 0, 'zeroPoint'), 300),
      /^tensor 0: zero point 300 outside \[-128, 127\]$/,
    ],
    ['unknown op', setU32(mnist, opAt(mnist, 0, 'opcode'), 0xffffff30), /^op 0: unknown opcode 48$/],
    [
      'tensor index',
      setU32(mnist, opAt(mnist, 0, 'inputs'), 0xffff0999 - 0xffff0000 + (0x0001 << 16)),
      /^op 0 \(FullyConnected\): input names tensor 2457, the package has \d+$/,
    ],
    [
      'unused field',
      setI32(mnist, opAt(mnist, 0, 'strideH'), 2),
      /^op 0 \(FullyConnected\): unused field strideH is not 0$/,
    ],
    [
      'graph input',
      setU32(setU16(mnist, h.ioTableOffset!, 3), 56, 4 * (128 + 24)),
      /^op 0 \(FullyConnected\): reads tensor 0 before any op produces it, and it is not a graph input$/,
    ],
    ['self-test size', setU32(mnist, 56, h.selfTestBytes! - 1), /^self-test section is \d+ bytes, expected \d+$/],
    [
      'declared arena too small',
      setU32(mnist, 44, 1024),
      /^arena too small: needs 3360 bytes \(912 activations \+ 2448 persistent\), has 1024$/,
    ],
  ];
  it.each(cases)('%s', (_name, bytes, message) => {
    expect(() => readPackage(bytes)).toThrow(message);
  });

  it("an op whose shapes do not fit gets the op's own message", () => {
    // The first hidden activation (tensor 3) becomes [2, 64]: the same bytes, but not what the layer produces.
    const bytes = setI32(setI32(mnist, tensorAt(mnist, 3, 'dims'), 2), tensorAt(mnist, 3, 'dims') + 4, 64);
    expect(() => readPackage(bytes)).toThrow(/^FullyConnected#0: output must hold 1 x 128 values$/);
  });

  it('dilation outside 1..32767 is refused', () => {
    const bytes = packageOf(cnn, CASES[0]!.vectors);
    expect(() => readPackage(setI32(bytes, opAt(bytes, 0, 'dilationW'), 0))).toThrow(
      /^op 0 \(Conv2D\): dilation 1x0 \(1\.\.32767\)$/,
    );
    expect(() => readPackage(setI32(bytes, opAt(bytes, 0, 'dilationH'), 32768))).toThrow(
      /^op 0 \(Conv2D\): dilation 32768x1 \(1\.\.32767\)$/,
    );
  });

  it('a device arena smaller than the package declares', () => {
    expect(() => readPackage(mnist, { arenaBytes: 2048 })).toThrow(/^arena needs 3360 bytes, have 2048$/);
  });

  it('a model above the work limit', () => {
    // 3x3x16 -> 16 channels on 128x128: 262,144 outputs x 144 taps, above the limit with 2.3 KB of weights.
    const x = activation('x', 'int8', [1, 128, 128, 16], 0.1, 0);
    const w = constInt8('w', [16, 3, 3, 16], new Int8Array(2304).fill(1), 0.01);
    const y = activation('y', 'int8', [1, 128, 128, 16], 0.1, 0);
    const graph = new Graph([new Conv2D(x, w, null, y, { padding: 'same' })]);
    expect(262_144 * 144).toBeGreaterThan(LIMITS.maxWork);
    expect(() => writePackage(graph, { selfTestInputs: [[new Int8Array(262_144)]] })).toThrow(
      /^writePackage: one inference needs 38010880 steps of work \(limit 33554432\)$/,
    );
  });
});

describe('writer errors', () => {
  it('a graph whose arena exceeds the package limit', () => {
    const x = activation('x', 'int8', [1, 520, 1024], 0.1, 0);
    const y = activation('y', 'int8', [1, 520, 1024], 0.1, 0);
    const graph = new Graph([new Relu(x, y)]);
    expect(() => writePackage(graph, { selfTestInputs: [[new Int8Array(520 * 1024)]] })).toThrow(
      /^writePackage: package declares 1064960 arena bytes \(limit 1048576\)$/,
    );
  });

  it('a self-test vector of the wrong size or type', () => {
    expect(() => mlpPackage(mnistArtefact, [new Int8Array(10)])).toThrow(
      /self-test vector 0 input 0 must be int8\[784\]/,
    );
    const f = new Float32Array(784) as unknown as Int8Array;
    expect(() => mlpPackage(mnistArtefact, [f])).toThrow(/must be int8\[784\]/);
    expect(() => mlpPackage(mnistArtefact, [])).toThrow(/0 self-test vectors/);
  });

  it('graph outputs are kept alive even when a later op reads them', () => {
    const p: ModelPackage = readPackage(mnist);
    expect(p.outputs.every((t) => t.keepAlive)).toBe(true);
    expect(p.outputs.map(tensorBytes)).toEqual([10, 10, 4]);
  });
});
