// The cycle model and the arena planner against the published MLPerf Tiny figures, on the four reference models
// themselves: .tflite -> importTflite -> the engine graph's LayerStats -> opWorkFromLayer -> estimateLatency.
import { describe, expect, it } from 'vitest';
import { importTflite } from '../tflite';
import { MLPERF_MODELS, readFixture } from '../tflite/fixtures';
import { boardById } from './boards';
import { estimateLatency, KERNEL_COSTS, opWorkFromLayer, type KernelVariant } from './cycleModel';

const KB = 1024;

/**
 * Per model: median latency on NUCLEO-L4R5ZI (v0.5 reference submission = TFLM reference kernels; v1.0 ST
 * submission = optimized kernels), TFLM's arena_used_bytes on a 64-bit host, the submission's tensor arena.
 */
const PUBLISHED: Record<string, { ms: Record<KernelVariant, number>; tflmArena: number; submissionArena: number }> = {
  kws: { ms: { reference: 181.9, 'cmsis-nn': 75.1 }, tflmArena: 24_000, submissionArena: 200 * KB },
  vww: { ms: { reference: 600.6, 'cmsis-nn': 230.5 }, tflmArena: 103_392, submissionArena: 200 * KB },
  ic: { ms: { reference: 704.2, 'cmsis-nn': 226.9 }, tflmArena: 55_712, submissionArena: 100 * KB },
  ad: { ms: { reference: 10.05, 'cmsis-nn': 7.58 }, tflmArena: 3_424, submissionArena: 10 * KB },
};
const BAND: Record<KernelVariant, number> = { reference: 0.2, 'cmsis-nn': 0.25 };
const VARIANTS: readonly KernelVariant[] = ['reference', 'cmsis-nn'];
const board = boardById('nucleo-l4r5zi');

const models = MLPERF_MODELS.map((m) => {
  const { graph } = importTflite(readFixture(m.file));
  const layers = graph.ops.map((_, i) => graph.layerStats(i));
  return { name: m.name, graph, layers, ops: layers.map(opWorkFromLayer), published: PUBLISHED[m.name]! };
});

describe('MLPerf Tiny latency on NUCLEO-L4R5ZI (Cortex-M4 @ 120 MHz)', () => {
  it('the board is the STM32L4R5ZI: 120 MHz, 640 KB SRAM, 2 MB flash', () => {
    expect(board).toMatchObject({ mcu: 'STM32L4R5ZI', core: 'cortex-m4', clockHz: 120e6 });
    expect([board.sramBytes, board.flashBytes]).toEqual([640 * KB, 2048 * KB]);
  });

  it('the op work of the imported graphs is what the models are: kinds and MACs', () => {
    const kinds = (name: string) => models.find((m) => m.name === name)!.ops.map((o) => o.kind);
    expect(kinds('kws')).toEqual([
      'conv',
      ...Array<string[]>(4).fill(['depthwise', 'pointwise']).flat(),
      'pool',
      'reshape',
      'fc',
      'softmax',
    ]);
    expect(kinds('ad')).toEqual(Array(10).fill('fc'));
    for (const m of models) {
      expect(m.ops.reduce((a, o) => a + o.macs, 0)).toBe(MLPERF_MODELS.find((x) => x.name === m.name)!.macs);
    }
    expect(models.find((m) => m.name === 'kws')!.ops[0]).toMatchObject({ kernelH: 10, kernelW: 4, inChannels: 1 });
  });

  it('reference within +-20% of the v0.5 reference submission, cmsis-nn within +-25% of ST v1.0', () => {
    const rows = models.flatMap((m) =>
      VARIANTS.map((kernel) => {
        const ms = estimateLatency(m.ops, board, kernel).ms;
        const published = m.published.ms[kernel];
        return {
          model: m.name,
          kernel,
          estimateMs: +ms.toFixed(2),
          publishedMs: published,
          ratio: +(ms / published).toFixed(3),
        };
      }),
    );
    console.table(rows);
    for (const r of rows) {
      expect.soft(Math.abs(r.ratio - 1), `${r.model} ${r.kernel}`).toBeLessThanOrEqual(BAND[r.kernel]);
    }
  });

  it('the three fitted reference constants are the fit: no step of 0.02 / 0.1 cycles per conv / depthwise MAC improves it', () => {
    // Cycles are linear in conv.mac (conv and pointwise MACs) and depthwise.mac; the fit minimizes the squared log
    // ratios over the three convolutional models, fc.mac alone matches the FC autoencoder.
    const c = KERNEL_COSTS['cortex-m4'].reference;
    const terms = models.map((m) => {
      const macsOf = (kinds: string[]) => m.ops.filter((o) => kinds.includes(o.kind)).reduce((a, o) => a + o.macs, 0);
      return {
        name: m.name,
        cycles: estimateLatency(m.ops, board, 'reference').cycles,
        convMacs: macsOf(['conv', 'pointwise']),
        dwMacs: macsOf(['depthwise']),
        published: m.published.ms.reference,
      };
    });
    const misfit = (da: number, dd: number) =>
      terms
        .filter((t) => t.name !== 'ad')
        .reduce((a, t) => {
          const ms = ((t.cycles + t.convMacs * da + t.dwMacs * dd) / board.clockHz) * 1000;
          return a + Math.log(ms / t.published) ** 2;
        }, 0);
    const steps = [-1, 0, 1].flatMap((i) => [-1, 0, 1].map((j) => [0.02 * i, 0.1 * j] as const));
    for (const [da, dd] of steps.filter(([a, d]) => a !== 0 || d !== 0)) {
      expect(misfit(da, dd), `step ${da}, ${dd}`).toBeGreaterThan(misfit(0, 0));
    }
    expect(c.pointwise).toBe(c.conv);
    const ad = terms.find((t) => t.name === 'ad')!;
    expect(Math.abs((ad.cycles / board.clockHz) * 1000 - ad.published)).toBeLessThan(0.01 * ad.published);
  });

  it('the optimized kernels are faster on every model, most on the convolutional ones', () => {
    const speedup = (name: string) => {
      const m = models.find((x) => x.name === name)!;
      return estimateLatency(m.ops, board, 'reference').ms / estimateLatency(m.ops, board, 'cmsis-nn').ms;
    };
    expect(speedup('ad')).toBeGreaterThan(1);
    for (const name of ['kws', 'vww', 'ic']) expect(speedup(name)).toBeGreaterThan(2 * speedup('ad'));
  });
});

describe('MLPerf Tiny arena: the planner against TFLM and the reference submission', () => {
  const rows = models.map((m) => {
    const s = m.graph.stats();
    return {
      model: m.name,
      planned: s.plannedBytes,
      persistent: s.persistentBytes,
      ours: s.arenaBytes,
      tflm: m.published.tflmArena,
      oursPerTflm: +(s.arenaBytes / m.published.tflmArena).toFixed(3),
      submission: m.published.submissionArena,
      oursPerSubmission: +(s.arenaBytes / m.published.submissionArena).toFixed(3),
    };
  });

  it('ours fits the submission arena; the planned activations fit in what TFLM used', () => {
    console.table(rows);
    for (const r of rows) {
      expect.soft(r.ours, r.model).toBeLessThanOrEqual(r.submission);
      expect.soft(r.planned, r.model).toBeLessThanOrEqual(r.tflm);
    }
  });

  it('convolutional models: ours is 0.8-1.0x TFLM arena_used (TFLM adds its runtime structures)', () => {
    for (const r of rows.filter((x) => x.model !== 'ad')) {
      expect.soft(r.oursPerTflm, r.model).toBeGreaterThanOrEqual(0.8);
      expect.soft(r.oursPerTflm, r.model).toBeLessThanOrEqual(1);
    }
  });

  it('AD exceeds TFLM by the simd FullyConnected row sums (4 bytes per unit), which TFLM does not keep', () => {
    const ad = models.find((m) => m.name === 'ad')!;
    const rowSums = ad.layers.reduce((a, l) => a + Math.ceil((l.outputElements * 4) / 16) * 16, 0);
    const multipliers = ad.layers.length * 2 * 16; // one int32 multiplier and shift each, 16-byte rounded
    const r = rows.find((x) => x.model === 'ad')!;
    expect(r.persistent).toBe(rowSums + multipliers);
    expect(r.ours - rowSums).toBeLessThanOrEqual(r.tflm);
  });
});
