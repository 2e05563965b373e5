// `npm run model -- run` on the four MLPerf Tiny models: the outputs of N inputs and every intermediate tensor
// of the first (named by .tflite tensor index) equal the TS reference engine's bit for bit; the KWS sample input is
// class 5; wrong sizes, missing files and bad arguments get a clear message and exit code 1.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { kwsSampleInput, mlperfModel, randomBytes, referenceRun } from '../../wasm/tests/tfliteReference';
import { parseRunArgs, runCommand } from './run';

const FIXTURES = new URL('../../../shared/models/mlperf-tiny/', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'model-run-test-'));
});
afterEach(() => vi.restoreAllMocks());

/** Runs the command with its console output captured. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(console, 'log').mockImplementation((s: string) => void (out += `${s}\n`));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void (err += `${s}\n`));
  const code = await runCommand(args);
  return { code, out, err };
}

describe('npm run model -- run', { timeout: 300_000 }, () => {
  for (const { file, inputBytes, first, count } of [
    { file: 'kws_ref_model.tflite', inputBytes: 490, first: kwsSampleInput, count: 5 },
    { file: 'ad01_int8.tflite', inputBytes: 640, first: () => randomBytes(99, 640), count: 5 },
    { file: 'pretrainedResnet_quant.tflite', inputBytes: 3072, first: () => randomBytes(98, 3072), count: 2 },
    { file: 'vww_96_int8.tflite', inputBytes: 27648, first: () => randomBytes(97, 27648), count: 2 },
  ]) {
    it(`${file}: outputs of ${count} inputs and every tensor of the first equal the TS engine's`, async () => {
      const inputs = [first(), ...Array.from({ length: count - 1 }, (_, s) => randomBytes(s + 1, inputBytes))];
      const inputFile = join(dir, `${file}.in`);
      writeFileSync(inputFile, Buffer.concat(inputs));
      const output = join(dir, `${file}.out`);
      const dump = join(dir, `${file}.dump`);
      const r = await cli([
        join(FIXTURES, file),
        '--input',
        inputFile,
        '--count',
        String(count),
        '--output',
        output,
        '--dump',
        dump,
      ]);
      expect(r).toMatchObject({ code: 0, err: '' });
      const model = mlperfModel(file);
      const refs = inputs.map((x) => referenceRun(model, x));
      expect([...readFileSync(output)]).toEqual(refs.flatMap((ref) => [...ref.outputs]));
      const tensors = refs[0]!.tensors;
      expect(readdirSync(dump).sort()).toEqual([...tensors.keys()].map((i) => `${i}.bin`).sort());
      for (const [index, bytes] of tensors) expect([...readFileSync(join(dump, `${index}.bin`))]).toEqual([...bytes]);
      expect(r.out).toContain(`${tensors.size} tensors of the first input`);
    });
  }

  it('puts the KWS sample input in class 5', async () => {
    const output = join(dir, 'kws-sample.out');
    const input = join(dir, 'kws-sample.in');
    writeFileSync(input, kwsSampleInput());
    expect((await cli([join(FIXTURES, 'kws_ref_model.tflite'), '--input', input, '--output', output])).code).toBe(0);
    const scores = [...readFileSync(output)].map((b) => (b << 24) >> 24);
    expect(scores).toHaveLength(12);
    expect(scores.indexOf(Math.max(...scores))).toBe(5);
  });

  it('refuses a wrong input size, a missing file and bad arguments with exit code 1', async () => {
    const kws = join(FIXTURES, 'kws_ref_model.tflite');
    const short = join(dir, 'short.in');
    writeFileSync(short, new Uint8Array(980));
    const out = join(dir, 'x.out');
    expect(await cli([kws, '--input', short, '--count', '3', '--output', out])).toMatchObject({
      code: 1,
      err: `model run: ${short}: 980 bytes; 3 input(s) of 490 bytes ([1, 49, 10, 1] int8) need 1470\n`,
    });
    expect(await cli([join(dir, 'none.tflite'), '--input', short, '--output', out])).toMatchObject({
      code: 1,
      err: `model run: model ${join(dir, 'none.tflite')}: no such file\n`,
    });
    expect((await cli([short, '--input', short, '--count', '2', '--output', out])).err).toMatch(
      new RegExp(`^model run: ${short}: `),
    );
    expect(() => parseRunArgs([kws, '--input', short])).toThrow(/^usage: npm run model -- run/);
    expect(() => parseRunArgs([kws, '--input', short, '--output', out, '--count', '0'])).toThrow(
      '--count must be a whole number of at least 1, not 0',
    );
    expect(() => parseRunArgs([kws, '--input', short, '--output', out, '--fast'])).toThrow('unknown option --fast');
  });
});
