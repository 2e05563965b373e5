import { describe, expect, it } from 'vitest';
import { BOARDS, boardById, type Board } from './boards';
import { CORE_COSTS, estimateLatency, mlpOps, opsFromLayers } from './cycleModel';
import { fitsBoard } from './fits';

// MLPerf Tiny anomaly detection (= the DCASE 2020 Task 2 baseline autoencoder): 640 inputs (5 frames x 128 mel
// bands), four dense 128, a dense 8 bottleneck, four dense 128, dense 640 (batch norm folded into the weights).
const AD_AUTOENCODER = [640, 128, 128, 128, 128, 8, 128, 128, 128, 128, 640];

const atClock = (base: Board, clockHz: number): Board => ({ ...base, clockHz });
const within = (estimate: number, published: number) => Math.abs(estimate / published - 1);

describe('cycle model calibration against published measurements (+-20%)', () => {
  it('the MLPerf Tiny AD autoencoder has 264,192 MACs', () => {
    expect(mlpOps(AD_AUTOENCODER).reduce((a, o) => a + o.macs, 0)).toBe(264_192);
  });

  it('MLPerf Tiny AD: 10.05 ms on a Cortex-M4 @ 120 MHz (NUCLEO-L4R5ZI), reference kernels', () => {
    const e = estimateLatency(mlpOps(AD_AUTOENCODER), boardById('nucleo-l4r5zi'), 'reference');
    expect(within(e.ms, 10.05)).toBeLessThan(0.2);
  });

  it('MicroNets FC autoencoder baseline: 7 ms on a Cortex-M4 @ 180 MHz (STM32F446RE)', () => {
    const e = estimateLatency(mlpOps(AD_AUTOENCODER), boardById('nucleo-f446re'), 'reference');
    expect(e.clockHz).toBe(180e6);
    expect(within(e.ms, 7)).toBeLessThan(0.2);
  });

  it('MicroNets FC autoencoder baseline: 3 ms on a Cortex-M7 @ 216 MHz (STM32F746)', () => {
    const e = estimateLatency(mlpOps(AD_AUTOENCODER), boardById('nucleo-f746zg'), 'reference');
    expect(within(e.ms, 3)).toBeLessThan(0.2);
  });
});

describe('cycle model behaviour', () => {
  const mnist = mlpOps([784, 128, 64, 10]);

  it('scales with the clock and favours the DSP kernels and the M7', () => {
    const m4 = boardById('disco-f413zh');
    const ref = estimateLatency(mnist, m4, 'reference');
    expect(estimateLatency(mnist, atClock(m4, 200e6), 'reference').ms).toBeCloseTo(ref.ms / 2, 9);
    expect(estimateLatency(mnist, m4, 'cmsis-nn').ms).toBeLessThan(ref.ms);
    expect(estimateLatency(mnist, atClock(boardById('disco-f746ng'), 100e6), 'reference').ms).toBeLessThan(ref.ms);
    expect(estimateLatency(mnist, atClock(boardById('rpi-pico'), 100e6), 'reference').ms).toBeGreaterThan(ref.ms);
  });

  it('sums per-op cycles (MACs, outputs, per-op overhead)', () => {
    const m4 = CORE_COSTS['cortex-m4'];
    const e = estimateLatency(
      [{ op: 'FullyConnected', macs: 1000, outputElements: 10, weightBytes: 1000 }],
      boardById('frdm-k64f'),
      'reference',
    );
    expect(e.cycles).toBeCloseTo(
      1000 * m4.cyclesPerMac.reference + 10 * m4.cyclesPerOutput.reference + m4.cyclesPerOp,
      9,
    );
    expect(e.ops).toHaveLength(1);
  });

  it('reads the firmware per-layer telemetry', () => {
    const ops = opsFromLayers([
      { op: 'FullyConnected', macs: 100352, output_shape: [1, 128], weight_bytes: 100352 },
      { op: 'Softmax', macs: 0, output_shape: [1, 10], weight_bytes: 0 },
    ]);
    expect(ops).toEqual([
      { op: 'FullyConnected', macs: 100352, outputElements: 128, weightBytes: 100352 },
      { op: 'Softmax', macs: 0, outputElements: 10, weightBytes: 0 },
    ]);
  });

  it('every board has real, positive specs', () => {
    for (const b of BOARDS) {
      expect(b.clockHz).toBeGreaterThan(1e6);
      expect(b.sramBytes).toBeGreaterThan(1024);
      expect(b.flashBytes).toBeGreaterThan(b.sramBytes / 8);
    }
  });
});

describe('fits verdict', () => {
  const needs = {
    modelFlashBytes: 110_812,
    codeBytes: 60_000,
    staticRamBytes: 39_000,
    stackBytes: 2_200,
    heapBytes: 3_100,
  };

  it('the MNIST MLP fits the DISCO-F413ZH but not the 64 KB-flash, 8 KB-SRAM NUCLEO-L053R8', () => {
    expect(fitsBoard(boardById('disco-f413zh'), needs).fits).toBe(true);
    const small = fitsBoard(boardById('nucleo-l053r8'), needs);
    expect(small.fits).toBe(false);
    expect(small.flash.fits).toBe(false);
    expect(small.sram.fits).toBe(false);
    expect(small.sram.needed).toBe(39_000 + 2_200 + 3_100);
    expect(small.flash.needed).toBe(110_812 + 60_000);
  });
});
