// Test helper: builds a C++ test driver (a command-model wasm32-wasip1 program) with @yowasp/clang, cached by the
// hash of its sources and flags, and runs it under node:wasi with preopened directories.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WASI } from 'node:wasi';

export const ROOT = new URL('../../', import.meta.url).pathname;
const CACHE_ROOT = join(ROOT, '.cache');

export type Tree = { [name: string]: Tree | string | Uint8Array };

/** The files of `dir` whose names match, keyed by name (not recursive). */
export function readFlat(dir: string, match: RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) if (match.test(name)) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

/** The command-model flags; otherwise the firmware flags of src/toolchain/flags.ts. */
export function driverFlags(simd: boolean): string[] {
  return [
    '--target=wasm32-wasip1',
    '-O2',
    '-fno-exceptions',
    '-fno-rtti',
    ...(simd ? ['-msimd128'] : []),
    '-std=c++17',
    '-Wall',
    '-Wextra',
  ];
}

export interface DriverBuild {
  wasm: Uint8Array;
  log: string;
}

/**
 * Compiles `args` (sources given relative to `tree`, output `out/<name>.wasm`) and caches the result in
 * .cache/<cacheDir>/<variant>-<hash>.wasm, dropping older builds of that variant.
 */
export async function buildDriver(
  cacheDir: string,
  variant: string,
  name: string,
  tree: Tree,
  args: string[],
): Promise<DriverBuild> {
  const cache = join(CACHE_ROOT, cacheDir);
  const hash = createHash('sha256')
    .update(JSON.stringify([args, tree]))
    .digest('hex')
    .slice(0, 16);
  const prefix = `${variant}-`;
  const cached = join(cache, `${prefix}${hash}.wasm`);
  if (existsSync(cached))
    return { wasm: new Uint8Array(readFileSync(cached)), log: readFileSync(`${cached}.log`, 'utf8') };
  const { out, log } = await clangInOwnProcess(args, tree);
  const encoded = out[`${name}.wasm`];
  if (encoded === undefined) throw new Error(`clang++ made no ${name}.wasm:\n${log}`);
  const wasm = new Uint8Array(Buffer.from(encoded, 'base64'));
  mkdirSync(cache, { recursive: true });
  for (const old of readdirSync(cache)) if (old.startsWith(prefix)) rmSync(join(cache, old), { force: true });
  writeFileSync(cached, wasm);
  writeFileSync(`${cached}.log`, log);
  return { wasm, log };
}

/** One clang++ run in a process of its own (clangProcess.mjs): the out/ files it wrote, base64, and its output. */
async function clangInOwnProcess(args: string[], tree: Tree): Promise<{ out: Record<string, string>; log: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'clang-'));
  try {
    const input = join(dir, 'in.json');
    const output = join(dir, 'out.json');
    const plain = JSON.stringify({ args, tree }, (_key, v: unknown) => {
      if (v instanceof Uint8Array) throw new Error('buildDriver: trees hold text files only');
      return v;
    });
    writeFileSync(input, plain);
    await promisify(execFile)(
      process.execPath,
      [new URL('./clangProcess.mjs', import.meta.url).pathname, input, output],
      {
        maxBuffer: 64 << 20,
      },
    );
    return JSON.parse(readFileSync(output, 'utf8')) as { out: Record<string, string>; log: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RunResult {
  exitCode: number;
  output: string;
}

/** Runs the driver to completion; stdout and stderr together in `output`. */
export async function runDriver(
  wasm: Uint8Array,
  args: string[],
  preopens: Record<string, string>,
): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wasi-driver-'));
  const outPath = join(dir, 'stdout.txt');
  const fd = openSync(outPath, 'w');
  try {
    const wasi = new WASI({ version: 'preview1', args, preopens, stdout: fd, stderr: fd, returnOnExit: true });
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    const exitCode = wasi.start(instance);
    return { exitCode, output: readFileSync(outPath, 'utf8') };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
