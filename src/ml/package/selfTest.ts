// selfTest.ts — the carried self-test vectors run with the TS engine, compared bit for bit (the twin of
// nn::RunSelfTest in wasm/nn/src/model_loader.cc, with the same message).
import { tensorBytes, type Tensor, type TensorData } from '../kernels/tensor';
import type { ModelPackage } from './reader';

export interface SelfTestResult {
  ok: boolean;
  vectors: number;
  /** First mismatch (all -1 when ok): vector, graph output, byte within that output, and the two byte values. */
  failedVector: number;
  output: number;
  byte: number;
  expected: number;
  actual: number;
  message: string;
}

export function bytesOf(d: TensorData): Uint8Array {
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

/** Writes the concatenated input bytes into the graph inputs, invokes, and returns the concatenated output bytes. */
export function invokeBytes(pkg: Pick<ModelPackage, 'graph' | 'inputs' | 'outputs'>, inputs: Uint8Array): Uint8Array {
  let at = 0;
  for (const t of pkg.inputs) {
    const n = tensorBytes(t);
    bytesOf(t.data!).set(inputs.subarray(at, at + n));
    at += n;
  }
  pkg.graph.invoke();
  const out = new Uint8Array(pkg.outputs.reduce((a, t) => a + tensorBytes(t), 0));
  at = 0;
  for (const t of pkg.outputs) {
    out.set(bytesOf(t.data!), at);
    at += tensorBytes(t);
  }
  return out;
}

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

export function runSelfTest(pkg: ModelPackage): SelfTestResult {
  const n = pkg.selfTests.length;
  for (let v = 0; v < n; v++) {
    const { inputs, expected } = pkg.selfTests[v]!;
    const got = invokeBytes(pkg, inputs);
    let base = 0;
    for (let o = 0; o < pkg.outputs.length; o++) {
      const t: Tensor = pkg.outputs[o]!;
      for (let b = 0; b < tensorBytes(t); b++) {
        const e = expected[base + b]!;
        const a = got[base + b]!;
        if (e !== a) {
          return {
            ok: false,
            vectors: n,
            failedVector: v,
            output: o,
            byte: b,
            expected: e,
            actual: a,
            message: `self-test vector ${v} of ${n}: output ${o} byte ${b} is ${hex(a)}, expected ${hex(e)}`,
          };
        }
      }
      base += tensorBytes(t);
    }
  }
  const none = { failedVector: -1, output: -1, byte: -1, expected: -1, actual: -1 };
  return { ok: true, vectors: n, ...none, message: `self-test passed: ${n} vectors bit for bit` };
}
