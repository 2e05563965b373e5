// The TS reference engine on an imported .tflite (src/ml/tflite importTflite's prepared Graph), for the tests that
// compare the firmware's engine with it: the graph outputs' bytes for an input, and every tensor right after the op
// that wrote it (the planner reuses arena bytes, so a tensor is only whole then), keyed by its .tflite index.
import { readFileSync } from 'node:fs';
import { importTflite, type ImportedModel } from '../../src/ml/tflite';
import type { TensorData } from '../../src/ml/kernels/tensor';

export const mlperfModel = (file: string): ImportedModel =>
  importTflite(new Uint8Array(readFileSync(new URL(`../../../shared/models/mlperf-tiny/${file}`, import.meta.url))));
export const kwsSampleInput = (): Uint8Array =>
  new Uint8Array(
    readFileSync(new URL('../../../shared/models/mlperf-tiny/kws_sample_input.int8.bin', import.meta.url)),
  );

const bytesOf = (d: TensorData) => new Uint8Array(d.buffer, d.byteOffset, d.byteLength).slice();

/** Runs one input (the graph inputs' bytes, concatenated); returns the outputs' bytes and each tensor's. */
export function referenceRun(
  m: ImportedModel,
  input: Uint8Array,
): { outputs: Uint8Array; tensors: Map<number, Uint8Array> } {
  const tensors = new Map<number, Uint8Array>();
  let at = 0;
  for (const t of m.inputs) {
    const d = t.data!;
    const n = d.byteLength;
    new Uint8Array(d.buffer, d.byteOffset, n).set(input.subarray(at, at + n));
    at += n;
    if (t.tfliteIndex !== undefined) tensors.set(t.tfliteIndex, bytesOf(d));
  }
  for (const op of m.graph.ops) {
    op.eval();
    if (op.output.tfliteIndex !== undefined) tensors.set(op.output.tfliteIndex, bytesOf(op.output.data!));
  }
  const outs = m.outputs.map((t) => bytesOf(t.data!));
  const outputs = new Uint8Array(outs.reduce((n, o) => n + o.length, 0));
  outs.reduce((off, o) => (outputs.set(o, off), off + o.length), 0);
  return { outputs, tensors };
}

/** Seeded random int8 bytes. */
export function randomBytes(seed: number, n: number): Uint8Array {
  let s = seed >>> 0 || 1;
  return Uint8Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s & 0xff;
  });
}
