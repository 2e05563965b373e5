// kernelCosts.ts — cycles per unit of work, per core and kernel variant. Which constants are fitted (and to what),
// which follow from the kernels' loop structure, and which are derived from another core: docs/cycle-model.md.
import type { Core } from './boards';

export type KernelVariant = 'reference' | 'cmsis-nn';

/** A MAC-carrying kernel: its inner loop, and the im2col copy some kernels make per output pixel. */
export interface MacCosts {
  /** Cycles per multiply-accumulate, flash wait states for the weight bytes it reads included. */
  mac: number;
  /** Cycles per element of the input patch (KH x KW x Cin) copied, widened to 16 bits, per output pixel. */
  im2col: number;
}

export interface KernelCosts {
  conv: MacCosts;
  pointwise: MacCosts;
  depthwise: MacCosts;
  fc: MacCosts;
  /** Per output value of a MAC kernel: bias, requantization (per-channel multiplier and shift), clamp, store. */
  output: number;
  /** Per input element a pooling window reads, and per pooled output (division or store). */
  poolInput: number;
  poolOutput: number;
  /** Per output element of Add/Sub: both inputs and the output rescaled. */
  add: number;
  /** Per element of Softmax (fixed-point exp and reciprocal). */
  softmax: number;
  /** Per element of Reshape (a copy). */
  copy: number;
  /** Per output element of any other op (Quantize, ArgMax, ...). */
  element: number;
  /** Per op: interpreter dispatch and parameter set-up. */
  op: number;
}

const none = 0;

// Cortex-M4 reference kernels (TFLM's portable C). `mac` of conv/pointwise and of depthwise fitted jointly to the
// MLPerf Tiny v0.5 reference latencies of DS-CNN, MobileNetV1 and ResNet-8 on NUCLEO-L4R5ZI; `fc.mac` fitted to its
// FC autoencoder. Everything else from the kernels' loop structure.
const M4_REFERENCE_CONV: MacCosts = { mac: 6.27, im2col: none };
const M4_REFERENCE: KernelCosts = {
  conv: M4_REFERENCE_CONV,
  pointwise: M4_REFERENCE_CONV, // TFLM runs a 1x1 filter through the same ConvPerChannel loop
  depthwise: { mac: 18.23, im2col: none },
  fc: { mac: 4.24, im2col: none },
  output: 45,
  poolInput: 10,
  poolOutput: 40,
  add: 80,
  softmax: 150,
  copy: 1,
  element: 40,
  op: 1000,
};

// Cortex-M4 CMSIS-NN kernels (DSP extension: SMLAD, two 16-bit MACs a cycle). From the kernels' inner loops and the
// board's flash wait states; none fitted. Checked against ST's MLPerf Tiny v1.0 submission on the same board.
const M4_CMSIS_NN: KernelCosts = {
  conv: { mac: 1.75, im2col: 1.75 },
  pointwise: { mac: 1.7, im2col: none },
  depthwise: { mac: 4.3, im2col: none },
  fc: { mac: 2.85, im2col: none },
  output: 33,
  poolInput: 1.5,
  poolOutput: 20,
  add: 35,
  softmax: 100,
  copy: 1,
  element: 30,
  op: 1000,
};

function scaled(base: KernelCosts, factor: number): KernelCosts {
  const s = (m: MacCosts): MacCosts => ({ mac: m.mac * factor, im2col: m.im2col * factor });
  return {
    conv: s(base.conv),
    pointwise: s(base.pointwise),
    depthwise: s(base.depthwise),
    fc: s(base.fc),
    output: base.output * factor,
    poolInput: base.poolInput * factor,
    poolOutput: base.poolOutput * factor,
    add: base.add * factor,
    softmax: base.softmax * factor,
    copy: base.copy * factor,
    element: base.element * factor,
    op: base.op * factor,
  };
}

/**
 * Cortex-M7 relative to the M4: fitted to MicroNets' FC autoencoder on an STM32F746 (3 ms @ 216 MHz, i.e. 2.3
 * cycles/MAC against the M4's 4.24), applied to every constant of both variants (dual issue, caches).
 */
export const M7_FACTOR = 2.3 / 4.24;
/**
 * Cortex-M0+ relative to the M4 reference loop: derived from instruction timings (9 cycles per int8 MAC: LDRSB x2,
 * ADDS, MULS, ADDS, loop), no calibration point. CMSIS-NN on an M0+ runs its portable C path (~7 cycles/MAC).
 */
export const M0PLUS_FACTOR = 9 / 4.24;
export const M0PLUS_CMSIS_FACTOR = 7 / 9;

export const KERNEL_COSTS: Record<Core, Record<KernelVariant, KernelCosts>> = {
  'cortex-m4': { reference: M4_REFERENCE, 'cmsis-nn': M4_CMSIS_NN },
  'cortex-m7': { reference: scaled(M4_REFERENCE, M7_FACTOR), 'cmsis-nn': scaled(M4_CMSIS_NN, M7_FACTOR) },
  'cortex-m0plus': {
    reference: scaled(M4_REFERENCE, M0PLUS_FACTOR),
    'cmsis-nn': scaled(M4_REFERENCE, M0PLUS_FACTOR * M0PLUS_CMSIS_FACTOR),
  },
};
