// The four MLPerf Tiny reference models (../shared/models/mlperf-tiny), imported with importTflite and packaged with
// packageFromTflite, on three engines fed the same int8 input:
//  - the firmware's int8 engine (wasm/nn, SIMD kernels) compiled to wasm32 with the firmware's compile flags, in a
//    worker in Chromium (bench/native/model_bench.cpp with -DMODEL_BENCH_LIBRARY);
//  - the same engine and driver built natively with g++ -O3 -march=native;
//  - TFLite itself, @tensorflow/tfjs-tflite (XNNPACK, wasm SIMD, one thread), in the same page.
// All three are medians over timed samples after a warm-up; the outputs are compared too (wasm vs native bit for bit,
// tfjs-tflite in LSB: TFLite is not TFLite Micro, its kernels may round differently).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTflite, packageFromTflite } from '../src/ml/tflite';
import { MLPERF_DIR, MLPERF_MODELS, readFixture } from '../src/ml/tflite/fixtures';
import { COMPILE_FLAGS } from '../src/toolchain/flags';
import { buildDriver, readFlat, ROOT } from '../wasm/tests/wasiDriver';
import type { BrowserSession } from './browser';
import { engineInPage, tfliteInPage } from './enginePage';
import { loadTflite } from './tflitePage';

const BENCH_SOURCE = join(ROOT, 'bench/native/model_bench.cpp');
const EXPORTS = ['mb_alloc', 'mb_load', 'mb_error', 'mb_input', 'mb_input_bytes', 'mb_output', 'mb_output_bytes'];
const NATIVE_RUNS = 30;

/** The engine as the firmware compiles it: libnn's sources and the bench driver, firmware flags, a reactor. */
export async function engineWasm(): Promise<Uint8Array> {
  const headers = readFlat(join(ROOT, 'wasm/nn/include/nn'), /\.h$/);
  const sources = readFlat(join(ROOT, 'wasm/nn/src'), /\.cc$/);
  const tree = {
    nn: { include: { nn: headers }, src: sources },
    bench: { 'model_bench.cpp': readFileSync(BENCH_SOURCE, 'utf8') },
  };
  const args = [
    ...COMPILE_FLAGS,
    '-DMODEL_BENCH_LIBRARY',
    '-mexec-model=reactor',
    ...[...EXPORTS, 'mb_invoke'].map((e) => `-Wl,--export=${e}`),
    '-Inn/include',
    ...Object.keys(sources).map((f) => `nn/src/${f}`),
    'bench/model_bench.cpp',
    '-o',
    'out/model_bench.wasm',
  ];
  const { wasm, log } = await buildDriver('model-bench', 'simd', 'model_bench', tree, args);
  if (/warning:|error:/.test(log)) throw new Error(`model_bench.wasm: ${log}`);
  return wasm;
}

/** The same engine and driver built natively; returns the executable's path (undefined without a C++ compiler). */
function nativeEngine(dir: string): string | undefined {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const exe = join(dir, 'model_bench');
  const sources = readdirSync(join(ROOT, 'wasm/nn/src'))
    .filter((f) => f.endsWith('.cc'))
    .map((f) => join(ROOT, 'wasm/nn/src', f));
  execFileSync('g++', [
    '-std=c++17',
    '-O3',
    '-march=native',
    `-I${join(ROOT, 'wasm/nn/include')}`,
    ...sources,
    BENCH_SOURCE,
    '-o',
    exe,
  ]);
  return exe;
}

function nativeRun(exe: string, dir: string, name: string, pkg: Uint8Array, input: Int8Array) {
  const files = ['pkg', 'in', 'out'].map((e) => join(dir, `${name}.${e}`));
  writeFileSync(files[0]!, pkg);
  writeFileSync(files[1]!, input);
  const us = Number(execFileSync(exe, [files[0]!, files[1]!, String(NATIVE_RUNS), files[2]!], { encoding: 'utf8' }));
  return { ms: us / 1000, output: new Int8Array(readFileSync(files[2]!)) };
}

/** The reference keyword-spotting submission's sample input (49×10 int8 MFCC features; class 5, "on"). */
export function kwsSample(): Int8Array {
  return new Int8Array(readFileSync(join(MLPERF_DIR, 'kws_sample_input.int8.bin')));
}

/** A seeded xorshift int8 input of `bytes` values. */
export function randomInt8(bytes: number, seed: number): Int8Array {
  let s = (seed * 2654435761) >>> 0 || 1;
  return Int8Array.from({ length: bytes }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) & 0xff) - 128;
  });
}

export const maxLsb = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
export const argmax = (a: ArrayLike<number>) =>
  Array.from(a).reduce((best, v, i, all) => (v > all[best]! ? i : best), 0);
const ms = (t: number) => (t >= 1 ? t.toFixed(2) : t.toFixed(3));

export async function benchMlperf(session: BrowserSession): Promise<string[]> {
  const { page, url } = session;
  const wasm = await engineWasm();
  const dir = mkdtempSync(join(tmpdir(), 'mlperf-bench-'));
  const exe = nativeEngine(dir);
  await page.goto(url);
  await loadTflite(page);
  const lines: string[] = [];
  const ratios: number[] = [];
  for (const m of MLPERF_MODELS) {
    const tflite = readFixture(m.file);
    const imported = importTflite(tflite);
    const pkg = packageFromTflite(imported);
    // KWS gets its reference sample; the others a seeded random input.
    const input = m.name === 'kws' ? kwsSample() : randomInt8(imported.inputs[0]!.data!.length, 1);
    const native = exe !== undefined ? nativeRun(exe, dir, m.name, pkg, input) : undefined;
    const chromium = await engineInPage(page, wasm, pkg, [input], true);
    const tfl = await tfliteInPage(page, tflite, [input], imported.inputs[0]!.shape, true);
    const [engineOut, tfliteOut] = [chromium.outputs[0]!, tfl.outputs[0]!];
    const same =
      native === undefined
        ? 'no native build'
        : engineOut.every((v, i) => v === native.output[i])
          ? 'wasm = native'
          : 'wasm ≠ native';
    const ratio = native === undefined ? NaN : chromium.ms / native.ms;
    if (native !== undefined) ratios.push(ratio);
    const agreement =
      m.name === 'ad'
        ? `tfjs-tflite max |Δ| ${maxLsb(engineOut, tfliteOut)} LSB`
        : `argmax ${argmax(engineOut) === argmax(tfliteOut) ? 'agrees' : 'DIFFERS'} with tfjs-tflite (max |Δ| ${maxLsb(engineOut, tfliteOut)} LSB)`;
    lines.push(
      `${m.name} (${(m.macs / 1e6).toFixed(2)} M MACs), ms per inference: firmware engine in Chromium ${ms(chromium.ms)}   native g++ -O3 -march=native ${native === undefined ? 'n/a (no C++ compiler)' : ms(native.ms)}   tfjs-tflite in Chromium ${ms(tfl.ms)}` +
        `   — Chromium/native ${native === undefined ? 'n/a' : `${ratio.toFixed(2)}×`}   Chromium/tfjs-tflite ${(chromium.ms / tfl.ms).toFixed(2)}×; outputs: ${same}, ${agreement}`,
    );
  }
  const worst = Math.max(...ratios);
  if (ratios.length)
    lines.push(`goal firmware within 3× of native: ${worst <= 3 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}×)`);
  return lines;
}
