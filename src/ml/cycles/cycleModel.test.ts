import { describe, expect, it } from 'vitest';
import { BOARDS, boardById, type Board } from './boards';
import { estimateLatency, estimateOpCycles, mlpOps, opsFromLayers, type OpWork } from './cycleModel';
import { KERNEL_COSTS, M7_FACTOR } from './kernelCosts';
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

  it('reads the firmware per-layer telemetry', () => {
    const ops = opsFromLayers([
      { op: 'FullyConnected', macs: 100352, input_shape: [1, 784], output_shape: [1, 128], weight_bytes: 100352 },
      { op: 'Softmax', macs: 0, input_shape: [1, 10], output_shape: [1, 10], weight_bytes: 0 },
    ]);
    expect(ops.map((o) => [o.kind, o.macs, o.outputElements, o.inChannels, o.weightBytes])).toEqual([
      ['fc', 100352, 128, 784, 100352],
      ['softmax', 0, 10, 10, 0],
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

describe('cost of each op kind (Cortex-M4)', () => {
  const ref = KERNEL_COSTS['cortex-m4'].reference;
  const cmsis = KERNEL_COSTS['cortex-m4']['cmsis-nn'];
  const base: OpWork = {
    op: 'Conv2D',
    kind: 'conv',
    macs: 0,
    inputElements: 0,
    outputElements: 0,
    kernelH: 1,
    kernelW: 1,
    inChannels: 1,
    outChannels: 1,
    weightBytes: 0,
  };
  // ResNet-8's second convolution: 3x3, 16 -> 16 channels on 32x32.
  const conv3x3: OpWork = {
    ...base,
    macs: 32 * 32 * 16 * 9 * 16,
    inputElements: 32 * 32 * 16,
    outputElements: 32 * 32 * 16,
    kernelH: 3,
    kernelW: 3,
    inChannels: 16,
    outChannels: 16,
    weightBytes: 16 * 9 * 16,
  };
  const m4 = (w: OpWork, kernel: 'reference' | 'cmsis-nn') => estimateOpCycles(w, 'cortex-m4', kernel);

  it('conv: MACs, the im2col copy (CMSIS-NN only) and the requantized outputs', () => {
    const outputs = 32 * 32 * 16;
    expect(m4(conv3x3, 'reference')).toBeCloseTo(conv3x3.macs * ref.conv.mac + outputs * ref.output + ref.op, 6);
    const im2col = 32 * 32 * 9 * 16;
    expect(m4(conv3x3, 'cmsis-nn')).toBeCloseTo(
      conv3x3.macs * cmsis.conv.mac + im2col * cmsis.conv.im2col + outputs * cmsis.output + cmsis.op,
      6,
    );
    expect(m4(conv3x3, 'cmsis-nn')).toBeLessThan(m4(conv3x3, 'reference') / 2.5);
  });

  it('conv: the im2col copy costs more per MAC the fewer output channels share it', () => {
    const perMac = (outChannels: number) => {
      const w = {
        ...conv3x3,
        outChannels,
        outputElements: 32 * 32 * outChannels,
        macs: 32 * 32 * 9 * 16 * outChannels,
      };
      return (m4(w, 'cmsis-nn') - cmsis.op) / w.macs;
    };
    expect(perMac(8) - perMac(64)).toBeCloseTo(9 * 16 * cmsis.conv.im2col * (1 / (9 * 16 * 8) - 1 / (9 * 16 * 64)), 9);
  });

  it('pointwise: no im2col; cheaper per MAC than a depthwise convolution in both variants', () => {
    const pw: OpWork = {
      ...base,
      kind: 'pointwise',
      macs: 25 * 5 * 64 * 64,
      outputElements: 25 * 5 * 64,
      inChannels: 64,
      outChannels: 64,
    };
    const dw: OpWork = {
      ...base,
      op: 'DepthwiseConv2D',
      kind: 'depthwise',
      macs: 25 * 5 * 64 * 9,
      outputElements: 25 * 5 * 64,
      kernelH: 3,
      kernelW: 3,
      inChannels: 64,
      outChannels: 64,
    };
    expect(m4(pw, 'cmsis-nn')).toBeCloseTo(
      pw.macs * cmsis.pointwise.mac + pw.outputElements * cmsis.output + cmsis.op,
      6,
    );
    expect(m4(dw, 'reference')).toBeCloseTo(dw.macs * ref.depthwise.mac + dw.outputElements * ref.output + ref.op, 6);
    for (const k of ['reference', 'cmsis-nn'] as const) {
      expect((m4(dw, k) - KERNEL_COSTS['cortex-m4'][k].op) / dw.macs).toBeGreaterThan(
        (m4(pw, k) - KERNEL_COSTS['cortex-m4'][k].op) / pw.macs,
      );
    }
  });

  it('fully connected: MACs and outputs', () => {
    const fc = mlpOps([640, 128])[0]!;
    expect(m4(fc, 'reference')).toBeCloseTo(81920 * ref.fc.mac + 128 * ref.output + ref.op, 6);
    expect(m4(fc, 'cmsis-nn')).toBeCloseTo(81920 * cmsis.fc.mac + 128 * cmsis.output + cmsis.op, 6);
  });

  it('pooling reads every input element once and writes its outputs', () => {
    const pool: OpWork = {
      ...base,
      op: 'AveragePool2D',
      kind: 'pool',
      inputElements: 25 * 5 * 64,
      outputElements: 64,
      kernelH: 25,
      kernelW: 5,
      inChannels: 64,
      outChannels: 64,
    };
    expect(m4(pool, 'reference')).toBeCloseTo(8000 * ref.poolInput + 64 * ref.poolOutput + ref.op, 6);
    expect(m4(pool, 'cmsis-nn')).toBeLessThan(m4(pool, 'reference'));
  });

  it('add, softmax, reshape and other ops cost per output element', () => {
    const n = 4096;
    const el = (op: string, kind: OpWork['kind']): OpWork => ({
      ...base,
      op,
      kind,
      inputElements: n,
      outputElements: n,
    });
    expect(m4(el('Add', 'add'), 'reference')).toBeCloseTo(n * ref.add + ref.op, 6);
    expect(m4(el('Softmax', 'softmax'), 'reference')).toBeCloseTo(n * ref.softmax + ref.op, 6);
    expect(m4(el('Reshape', 'reshape'), 'cmsis-nn')).toBeCloseTo(n * cmsis.copy + cmsis.op, 6);
    expect(m4(el('Quantize', 'elementwise'), 'reference')).toBeCloseTo(n * ref.element + ref.op, 6);
  });

  it('weights in execute-in-place flash add the board penalty per weight byte', () => {
    const pico = boardById('rpi-pico');
    const without = estimateOpCycles(conv3x3, pico.core, 'reference');
    expect(estimateOpCycles(conv3x3, pico.core, 'reference', pico)).toBeCloseTo(
      without + conv3x3.weightBytes * pico.flashPenaltyCyclesPerByte,
      6,
    );
  });

  it('the M7 costs are the M4 costs scaled by its calibrated factor; the M0+ is slower than both', () => {
    for (const k of ['reference', 'cmsis-nn'] as const) {
      const m4c = estimateOpCycles(conv3x3, 'cortex-m4', k);
      expect(estimateOpCycles(conv3x3, 'cortex-m7', k)).toBeCloseTo(m4c * M7_FACTOR, 6);
      expect(estimateOpCycles(conv3x3, 'cortex-m0plus', k)).toBeGreaterThan(m4c);
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
