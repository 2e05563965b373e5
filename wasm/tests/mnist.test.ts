// The mnist demo firmware under the Simulator: the int8 outputs on all 2,000 held-out digits equal the TS reference
// bit for bit; drawn digits go through the touch screen and the firmware's preprocessing; memory figures.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../src/runtime/Board';
import { BOARD_SRAM_BYTES } from '../../src/runtime/boardMemory';
import { factoryBoard } from '../../src/runtime/factory';
import { Simulator } from '../../src/runtime/Simulator';
import { FACTORY_PUBLIC_KEY } from '../../src/ota';
import { image } from '../../src/ml/mnist/dataset';
import { loadDigitSet } from '../../src/ml/mnist/files';
import { loadMnistInt8, mnistArtefact } from '../../src/ml/mnist/model';
import { buildInt8Graph, quantizePixels } from '../../src/ml/mlp/int8Mlp';
import { BitCanvas, drawingToMnist, PATH_CAPACITY, StrokeTracker } from '../../src/ml/mnist/preprocess';
import { digitToStrokes, type Stroke } from '../../src/ml/mnist/strokes';
import { parseCheckedReport } from './checkedTelemetry';

interface Layer {
  op: string;
  macs: number;
  output_shape: number[];
  weight_bytes: number;
  arena_bytes: number;
}
interface Report {
  type: string;
  prediction: number;
  source: string;
  ink_radius?: number;
  scores: number[];
  scores_int8: number[];
  logits_int8: number[];
  input: number[];
  layers: Layer[];
  totals: Record<string, number>;
}

const wasm = () => readFileSync(new URL('../../public/firmware/mnist.wasm', import.meta.url));
const factoryImage = () => readFileSync(new URL('../../public/firmware/mnist.factory.img', import.meta.url));

/** A board as it leaves the factory, running the MNIST firmware (which boots the signed model image). */
async function boot(): Promise<{ sim: Simulator; reports: Report[]; serial: () => string }> {
  const board = new Board(factoryBoard({ factory: FACTORY_PUBLIC_KEY }, factoryImage()));
  const sim = await Simulator.load(wasm(), { board });
  const reports: Report[] = [];
  sim.board.telemetry.add((json) => reports.push(parseCheckedReport<Report>(json)));
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  sim.runFor(1_000_000); // boot: the update agent checks the image (its signature in the secure element: ~105 ms)
  return { sim, reports, serial: () => out };
}

const int8 = loadMnistInt8();
const reference = buildInt8Graph(int8);
const test = loadDigitSet('test');

describe('mnist firmware', () => {
  let sim: Simulator;
  let reports: Report[];
  let serial: () => string;
  beforeAll(async () => {
    ({ sim, reports, serial } = await boot());
  });

  it('starts, reports the model, and asks for a digit', () => {
    expect(sim.runState).toBe('running');
    expect(sim.board.lcd.text).toBe('Draw a digit');
    expect(serial()).toContain('109184 MACs');
    const model = reports.find((r) => r.type === 'mnist.model')!;
    const stats = reference.stats();
    expect(model.totals.macs).toBe(109_184);
    expect(model.totals.flash_model_bytes).toBe(stats.flashBytes);
    expect(model.totals.arena_bytes).toBe(stats.arenaBytes);
    expect(model.totals.arena_capacity).toBe(stats.arenaBytes);
    expect(model.layers.map((l) => [l.op, l.macs, l.weight_bytes])).toEqual(
      reference.layerStats().map((l) => [l.op, l.macs, l.weightBytes]),
    );
  });

  it('agrees bit for bit with the TS reference on all 2,000 held-out digits (inference on a provided 28x28 image)', () => {
    let mismatches = 0;
    let correct = 0;
    const first = reports.length;
    for (let i = 0; i < test.count; i++) {
      const pixels = image(test, i);
      sim.board.blobs.put(0, pixels);
      sim.runFor(1_000);
      const r = reports[reports.length - 1]!;
      expect(reports.length).toBe(first + i + 1);
      const ref = reference.invoke(quantizePixels(pixels, int8.input));
      const same =
        r.type === 'mnist.inference' &&
        r.source === 'blob' &&
        r.prediction === ref.prediction &&
        r.logits_int8.every((v, k) => v === ref.logits[k]) &&
        r.scores_int8.every((v, k) => v === ref.scores[k]) &&
        r.input.every((v, k) => v === pixels[k]);
      if (!same) mismatches++;
      if (r.prediction === test.labels[i]) correct++;
    }
    expect(mismatches).toBe(0);
    expect(correct / test.count).toBeCloseTo(mnistArtefact.meta.accuracy.int8, 9);
    expect(sim.board.lcd.text).toBe(`Predicted: ${reports[reports.length - 1]!.prediction}`);
  });

  it('reports its memory: static RAM, preprocessing buffers, stack and heap high-water marks, heap used and free', () => {
    const t = reports[reports.length - 1]!.totals;
    expect(t.preprocess_bytes).toBe(t.canvas_bytes + 400 + 784);
    const bitsAndPath = 7200 + 2 * PATH_CAPACITY;
    expect(t.canvas_bytes).toBeGreaterThanOrEqual(bitsAndPath);
    expect(t.canvas_bytes).toBeLessThan(bitsAndPath + 100);
    expect(t.static_ram_bytes).toBeGreaterThan(t.arena_bytes + t.preprocess_bytes);
    // The model lies in the window that stands for the chip's flash, counted with the simulator-only bytes.
    expect(t.static_data_bytes).toBe(t.static_ram_bytes + t.sim_only_bytes);
    expect(t.sim_only_bytes).toBeGreaterThan(t.flash_model_bytes);
    expect(t.stack_high_water).toBeGreaterThan(256);
    expect(t.stack_high_water).toBeLessThan(t.stack_size);
    expect(t.heap_high_water).toBeGreaterThan(0); // the EventQueue's slots
    expect(t.heap_high_water).toBeLessThan(16 * 1024);
    // Heap used and free: the heap is what the board's SRAM leaves after the stack and static data.
    expect(t.heap_used).toBeGreaterThan(0);
    expect(t.heap_used).toBeLessThanOrEqual(t.heap_high_water);
    const heap = BOARD_SRAM_BYTES - t.stack_size - t.static_data_bytes;
    expect(heap - (t.heap_used + t.heap_free)).toBeGreaterThanOrEqual(0);
    expect(heap - (t.heap_used + t.heap_free)).toBeLessThan(16); // __heap_base is 16-byte aligned
  });
});

/** Clears the canvas (BUTTON2), draws `strokes` through the touch screen and the TS twin, classifies (BUTTON1). */
function drawAndClassify(sim: Simulator, reports: Report[], strokes: Stroke[]): { report: Report; twin: Uint8Array } {
  sim.board.buttons.BUTTON2.press();
  sim.runFor(5_000);
  sim.board.buttons.BUTTON2.release();
  sim.runFor(5_000);
  expect(sim.board.lcd.text).toBe('Draw a digit');

  const pen = new StrokeTracker(new BitCanvas());
  for (const stroke of strokes) {
    const [x0, y0] = stroke[0]!;
    sim.board.touch.press(x0, y0);
    pen.sample(true, x0, y0);
    for (const [x, y] of stroke.slice(1)) {
      sim.board.touch.move(x, y);
      pen.sample(true, x, y);
    }
    sim.board.touch.release();
    pen.sample(false, 0, 0);
    sim.runFor(200);
  }
  sim.board.buttons.BUTTON1.press();
  sim.runFor(5_000);
  sim.board.buttons.BUTTON1.release();
  sim.runFor(5_000);
  const report = reports[reports.length - 1]!;
  expect(report.source).toBe('touch');
  expect(sim.board.lcd.text).toBe(`Predicted: ${report.prediction}`);
  const radius = pen.inkRadius();
  const twin = drawingToMnist(pen)!;
  expect(report.ink_radius).toBe(radius);
  return { report, twin };
}

describe('mnist firmware: drawing on the touch screen', () => {
  it('recognises held-out digits traced on the panel, with the same preprocessing as the TS twin', async () => {
    const { sim, reports } = await boot();
    const n = 20;
    let right = 0;
    for (let i = 0; i < n; i++) {
      const { report, twin } = drawAndClassify(sim, reports, digitToStrokes(image(test, i)));
      expect(report.input).toEqual(Array.from(twin));
      if (report.prediction === test.labels[i]) right++;
    }
    expect(right / n).toBeGreaterThanOrEqual(0.8);
  });

  it('reads a digit drawn 50 px tall as well as the same digit drawn full size: the brush scales with the drawing', async () => {
    const { sim, reports } = await boot();
    const n = 20;
    const right = { full: 0, small: 0 };
    const radii = { full: 0, small: 0 };
    for (let i = 0; i < n; i++) {
      // scale 7: a 20-pixel MNIST digit becomes 140 px; scale 2.5: 50 px
      for (const [size, scale] of [
        ['full', 7],
        ['small', 2.5],
      ] as const) {
        const { report, twin } = drawAndClassify(sim, reports, digitToStrokes(image(test, i), { scale }));
        expect(report.input).toEqual(Array.from(twin));
        radii[size] = Math.max(radii[size], report.ink_radius!);
        if (report.prediction === test.labels[i]) right[size]++;
      }
    }
    expect(radii.full).toBeGreaterThanOrEqual(8); // about the drawing brush (9)
    expect(radii.full).toBeLessThanOrEqual(10);
    expect(radii.small).toBeLessThanOrEqual(3);
    expect(right.small / n).toBeGreaterThanOrEqual(0.8);
    expect(right.small).toBeGreaterThanOrEqual(right.full - 1);
  });

  it('BUTTON1 on an empty canvas asks for a drawing', async () => {
    const { sim, serial } = await boot();
    sim.board.buttons.BUTTON1.press();
    sim.runFor(5_000);
    expect(sim.board.lcd.text).toBe('Draw a digit first');
    expect(serial()).toContain('The canvas is empty');
  });
});
