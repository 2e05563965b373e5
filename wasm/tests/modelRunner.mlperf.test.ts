// The model-runner firmware on MLPerf Tiny models imported from .tflite (src/ml/tflite): the KWS DS-CNN and the
// ResNet-8 image classifier are installed as signed images, and their output bytes equal the TS reference engine's
// bit for bit on the KWS sample input (class 5), on random inputs and on a drawing (its input from a TS twin of the
// firmware's canvas). The AD autoencoder (package 274 KB) and the VWW MobileNet (package 263 KB, arena 86 KB) run
// too: their weights are read in place from the firmware's flash window (FlashWindow.h), their arenas are in SRAM.
import { beforeAll, describe, expect, it } from 'vitest';
import { packageFromTflite } from '../../src/ml/tflite';
import { install, bootRunner, runInput, type Runner } from './modelRunnerFirmware';
import { InkCanvasTwin } from './inkCanvasTwin';
import { kwsSampleInput, mlperfModel, randomBytes, referenceRun } from './tfliteReference';

let r: Runner;
beforeAll(async () => {
  r = await bootRunner();
});

describe('model runner firmware on MLPerf Tiny models', { timeout: 120_000 }, () => {
  const kws = mlperfModel('kws_ref_model.tflite');

  it('installs the KWS model over the air and puts the sample input in class 5, bit for bit', async () => {
    expect(await install(r, packageFromTflite(kws), 1)).toMatchObject({ result: 1, running: '1.1.0+0' });
    const sample = kwsSampleInput();
    const report = runInput(r, sample);
    expect(report.type).toBe('model_runner.inference');
    if (report.type !== 'model_runner.inference') return;
    const want = [...new Int8Array(referenceRun(kws, sample).outputs.buffer)];
    expect(report.output_int8).toEqual(want);
    expect(report.top_k[0]!.index).toBe(5);
    expect(report.top_k).toHaveLength(5);
    expect(r.sim.board.lcd.text).toMatch(/^1: class 5 /);
    expect(report.totals.macs).toBe(2_656_768); // the fixtures' README
  });

  it('gives the TS engine KWS outputs on 50 random inputs', () => {
    for (let i = 0; i < 50; i++) {
      const x = randomBytes(1000 + i, 490);
      const report = runInput(r, x);
      expect(report.type === 'model_runner.inference' && report.output_int8).toEqual([
        ...new Int8Array(referenceRun(kws, x).outputs.buffer),
      ]);
    }
  });

  it('runs a drawing on BUTTON1: resized to 49x10, quantized, the TS engine output bit for bit', () => {
    const twin = new InkCanvasTwin();
    const { buttons, touch } = r.sim.board;
    const pen = (phase: 'press' | 'move' | 'release', x: number, y: number) => {
      if (phase === 'press') touch.press(x, y);
      else if (phase === 'move') touch.move(x, y);
      else touch.release();
      twin.pen(phase !== 'release', x, y);
      r.sim.runFor(1_000);
    };
    pen('press', 30, 20);
    for (const [x, y] of [
      [80, 90],
      [150, 100],
      [200, 220],
    ] as const)
      pen('move', x, y);
    pen('release', 200, 220);
    pen('press', 10, 200);
    pen('release', 10, 200);
    const before = r.inferences.length;
    buttons.BUTTON1.press();
    r.sim.runFor(20_000);
    buttons.BUTTON1.release();
    r.sim.runFor(20_000);
    const input = kws.inputs[0]!;
    const x = twin.toInput(49, 10, 1, input.quant.scale, input.quant.zeroPoint);
    expect(new Set(x).size).toBe(3); // KWS's input scale (0.58) leaves [0, 1] three steps: paper, grey, ink
    const report = r.inferences[before]!;
    expect(report.source).toBe('canvas');
    expect(report.output_int8).toEqual([...new Int8Array(referenceRun(kws, new Uint8Array(x.buffer)).outputs.buffer)]);
  });

  it('runs ResNet-8 (CIFAR-10) bit for bit, and takes the drawing as its 32x32x3 input', async () => {
    const ic = mlperfModel('pretrainedResnet_quant.tflite');
    expect(await install(r, packageFromTflite(ic), 2)).toMatchObject({ result: 1, running: '1.2.0+0' });
    for (let i = 0; i < 5; i++) {
      const x = randomBytes(2000 + i, 32 * 32 * 3);
      const report = runInput(r, x);
      expect(report.type === 'model_runner.inference' && report.output_int8).toEqual([
        ...new Int8Array(referenceRun(ic, x).outputs.buffer),
      ]);
    }
    const { buttons, touch } = r.sim.board;
    touch.press(60, 60);
    r.sim.runFor(1_000);
    touch.move(180, 180);
    r.sim.runFor(1_000);
    touch.release();
    const before = r.inferences.length;
    buttons.BUTTON1.press();
    r.sim.runFor(20_000);
    buttons.BUTTON1.release();
    r.sim.runFor(20_000);
    expect(r.inferences[before]).toMatchObject({ source: 'canvas', version: '1.2.0+0' });
  });

  it('runs the AD autoencoder from its flash window, bit for bit', async () => {
    const ad = mlperfModel('ad01_int8.tflite');
    const body = packageFromTflite(ad);
    expect(body.length).toBeGreaterThan(256 * 1024); // more than the SRAM could hold beside the stack and arena
    expect(await install(r, body, 3)).toMatchObject({ result: 1, running: '1.3.0+0' });
    for (let i = 0; i < 5; i++) {
      const x = randomBytes(3000 + i, 640);
      const report = runInput(r, x);
      expect(report.type === 'model_runner.inference' && report.output_int8).toEqual([
        ...new Int8Array(referenceRun(ad, x).outputs.buffer),
      ]);
    }
  });

  it('runs the VWW MobileNet (86 KB arena in SRAM) bit for bit', async () => {
    const vww = mlperfModel('vww_96_int8.tflite');
    expect(await install(r, packageFromTflite(vww), 4)).toMatchObject({ result: 1, running: '1.4.0+0' });
    const m = r.models.at(-1)!;
    expect(m.status === 'installed' && m.totals.planned_bytes + m.totals.persistent_bytes).toBe(86_448);
    for (let i = 0; i < 3; i++) {
      const x = randomBytes(4000 + i, 96 * 96 * 3);
      const report = runInput(r, x);
      expect(report.type === 'model_runner.inference' && report.output_int8).toEqual([
        ...new Int8Array(referenceRun(vww, x).outputs.buffer),
      ]);
    }
  });
});
