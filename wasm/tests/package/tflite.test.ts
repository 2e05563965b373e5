// The MLPerf Tiny models imported from .tflite (src/ml/tflite) as model packages, loaded by the C++ loader
// and a dilated convolution (nn::LoadModel in the wasm32 -msimd128 package driver under node:wasi): each is accepted, passes its self-test,
// and gives the imported TS graph's outputs bit for bit on further inputs; the KWS sample lands in class 5. The pool
// the loader reports equals src/ml/tflite/runtimeBytes.ts, whose object sizes equal the driver's sizeof.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/ml/package/packageFormat';
import { bytesOf } from '../../../src/ml/package/selfTest';
import { MLPERF_MODELS, readFixture } from '../../../src/ml/tflite/fixtures';
import { importTflite, packageFromTflite, patternInputs, type ImportedModel } from '../../../src/ml/tflite';
import { loaderPoolBytes, POOL_OBJECT_BYTES } from '../../../src/ml/tflite/runtimeBytes';
import { buildTflite, dilatedConvSpec } from '../../../src/ml/tflite/testModels';
import { runDriver } from '../wasiDriver';
import { encodeCases } from './mutants';
import { buildPackageDriver } from './packageDriver';

const POOL = 64 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'nn-tflite-'));
let wasm: Uint8Array;

async function driver(args: string[]): Promise<string> {
  const r = await runDriver(wasm, ['package_driver', ...args], { '/data': dir });
  expect(r.exitCode, r.output).toBe(0);
  return r.output;
}

/** The graph outputs of the imported TS graph for one input vector, concatenated like the driver writes them. */
function tsOutputs(m: ImportedModel, inputs: readonly Uint8Array[]): Uint8Array {
  inputs.forEach((bytes, k) => new Uint8Array(m.inputs[k]!.data!.buffer, m.inputs[k]!.data!.byteOffset).set(bytes));
  m.graph.invoke();
  const parts = m.outputs.map((t) => bytesOf(t.data!));
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const fixtures = [
  ...MLPERF_MODELS.map((f) => ({ name: f.name, bytes: readFixture(f.file) })),
  { name: 'dilated conv', bytes: buildTflite(dilatedConvSpec()) },
];
const models = fixtures.map((f) => {
  const imported = importTflite(f.bytes);
  const vectors = [patternInputs(imported, 1), patternInputs(imported, 2)];
  return { ...f, imported, pkg: packageFromTflite(imported, vectors) };
});

beforeAll(async () => {
  ({ wasm } = await buildPackageDriver(true));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MLPerf Tiny packages on the C++ loader', () => {
  it('the pool object sizes of runtimeBytes.ts are the driver build sizeof figures', async () => {
    const line = (await driver(['sizes'])).split('\n').find((l) => l.startsWith('SIZES '))!;
    const sizes = Object.fromEntries(
      line
        .slice(6)
        .split(' ')
        .map((kv) => kv.split('=') as [string, string]),
    );
    const { ops, ...objects } = POOL_OBJECT_BYTES;
    expect(Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Number(v)]))).toEqual({ ...objects, ...ops });
  });

  it('all four and a dilated convolution load, pass their self-tests, and take the pool runtimeBytes.ts predicts', async () => {
    const cases = models.map((m) => m.pkg);
    const mutants = cases.map((c, base) => ({ base, length: c.length, patches: [], kind: 'field' as const }));
    writeFileSync(join(dir, 'cases.bin'), encodeCases(cases, mutants));
    const out = await driver(['check', '/data/cases.bin', String(POOL), String(LIMITS.maxArenaBytes)]);
    const lines = out.split('\n').filter((l) => l.startsWith('R '));
    expect(lines).toHaveLength(models.length);
    lines.forEach((line, i) => {
      expect(line, models[i]!.name).toMatch(/^R \d+ ok pass /);
      const pool = Number(line.split(' ')[7]);
      expect(pool, models[i]!.name).toBe(loaderPoolBytes(models[i]!.imported.graph));
    });
  });

  it.each(models.map((m) => [m.name, m] as const))(
    '%s: the C++ engine equals the imported TS graph bit for bit on 3 more inputs',
    async (name, m) => {
      const inputs = [3, 4, 5].map((seed) => patternInputs(m.imported, seed).map((d) => bytesOf(d)));
      if (name === 'kws') inputs.push([readFixture('kws_sample_input.int8.bin')]);
      const flat = inputs.flat();
      const all = new Uint8Array(flat.reduce((a, p) => a + p.length, 0));
      flat.reduce((at, p) => (all.set(p, at), at + p.length), 0);
      writeFileSync(join(dir, `${name}.pkg`), m.pkg);
      writeFileSync(join(dir, `${name}.in`), all);
      await driver(['run', `/data/${name}.pkg`, `/data/${name}.in`, `/data/${name}.out`]);
      const got = new Uint8Array(readFileSync(join(dir, `${name}.out`)));
      const want = inputs.map((v) => tsOutputs(m.imported, v));
      const wantAll = new Uint8Array(want.reduce((a, p) => a + p.length, 0));
      want.reduce((at, p) => (wantAll.set(p, at), at + p.length), 0);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(wantAll))).toBe(0);
      if (name === 'kws') {
        const scores = Array.from(new Int8Array(got.buffer, got.length - 12, 12));
        expect(scores.indexOf(Math.max(...scores))).toBe(5);
      }
    },
    120_000,
  );
});
