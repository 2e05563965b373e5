// analyzeTflite on the MLPerf Tiny models: per-layer rows and their arena lifetimes, totals, the memory breakdown
// (flash parts adding up to the package, the loader pool in the runtime share) and the verdicts per board.
import { describe, expect, it } from 'vitest';
import { BOARDS } from '../cycles/boards';
import { HEADER } from '../package/packageFormat';
import { MLPERF_MODELS, readFixture } from './fixtures';
import { analyzeTflite, importTflite, MNIST_FIRMWARE_FOOTPRINT, packageFromTflite } from './index';
import { flashOf } from './report';
import { loaderPoolBytes } from './runtimeBytes';

const footprint = MNIST_FIRMWARE_FOOTPRINT;
const analyze = (file: string) => analyzeTflite(readFixture(file), { name: file, footprint });

describe('analyzeTflite', () => {
  it.each(MLPERF_MODELS.map((m) => [m.name, m] as const))('%s: totals and memory breakdown add up', (_, fixture) => {
    const r = analyze(fixture.file);
    const imported = importTflite(readFixture(fixture.file));
    expect(r.totals.ops).toBe(imported.model.operators.length);
    expect(r.layers.map((l) => l.operatorIndex)).toEqual(imported.model.operators.map((o) => o.index));
    expect(r.totals.macs).toBe(fixture.macs);
    expect(r.layers.reduce((a, l) => a + l.macs, 0)).toBe(fixture.macs);
    const { sram, flash } = r.memory;
    expect(r.layers.reduce((a, l) => a + l.weightBytes, 0)).toBe(flash.weights);
    expect(r.layers.reduce((a, l) => a + l.quantParamBytes, 0)).toBe(flash.quantParams);
    expect(r.totals.flashBytes).toBe(flash.weights + flash.quantParams + flash.graph);
    // The flash parts are the package without its self-test vectors.
    const pkg = packageFromTflite(imported);
    const selfTestOffset = new DataView(pkg.buffer).getUint32(HEADER.offsets.selfTestOffset!, true);
    expect(r.totals.flashBytes).toBe(selfTestOffset);
    expect(flashOf(imported).weights).toBe(imported.graph.stats().weightBytes);
    expect(sram.arena + sram.persistent).toBe(r.totals.arenaBytes);
    expect(r.totals.arenaBytes).toBe(imported.graph.stats().arenaBytes);
    expect(sram.runtime).toBe(loaderPoolBytes(imported.graph) + footprint.runtimeBytes);
    expect(sram.stack).toBe(footprint.stackBytes);
    expect(flash.code).toBe(footprint.codeBytes);
    expect(r.boards.map((b) => b.boardId)).toEqual(BOARDS.map((b) => b.id));
    for (const b of r.boards) {
      expect(b.fit.flash.needed).toBe(r.totals.flashBytes + flash.code);
      expect(b.fit.sram.needed).toBe(sram.arena + sram.persistent + sram.runtime + sram.stack);
      expect(b.latencyMs['cmsis-nn']).toBeGreaterThan(0);
      expect(b.latencyMs['cmsis-nn']).toBeLessThan(b.latencyMs.reference);
    }
  });

  it('KWS rows: shapes, bytes and the chain of arena lifetimes', () => {
    const r = analyze('kws_ref_model.tflite');
    expect(r.layers[0]).toEqual({
      operatorIndex: 0,
      op: 'CONV_2D',
      kernel: 'reference',
      inputShape: [1, 49, 10, 1],
      outputShape: [1, 25, 5, 64],
      macs: 25 * 5 * 64 * 10 * 4,
      weightBytes: 64 * 10 * 4,
      quantParamBytes: 64 * 4 + 64 * 4, // int32 biases + per-channel scales
      outputBytes: 25 * 5 * 64,
      firstUse: 0,
      lastUse: 1,
    });
    // A chain: each output is read by the next operator; the graph output lives to the end.
    r.layers.forEach((l, i) => expect([l.firstUse, l.lastUse]).toEqual([i, Math.min(i + 1, 12)]));
  });

  it('ResNet rows: a skip connection keeps its tensor alive until the ADD that reads it', () => {
    const r = analyze('pretrainedResnet_quant.tflite');
    expect(r.layers[0]).toMatchObject({ op: 'CONV_2D', firstUse: 0, lastUse: 3 }); // read by ADD 3
    expect(r.layers[3]).toMatchObject({ op: 'ADD', firstUse: 3, lastUse: 6 }); // read by CONV_2D 4 and 6
  });

  it('fit verdicts: the anomaly model fits the DISCO-F413ZH, nothing fits the 8 KB NUCLEO-L053R8', () => {
    for (const m of MLPERF_MODELS) {
      const r = analyze(m.file);
      expect(r.boards.find((b) => b.boardId === 'nucleo-l053r8')!.fit.fits, m.name).toBe(false);
    }
    const ad = analyze('ad01_int8.tflite');
    expect(ad.boards.find((b) => b.boardId === 'disco-f413zh')!.fit.fits).toBe(true);
  });
});
