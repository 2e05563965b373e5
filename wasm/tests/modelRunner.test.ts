// The model-runner firmware under the Simulator: a signed model package is verified, installed, self-tested and
// confirmed over the air; inputs from blob slot 0 and from the touch canvas give the TS reference engine's output
// bytes bit for bit, top-k and the host time; clear messages without a model, for a wrong input size, for a canvas
// on a model that is not an image model, for a model whose arena exceeds the firmware's and for a package larger than
// its flash window (the running one stays).
import { beforeAll, describe, expect, it } from 'vitest';
import { writePackage, readPackage, invokeBytes, mlpPackage } from '../../src/ml/package';
import { randomInt8, randomMlpArtefact, smallCnn } from '../../src/ml/package/testGraphs';
import { quantizeInt8 } from '../../src/ml/quant/quantize';
import { Graph } from '../../src/ml/kernels/graph';
import { MaxPool2D } from '../../src/ml/kernels/ops';
import { activation } from '../../src/ml/kernels/tensor';
import { FLASH_WINDOW_BYTES } from '../../src/runtime/boardMemory';
import { InkCanvasTwin } from './inkCanvasTwin';
import { bootRunner, install, runInput, type Runner } from './modelRunnerFirmware';

const cnn = smallCnn(7);
const cnnBody = writePackage(cnn.graph, {
  selfTestInputs: [[randomInt8(1, 144)], [randomInt8(2, 144)]],
  inputs: cnn.inputs,
  outputs: cnn.outputs,
});
const cnnRef = readPackage(cnnBody);
/** The TS engine's output bytes for one input (logits, then softmax scores: the first output is the logits). */
const reference = (input: Int8Array) => new Int8Array(invokeBytes(cnnRef, new Uint8Array(input.buffer)).buffer);

/** The k highest of `values`, ties to the lower index: what the firmware's top-k must be. */
function expectedTopK(values: Int8Array, k: number, scale: number, zeroPoint: number) {
  return [...values]
    .map((v, index) => ({ v, index }))
    .sort((a, b) => b.v - a.v || a.index - b.index)
    .slice(0, k)
    .map(({ v, index }) => ({ index, score: (v - zeroPoint) * scale }));
}

let r: Runner;
beforeAll(async () => {
  r = await bootRunner();
});

describe('model runner firmware', () => {
  it('says no model is installed on a new board, for an input and for the canvas', () => {
    expect(r.models.at(-1)).toMatchObject({ status: 'none' });
    // An erased slot is no fault: the reason says so rather than "bad header magic".
    expect(r.models.at(-1)).toMatchObject({ reason: expect.stringContaining('the slot is empty') });
    expect(r.sim.board.lcd.text).toContain('No model installed');
    const e = runInput(r, new Uint8Array(144));
    expect(e).toMatchObject({ type: 'model_runner.error', source: 'blob' });
    expect('message' in e && e.message).toMatch(/^No model is installed/);
  });

  it('installs a signed CNN package over the air: verified, self-tested, confirmed', async () => {
    const status = await install(r, cnnBody, 1);
    expect(status).toMatchObject({ result: 1, running: '1.1.0+0' });
    expect(r.serial()).toMatch(/Model v1\.1\.0\+0: self-test passed \(2 vectors\)/);
    const m = r.models.at(-1)!;
    expect(m).toMatchObject({ status: 'installed', version: '1.1.0+0', outputs: 2 });
    if (m.status !== 'installed') return;
    expect(m.input).toMatchObject({ shape: [1, 12, 12, 1], zero_point: -128 });
    const stats = cnnRef.graph.stats();
    expect(m.totals).toMatchObject({ macs: stats.macs, arena_bytes: stats.arenaBytes, package_bytes: cnnBody.length });
    expect(m.layers.map((l) => [l.op, l.macs])).toEqual(
      cnnRef.graph.ops.map((_, i) => cnnRef.graph.layerStats(i)).map((l) => [l.op, l.macs]),
    );
  });

  it('gives the TS engine output bytes bit for bit on 200 random inputs, with top-5 and host time', () => {
    for (let i = 0; i < 200; i++) {
      const x = randomInt8(100 + i, 144);
      const report = runInput(r, new Uint8Array(x.buffer));
      expect(report.type).toBe('model_runner.inference');
      if (report.type !== 'model_runner.inference') return;
      const logits = reference(x).subarray(0, 10);
      expect(report.output_int8).toEqual([...logits]);
      const want = expectedTopK(logits, 5, 0.1, 0);
      expect(report.top_k.map((t) => t.index)).toEqual(want.map((t) => t.index));
      report.top_k.forEach((t, k) => expect(t.score).toBeCloseTo(want[k]!.score, 4));
      expect(report.host_us).toBeGreaterThan(0);
    }
    expect(r.sim.board.lcd.text).toMatch(/^1: class \d+ /);
    expect(r.serial()).toMatch(/Top-5: (\d+:-?\d+\.\d{4} ){4}\d+:-?\d+\.\d{4} {3}\(blob input, host time [\d.]+ us/);
  });

  it('refuses an input of the wrong size with the sizes in the message', () => {
    const e = runInput(r, new Uint8Array(143));
    expect(e).toMatchObject({
      type: 'model_runner.error',
      message: "input of 143 bytes, but the model's input [1,12,12,1] int8 takes 144 bytes",
    });
    expect(r.sim.board.lcd.text).toContain('Input does not fit');
  });

  it('runs the touch canvas on BUTTON1: a panel inked all over is input 1.0 everywhere', () => {
    const { touch, buttons } = r.sim.board;
    const press = (b: typeof buttons.BUTTON1) => {
      b.press();
      r.sim.runFor(20_000);
      b.release();
      r.sim.runFor(20_000);
    };
    press(buttons.BUTTON2);
    press(buttons.BUTTON1);
    expect(r.errors.at(-1)).toMatchObject({ source: 'canvas', message: /canvas is empty/ });
    for (let y = 0; y < 240; y += 8) {
      touch.press(0, y);
      r.sim.runFor(1_000);
      touch.move(239, y);
      r.sim.runFor(1_000);
      touch.release();
      r.sim.runFor(1_000);
    }
    const before = r.inferences.length;
    press(buttons.BUTTON1);
    const report = r.inferences[before]!;
    expect(report.source).toBe('canvas');
    const one = Int8Array.from({ length: 144 }, () => quantizeInt8(1, 1 / 255, -128));
    expect(report.output_int8).toEqual([...reference(one).subarray(0, 10)]);
  });

  it('runs a drawing as the TS twin of its canvas computes it: area-averaged grey levels, bit for bit', () => {
    const twin = new InkCanvasTwin();
    const { buttons, touch } = r.sim.board;
    buttons.BUTTON2.press();
    r.sim.runFor(20_000);
    buttons.BUTTON2.release();
    r.sim.runFor(20_000);
    const pen = (down: boolean, x: number, y: number) => {
      if (!down) touch.release();
      else if (touch.isTouching) touch.move(x, y);
      else touch.press(x, y);
      twin.pen(down, x, y);
      r.sim.runFor(1_000);
    };
    pen(true, 40, 30);
    pen(true, 117, 181);
    pen(true, 203, 64);
    pen(false, 203, 64);
    const before = r.inferences.length;
    buttons.BUTTON1.press();
    r.sim.runFor(20_000);
    buttons.BUTTON1.release();
    r.sim.runFor(20_000);
    const x = twin.toInput(12, 12, 1, 1 / 255, -128);
    expect(new Set(x).size).toBeGreaterThan(10);
    expect(r.inferences[before]!.output_int8).toEqual([...reference(x).subarray(0, 10)]);
  });

  it('refuses the canvas for a model whose input is not an image, and runs its tensors', async () => {
    const artefact = randomMlpArtefact([20, 8, 4], 3);
    const body = mlpPackage(artefact, [randomInt8(4, 20)]);
    expect(await install(r, body, 2)).toMatchObject({ result: 1, running: '1.2.0+0' });
    r.sim.board.buttons.BUTTON1.press();
    r.sim.runFor(20_000);
    r.sim.board.buttons.BUTTON1.release();
    r.sim.runFor(20_000);
    expect(r.errors.at(-1)!.message).toBe('the input [1,20] is not an image of at most 240x240: send an input tensor');
    const x = randomInt8(5, 20);
    const report = runInput(r, new Uint8Array(x.buffer));
    const ref = new Int8Array(invokeBytes(readPackage(body), new Uint8Array(x.buffer)).buffer).subarray(0, 4);
    expect(report.type === 'model_runner.inference' && report.output_int8).toEqual([...ref]);
  });

  it('refuses a model whose arena exceeds the SRAM arena; the running model stays', async () => {
    // A 300x300 image and its max-pooled copy, both live: 180,000 bytes of arena, more than the firmware's 128 KB.
    const input = activation('image', 'int8', [1, 300, 300, 1], 1 / 255, -128);
    const pooled = activation('pooled', 'int8', [1, 300, 300, 1], 1 / 255, -128);
    const graph = new Graph([new MaxPool2D(input, pooled, { filterH: 1, filterW: 1, strideH: 1, strideW: 1 })]);
    const wide = writePackage(graph, {
      selfTestInputs: [[randomInt8(6, 300 * 300)]],
      inputs: [input],
      outputs: [pooled],
    });
    const status = await install(r, wide, 3);
    expect(status).toMatchObject({ running: '1.2.0+0' });
    expect(status.result).not.toBe(1);
    expect(status.status).toBe(`OTA: arena needs 180000 bytes, have ${128 * 1024}; kept v1.2.0`);
    expect(r.models.at(-1)).toMatchObject({ status: 'installed', version: '1.2.0+0' });
  });

  it('refuses a package larger than its flash window; the running model stays', async () => {
    const big = mlpPackage(randomMlpArtefact([784, 700, 10], 10), [randomInt8(7, 784)]);
    expect(big.length).toBeGreaterThan(FLASH_WINDOW_BYTES);
    const status = await install(r, big, 4);
    expect(status).toMatchObject({ running: '1.2.0+0' });
    expect(status.result).not.toBe(1);
    // The window is a whole model slot: a body larger than it cannot even be downloaded into one.
    expect(status.status).toMatch(/^OTA: \d+ bytes do not fit the \d+-byte slot$/);
    expect(r.models.at(-1)).toMatchObject({ status: 'installed', version: '1.2.0+0' });
  });
});
