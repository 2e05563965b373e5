// The C++ model loader (wasm/nn/src/model_loader.cc) against the TS engine, in a wasm32 -msimd128 driver
// (package_driver.cc, firmware flags, bounded memory) under node:wasi:
//  - the MNIST package loaded at run time gives the compiled-in mnist_model's and the TS twin's outputs bit for bit;
//  - MLPs of other layer sizes, a small CNN and a graph of the remaining ops match the TS engine bit for bit;
//  - 10,000 mutated packages: no trap, no hang, and the same verdict as the TS reader (load, self-test, position);
//  - pool and arena too small give clear messages; a flipped weight is caught by RunSelfTest.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image } from '../../../src/ml/mnist/dataset';
import { loadDigitSet } from '../../../src/ml/mnist/files';
import { loadMnistInt8, mnistArtefact } from '../../../src/ml/mnist/model';
import { buildInt8Graph, quantizePixels } from '../../../src/ml/mlp/int8Mlp';
import type { TensorData } from '../../../src/ml/kernels/tensor';
import { invokeBytes, mlpPackage, readPackage, runSelfTest, writePackage } from '../../../src/ml/package';
import { LIMITS } from '../../../src/ml/package/packageFormat';
import { bytesOf } from '../../../src/ml/package/selfTest';
import {
  elementwiseGraph,
  randomFloat32,
  randomInt8,
  randomMlpArtefact,
  smallCnn,
  type TestGraph,
} from '../../../src/ml/package/testGraphs';
import { runDriver } from '../wasiDriver';
import { buildPackageDriver } from './packageDriver';
import { applyMutant, encodeCases, makeMutants } from './mutants';

const POOL = 64 * 1024;
const ARENA = LIMITS.maxArenaBytes;

let wasm: Uint8Array;
let log: string;
const dir = mkdtempSync(join(tmpdir(), 'nn-package-'));

async function driver(args: string[]): Promise<string> {
  const r = await runDriver(wasm, ['package_driver', ...args], { '/data': dir });
  expect(r.exitCode, r.output).toBe(0);
  return r.output;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** Runs `inputs` (one byte string per vector) through the C++ loader's graph; returns each vector's output bytes. */
async function runCpp(pkg: Uint8Array, inputs: Uint8Array[], name: string): Promise<{ out: Uint8Array; line: string }> {
  writeFileSync(join(dir, `${name}.pkg`), pkg);
  writeFileSync(join(dir, `${name}.in`), concat(inputs));
  const line = await driver(['run', `/data/${name}.pkg`, `/data/${name}.in`, `/data/${name}.out`]);
  return { out: new Uint8Array(readFileSync(join(dir, `${name}.out`))), line };
}

interface Verdict {
  load: 'ok' | 'fail';
  selfTest: 'pass' | 'fail' | '-';
  vector: number;
  output: number;
  byte: number;
  message: string;
}

function parseVerdicts(output: string): Verdict[] {
  const out: Verdict[] = [];
  for (const line of output.split('\n')) {
    const m = /^R (\d+) (ok|fail) (pass|fail|-) (-?\d+) (-?\d+) (-?\d+) (\d+) \| (.*)$/.exec(line);
    if (!m) continue;
    out[Number(m[1])] = {
      load: m[2] as Verdict['load'],
      selfTest: m[3] as Verdict['selfTest'],
      vector: Number(m[4]),
      output: Number(m[5]),
      byte: Number(m[6]),
      message: m[8]!,
    };
  }
  return out;
}

/** A message with its numbers blanked: C++ prints floats with %g (inf, nan), JS with Number (Infinity, NaN). */
const printedNumbers = (m: string) => m.replace(/-?(infinity|inf|nan|\d[\d.e+-]*)/gi, '#');

function tsVerdict(bytes: Uint8Array): Verdict {
  let p;
  try {
    p = readPackage(bytes, { arenaBytes: ARENA });
  } catch (e) {
    if ((e as Error).name !== 'PackageError') throw e;
    return { load: 'fail', selfTest: '-', vector: -1, output: -1, byte: -1, message: (e as Error).message };
  }
  const st = runSelfTest(p);
  return {
    load: 'ok',
    selfTest: st.ok ? 'pass' : 'fail',
    vector: st.failedVector,
    output: st.output,
    byte: st.byte,
    message: st.message,
  };
}

async function check(cases: Uint8Array[], pool = POOL, arena = ARENA): Promise<Verdict[]> {
  const mutants = cases.map((_, base) => ({ base, length: cases[base]!.length, patches: [], kind: 'field' as const }));
  writeFileSync(join(dir, 'cases.bin'), encodeCases(cases, mutants));
  return parseVerdicts(await driver(['check', '/data/cases.bin', String(pool), String(arena)]));
}

const int8 = loadMnistInt8();
const test = loadDigitSet('test');
const DIGITS = 300;
const digits = Array.from({ length: DIGITS }, (_, i) => quantizePixels(image(test, i), int8.input));
const mnist = mlpPackage(mnistArtefact, digits.slice(0, 4));
const cnn = smallCnn(11);
const el = elementwiseGraph();
/** The fuzz bases: the MNIST MLP, an MLP with per-tensor scales, the CNN, and the float-input graph. */
const bases = [
  mnist,
  mlpPackage(randomMlpArtefact([64, 16, 10], 3, false), [randomInt8(1, 64), randomInt8(2, 64)]),
  writePackage(cnn.graph, { selfTestInputs: [[randomInt8(3, 144)]], inputs: cnn.inputs, outputs: cnn.outputs }),
  writePackage(el.graph, { selfTestInputs: [[randomFloat32(4, 24)]], inputs: el.inputs, outputs: el.outputs }),
];

beforeAll(async () => {
  ({ wasm, log } = await buildPackageDriver(true));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('C++ model loader', () => {
  it('compiles without warnings', () => {
    expect(log).not.toMatch(/warning:/);
  });

  it(`the MNIST package loaded at run time equals the compiled-in model and the TS twin on ${DIGITS} digits`, async () => {
    const inputs = digits.map((d) => new Uint8Array(d.buffer));
    const loaded = await runCpp(mnist, inputs, 'mnist');
    writeFileSync(join(dir, 'digits.in'), concat(inputs));
    const compiledLine = await driver(['mnist', '/data/digits.in', '/data/compiled.out']);
    const compiled = new Uint8Array(readFileSync(join(dir, 'compiled.out')));
    const p = readPackage(mnist);
    const twin = concat(inputs.map((x) => invokeBytes(p, x)));
    expect(loaded.out.length).toBe(DIGITS * 24);
    expect(Buffer.compare(Buffer.from(loaded.out), Buffer.from(compiled))).toBe(0);
    expect(Buffer.compare(Buffer.from(loaded.out), Buffer.from(twin))).toBe(0);
    // The reference graph of the artefact (not read from the package) predicts the same digits.
    const reference = buildInt8Graph(int8);
    const predictions = new Int32Array(loaded.out.buffer.slice(0)).filter((_, i) => i % 6 === 5);
    expect(Array.from(predictions)).toEqual(digits.map((d) => reference.invoke(d).prediction));
    const pool = Number(/pool=(\d+)/.exec(loaded.line)![1]);
    const arena = Number(/arena=(\d+)/.exec(loaded.line)![1]);
    expect(arena).toBe(reference.stats().arenaBytes);
    const flash = Number(/flash=(\d+)/.exec(compiledLine)![1]);
    console.log(
      `MNIST package ${mnist.length} bytes, compiled-in model ${flash} flash bytes; pool ${pool}, arena ${arena}`,
    );
    expect(pool).toBeLessThan(8 * 1024);
  });

  const mlps = [
    [784, 32, 10],
    [784, 256, 128, 64, 10],
  ];
  it.each(mlps.map((s) => [s.join('-'), s] as const))(
    'MLP %s matches the TS engine bit for bit',
    async (name, sizes) => {
      const inputs = Array.from({ length: 50 }, (_, i) => randomInt8(1000 + i, 784));
      const pkg = mlpPackage(randomMlpArtefact(sizes, 7, sizes.length === 3), inputs.slice(0, 2));
      const got = await runCpp(
        pkg,
        inputs.map((x) => new Uint8Array(x.buffer)),
        `mlp-${name}`,
      );
      const p = readPackage(pkg);
      const want = concat(inputs.map((x) => invokeBytes(p, new Uint8Array(x.buffer))));
      expect(got.out.length).toBe(50 * 24);
      expect(Buffer.compare(Buffer.from(got.out), Buffer.from(want))).toBe(0);
    },
  );

  const graphs: [string, TestGraph, (seed: number) => TensorData][] = [
    [
      'small CNN (Conv2D, DepthwiseConv2D, pools, Reshape, FullyConnected, Softmax)',
      smallCnn(5),
      (s) => randomInt8(s, 144),
    ],
    [
      'Quantize, Relu, Relu6, Add, Sub, Minimum, Maximum, ArgMax, Dequantize',
      elementwiseGraph(),
      (s) => randomFloat32(s, 24),
    ],
  ];
  it.each(graphs)('%s matches the TS engine bit for bit', async (name, g, input) => {
    const inputs = Array.from({ length: 40 }, (_, i) => input(2000 + i));
    const pkg = writePackage(g.graph, { selfTestInputs: [[inputs[0]!]], inputs: g.inputs, outputs: g.outputs });
    const bytes = inputs.map((x) => new Uint8Array(bytesOf(x)));
    const got = await runCpp(pkg, bytes, name.split(' ')[0]!.toLowerCase());
    const p = readPackage(pkg);
    const want = concat(bytes.map((x) => invokeBytes(p, x)));
    expect(got.out.length).toBe(want.length);
    expect(Buffer.compare(Buffer.from(got.out), Buffer.from(want))).toBe(0);
  });

  it('pool and arena too small are refused with what is needed and what there is', async () => {
    const [tightPool] = await check([mnist], 1024);
    const need = Number(/^model needs (\d+) bytes of pool, have 1024$/.exec(tightPool!.message)?.[1]);
    expect(need).toBeGreaterThan(1024);
    const [exact] = await check([mnist], need);
    expect(exact).toMatchObject({ load: 'ok', selfTest: 'pass' });
    const [short] = await check([mnist], need - 16);
    expect(short!.message).toBe(`model needs ${need} bytes of pool, have ${need - 16}`);
    const [tightArena] = await check([mnist], POOL, 2048);
    expect(tightArena!.message).toBe('arena needs 3360 bytes, have 2048');
    expect(() => readPackage(mnist, { arenaBytes: 2048 })).toThrow('arena needs 3360 bytes, have 2048');
  });

  it('a flipped weight byte passes the loader and is caught by RunSelfTest at the same vector and byte as in TS', async () => {
    const p = readPackage(mnist);
    const view = new DataView(mnist.buffer);
    const constBase = view.getUint32(36, true);
    const weights = view.getUint32(64 + 48 + 40, true);
    const x = digits[0]!;
    const pixel = x.indexOf(Math.max(...x));
    const l1 = int8.layers[0]!;
    const acc = (u: number) => l1.bias[u]! + x.reduce((a, v, d) => a + l1.weights[u * 784 + d]! * (v + 128), 0);
    const unit = Array.from({ length: l1.units }, (_, u) => u).reduce((a, u) => (acc(u) > acc(a) ? u : a), 0);
    const tampered = mnist.slice();
    tampered[constBase + weights + unit * 784 + pixel]! ^= 0x80;
    const [cpp] = await check([mnist, tampered]).then((v) => v.slice(1));
    const ts = tsVerdict(tampered);
    expect(cpp).toMatchObject({ load: 'ok', selfTest: 'fail', vector: 0 });
    expect(cpp).toEqual(ts);
    expect(runSelfTest(p).ok).toBe(true);
  });

  it('10,000 mutated packages: never a trap or a hang, and the same verdict as the TS reader', async () => {
    const mutants = makeMutants(bases, 10_000, 20261201);
    writeFileSync(join(dir, 'fuzz.bin'), encodeCases(bases, mutants));
    const output = await driver(['check', '/data/fuzz.bin', String(POOL), String(ARENA)]);
    expect(output).toContain('DONE 10000');
    const cpp = parseVerdicts(output);
    const disagreements: string[] = [];
    let sameMessage = 0;
    const tally: Record<string, number> = {};
    mutants.forEach((m, i) => {
      const ts = tsVerdict(applyMutant(bases, m));
      const c = cpp[i]!;
      const key = `${m.kind}: ${c.load}${c.selfTest === '-' ? '' : ` ${c.selfTest}`}`;
      tally[key] = (tally[key] ?? 0) + 1;
      expect(c.message.length).toBeGreaterThan(10);
      if (c.message === ts.message) sameMessage++;
      else if (printedNumbers(c.message) !== printedNumbers(ts.message))
        disagreements.push(`#${i} messages differ beyond number formatting: C++ ${c.message} | TS ${ts.message}`);
      const { message: _c, ...cv } = c;
      const { message: _t, ...tv } = ts;
      if (JSON.stringify(cv) !== JSON.stringify(tv))
        disagreements.push(`#${i} ${m.kind}: C++ ${c.message} | TS ${ts.message}`);
    });
    console.log(`fuzz verdicts ${JSON.stringify(tally)}; identical messages ${sameMessage} of ${mutants.length}`);
    expect(disagreements).toEqual([]);
    // The mix exercises every outcome: refused, loaded and passing, loaded and failing the self-test.
    expect(Object.keys(tally).some((k) => k.endsWith('ok pass'))).toBe(true);
    expect(Object.keys(tally).some((k) => k.endsWith('ok fail'))).toBe(true);
    expect(Object.values(tally).reduce((a, n) => a + n, 0)).toBe(10_000);
  }, 300_000);
});

describe('C++ model loader, scalar build (no -msimd128)', () => {
  let scalar: Uint8Array;
  beforeAll(async () => {
    const b = await buildPackageDriver(false);
    expect(b.log).not.toMatch(/warning:/);
    scalar = b.wasm;
  }, 300_000);

  it('accepts the packages the SIMD build accepts and passes their self-tests (its arena need is smaller)', async () => {
    writeFileSync(
      join(dir, 'bases.bin'),
      encodeCases(
        bases,
        bases.map((b, base) => ({ base, length: b.length, patches: [], kind: 'field' as const })),
      ),
    );
    const r = await runDriver(scalar, ['package_driver', 'check', '/data/bases.bin', String(POOL), String(ARENA)], {
      '/data': dir,
    });
    const verdicts = parseVerdicts(r.output);
    expect(verdicts.map((v) => `${v.load} ${v.selfTest}`)).toEqual(bases.map(() => 'ok pass'));
  });
});
