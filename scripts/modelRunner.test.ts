// The firmware's engine under Node (scripts/modelRunner.ts) on a package of the TS engine's small CNN: outputs and
// every intermediate tensor equal the TS engine's bit for bit; a wrong input size and a corrupt package get the
// driver's clear error.
import { describe, expect, it } from 'vitest';
import { invokeBytes, packageTensors, readPackage, writePackage } from '../src/ml/package';
import { randomInt8, smallCnn } from '../src/ml/package/testGraphs';
import { runPackage } from './modelRunner';

const cnn = smallCnn(5);
const options = { inputs: cnn.inputs, outputs: cnn.outputs };
const body = writePackage(cnn.graph, { selfTestInputs: [[randomInt8(1, 144)]], ...options });

describe('model runner under node:wasi', { timeout: 300_000 }, () => {
  it('gives the TS engine outputs for 50 inputs and its every tensor for the first', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => new Uint8Array(randomInt8(10 + i, 144).buffer));
    const joined = new Uint8Array(inputs.flatMap((x) => [...x]));
    const run = await runPackage(body, joined, 50, { dump: true });
    const ref = readPackage(body);
    const want = inputs.flatMap((x) => [...invokeBytes(ref, x)]);
    expect(run.outputs.length).toBe(50 * 20);
    expect([...run.outputs]).toEqual(want);

    // The TS engine op by op on the first input: each op's output right after it ran.
    const tensors = packageTensors(cnn.graph);
    cnn.graph.prepare();
    (cnn.inputs[0]!.data as Int8Array).set(new Int8Array(inputs[0]!.buffer));
    const expected = new Map<number, number[]>([
      [tensors.indexOf(cnn.inputs[0]!), [...new Int8Array(inputs[0]!.buffer)]],
    ]);
    for (const op of cnn.graph.ops) {
      op.eval();
      expected.set(tensors.indexOf(op.output), [
        ...new Int8Array(op.output.data!.buffer, op.output.data!.byteOffset, op.output.data!.byteLength),
      ]);
    }
    expect(run.tensors.size).toBe(cnn.graph.ops.length + 1);
    for (const [index, bytes] of expected) expect([...new Int8Array(run.tensors.get(index)!.buffer)]).toEqual(bytes);
  });

  it('refuses an input file of the wrong size and a corrupt package, saying why', async () => {
    await expect(runPackage(body, new Uint8Array(145), 1)).rejects.toThrow(
      'the input file has 145 bytes; 1 input(s) of 144 bytes need 144',
    );
    const corrupt = body.slice();
    corrupt[0] = 0;
    await expect(runPackage(corrupt, new Uint8Array(144), 1)).rejects.toThrow(/^model refused: /);
  });
});
