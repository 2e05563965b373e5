// `npm run model -- run <file.tflite> --input <file> [--count N] --output <file> [--dump <dir>]` (docs/model-runner.md):
// imports the model (src/ml/tflite), makes its model package and runs it with the firmware's engine — libnn built
// to wasm, under node:wasi (scripts/modelRunner.ts) — on N inputs concatenated in the input file (raw int8, the
// model's input layout). Writes the N outputs concatenated (each the graph outputs' bytes in order) and, with
// --dump, every tensor of the first input as <dir>/<tflite tensor index>.bin. Errors: a message and exit code 1.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageTensors } from '../../src/ml/package';
import { importTflite, packageFromTflite, TfliteError } from '../../src/ml/tflite';
import { runPackage } from '../modelRunner';

export class CliError extends Error {}

export interface RunOptions {
  model: string;
  input: string;
  output: string;
  count: number;
  dump?: string;
}

export const RUN_USAGE =
  'usage: npm run model -- run <file.tflite> --input <file> [--count N] --output <file> [--dump <dir>]';

export function parseRunArgs(args: readonly string[]): RunOptions {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    if (!['--input', '--output', '--count', '--dump'].includes(a))
      throw new CliError(`unknown option ${a}\n${RUN_USAGE}`);
    const value = args[++i];
    if (value === undefined) throw new CliError(`${a} needs a value\n${RUN_USAGE}`);
    flags.set(a, value);
  }
  const input = flags.get('--input');
  const output = flags.get('--output');
  if (positional.length !== 1 || !input || !output) throw new CliError(RUN_USAGE);
  const countText = flags.get('--count') ?? '1';
  const count = /^\d+$/.test(countText) ? Number(countText) : NaN;
  if (!(count >= 1)) throw new CliError(`--count must be a whole number of at least 1, not ${countText}`);
  return { model: positional[0]!, input, output, count, dump: flags.get('--dump') };
}

function readInputFile(path: string, what: string): Uint8Array {
  if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`${what} ${path}: no such file`);
  return new Uint8Array(readFileSync(path));
}

/** Runs the command; returns what it wrote, for the caller to report. */
export async function runModel(o: RunOptions): Promise<{ outputBytes: number; dumped: number }> {
  const bytes = readInputFile(o.model, 'model');
  const inputs = readInputFile(o.input, 'input');
  let imported;
  let body;
  try {
    imported = importTflite(bytes);
    body = packageFromTflite(imported);
  } catch (e) {
    if (e instanceof TfliteError) throw new CliError(`${o.model}: ${e.message}`);
    throw e;
  }
  const inputBytes = imported.inputs.reduce((n, t) => n + t.data!.byteLength, 0);
  if (imported.inputs.some((t) => t.dtype !== 'int8'))
    throw new CliError(`${o.model}: the model's inputs must be int8 for raw int8 input files`);
  if (inputs.length !== o.count * inputBytes)
    throw new CliError(
      `${o.input}: ${inputs.length} bytes; ${o.count} input(s) of ${inputBytes} bytes ` +
        `(${imported.inputs.map((t) => `[${t.shape.join(', ')}]`).join(' + ')} int8) need ${o.count * inputBytes}`,
    );
  let run;
  try {
    run = await runPackage(body, inputs, o.count, { dump: o.dump !== undefined });
  } catch (e) {
    throw new CliError(`the firmware engine refused ${o.model}: ${(e as Error).message}`);
  }
  writeFileSync(o.output, run.outputs);
  let dumped = 0;
  if (o.dump !== undefined) {
    mkdirSync(o.dump, { recursive: true });
    // The package's tensor table is the graph's tensors in order of first use; each keeps its .tflite index (the
    // engine's own helper tensors, without one, are left out).
    const tensors = packageTensors(imported.graph);
    for (const [index, data] of run.tensors) {
      const tflite = tensors[index]?.tfliteIndex;
      if (tflite === undefined) continue;
      writeFileSync(join(o.dump, `${tflite}.bin`), data);
      dumped++;
    }
  }
  return { outputBytes: run.outputs.length, dumped };
}

/** `run` and its arguments; prints what it did or the error, returns the exit code. */
export async function runCommand(args: readonly string[]): Promise<number> {
  try {
    const o = parseRunArgs(args);
    const r = await runModel(o);
    console.log(
      `${o.count} input(s) → ${o.output} (${r.outputBytes} bytes)` +
        (o.dump !== undefined ? `; ${r.dumped} tensors of the first input → ${o.dump}/<tensor index>.bin` : ''),
    );
    return 0;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    console.error(`model run: ${e.message}`);
    return 1;
  }
}
