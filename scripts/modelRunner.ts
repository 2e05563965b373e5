// The firmware's engine under Node for `npm run model -- run` (docs/model-runner.md): libnn (wasm/nn) and the
// driver in wasm/tools/model_run, built for wasm32-wasip1 -msimd128 with @yowasp/clang (the firmware's SIMD build)
// once and cached by the hash of their sources (.cache/model-run/), run under node:wasi.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDriver, driverFlags, readFlat, ROOT, runDriver } from '../wasm/tests/wasiDriver';

const NN = join(ROOT, 'wasm/nn');
const TOOL = join(ROOT, 'wasm/tools/model_run');

/** The driver's wasm, built on first use (about a minute) and then read from the cache. */
export async function modelRunnerWasm(): Promise<Uint8Array> {
  const headers = readFlat(join(NN, 'include/nn'), /\.h$/);
  const library = readFlat(join(NN, 'src'), /\.cc$/);
  const tool = readFlat(TOOL, /\.(cc|h)$/);
  const args = [
    ...driverFlags(true),
    '-Inn/include',
    ...Object.keys(library).map((f) => `nn/src/${f}`),
    ...Object.keys(tool).map((f) => `tool/${f}`),
    '-o',
    'out/model_run.wasm',
  ];
  const tree = { nn: { include: { nn: headers }, src: library }, tool };
  const build = await buildDriver('model-run', 'simd', 'model_run', tree, args);
  return build.wasm;
}

export interface PackageRun {
  /** Per input, the graph outputs' bytes in io-table order, concatenated. */
  outputs: Uint8Array;
  /** With `dump`: the first input's tensors by package tensor index (the input, then each op's output). */
  tensors: Map<number, Uint8Array>;
}

/** Runs `count` inputs (the graph input's bytes each, concatenated) through the package; throws the driver's error. */
export async function runPackage(
  body: Uint8Array,
  inputs: Uint8Array,
  count: number,
  options: { dump?: boolean } = {},
): Promise<PackageRun> {
  const wasm = await modelRunnerWasm();
  const dir = mkdtempSync(join(tmpdir(), 'model-run-'));
  try {
    writeFileSync(join(dir, 'model.pkg'), body);
    writeFileSync(join(dir, 'inputs.bin'), inputs);
    if (options.dump) mkdirSync(join(dir, 'dump'));
    const args = ['model_run', '/run/model.pkg', '/run/inputs.bin', String(count), '/run/outputs.bin'];
    const r = await runDriver(wasm, options.dump ? [...args, '/run/dump'] : args, { '/run': dir });
    if (r.exitCode !== 0) throw new Error(/^ERROR (.*)$/m.exec(r.output)?.[1] ?? r.output.trim());
    const tensors = new Map<number, Uint8Array>();
    if (options.dump)
      for (const name of readdirSync(join(dir, 'dump')))
        tensors.set(Number(name.replace(/\.bin$/, '')), new Uint8Array(readFileSync(join(dir, 'dump', name))));
    return { outputs: new Uint8Array(readFileSync(join(dir, 'outputs.bin'))), tensors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
