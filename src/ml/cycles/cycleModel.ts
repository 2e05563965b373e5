// cycleModel.ts — ESTIMATED inference latency on a Cortex-M core. Not a measurement: the simulator's firmware runs
// as WebAssembly on the host, whose time says nothing about a microcontroller's.
//
//   cycles(op) = MACs x cyclesPerMac[core][kernel]
//              + output elements x cyclesPerOutput[core][kernel]   (bias, requantization, clamp, store)
//              + elements x cyclesPerElement[core]                  (ops without MACs: Softmax, ArgMax, ...)
//              + weight bytes x board.flashPenaltyCyclesPerByte     (external execute-in-place flash)
//              + cyclesPerOp[core]                                  (interpreter dispatch, parameter setup)
//   latency = sum over ops / clock
// Every constant and its source: docs/cycle-model.md. The calibration test (cycleModel.test.ts) checks the model
// against published measurements within +-20%.
import type { Board, Core } from './boards';
import type { LayerReport } from '../../shared/telemetry/reports';

export type KernelVariant = 'reference' | 'cmsis-nn';

export interface CoreCosts {
  cyclesPerMac: Record<KernelVariant, number>;
  cyclesPerOutput: Record<KernelVariant, number>;
  cyclesPerElement: number;
  cyclesPerOp: number;
}

export const CORE_COSTS: Record<Core, CoreCosts> = {
  // Calibrated: reference = MLPerf Tiny AD on NUCLEO-L4R5ZI (10.05 ms @ 120 MHz); cmsis-nn from CMSIS-NN's
  // 2.0-2.5 cycles/MAC for int8 fully connected on a DSP-extension M4.
  'cortex-m4': {
    cyclesPerMac: { reference: 4.3, 'cmsis-nn': 2.2 },
    cyclesPerOutput: { reference: 30, 'cmsis-nn': 20 },
    cyclesPerElement: 40,
    cyclesPerOp: 1000,
  },
  // Calibrated: reference = MicroNets' FC autoencoder on an STM32F746 (3 ms @ 216 MHz); cmsis-nn scaled by the
  // M4's reference/cmsis-nn ratio (derived, not measured).
  'cortex-m7': {
    cyclesPerMac: { reference: 2.3, 'cmsis-nn': 1.2 },
    cyclesPerOutput: { reference: 20, 'cmsis-nn': 14 },
    cyclesPerElement: 25,
    cyclesPerOp: 700,
  },
  // Derived from instruction timings (no published end-to-end calibration point): no DSP/SIMD, so CMSIS-NN's
  // portable C path (~7 cycles/MAC) is only modestly faster than the reference loop; 64-bit requantization
  // products need a library call.
  'cortex-m0plus': {
    cyclesPerMac: { reference: 9, 'cmsis-nn': 7 },
    cyclesPerOutput: { reference: 90, 'cmsis-nn': 80 },
    cyclesPerElement: 80,
    cyclesPerOp: 1500,
  },
};

/** What the model needs to know about one op (the firmware's per-layer figures carry all of it). */
export interface OpWork {
  op: string;
  macs: number;
  /** Output elements (requantized values written). */
  outputElements: number;
  /** Const weight bytes the op streams from flash. */
  weightBytes: number;
}

export interface OpEstimate extends OpWork {
  cycles: number;
  ms: number;
}

export interface LatencyEstimate {
  board: string;
  core: Core;
  clockHz: number;
  kernel: KernelVariant;
  cycles: number;
  ms: number;
  ops: OpEstimate[];
}

export function estimateOpCycles(
  w: OpWork,
  core: Core,
  kernel: KernelVariant,
  board?: Pick<Board, 'flashPenaltyCyclesPerByte'>,
): number {
  const c = CORE_COSTS[core];
  const penalty = board?.flashPenaltyCyclesPerByte ?? 0;
  const compute =
    w.macs > 0
      ? w.macs * c.cyclesPerMac[kernel] + w.outputElements * c.cyclesPerOutput[kernel]
      : w.outputElements * c.cyclesPerElement;
  return compute + w.weightBytes * penalty + c.cyclesPerOp;
}

export function estimateLatency(ops: readonly OpWork[], board: Board, kernel: KernelVariant): LatencyEstimate {
  const estimates = ops.map((w) => {
    const cycles = estimateOpCycles(w, board.core, kernel, board);
    return { ...w, cycles, ms: (cycles / board.clockHz) * 1000 };
  });
  const cycles = estimates.reduce((a, e) => a + e.cycles, 0);
  return {
    board: board.name,
    core: board.core,
    clockHz: board.clockHz,
    kernel,
    cycles,
    ms: (cycles / board.clockHz) * 1000,
    ops: estimates,
  };
}

/** A stack of fully connected layers given by its widths, e.g. [640, 128, 128, 8, 128, 640]. */
export function mlpOps(widths: readonly number[]): OpWork[] {
  const ops: OpWork[] = [];
  for (let i = 1; i < widths.length; i++) {
    const depth = widths[i - 1]!;
    const units = widths[i]!;
    ops.push({ op: 'FullyConnected', macs: depth * units, outputElements: units, weightBytes: depth * units });
  }
  return ops;
}

/** The firmware's per-layer telemetry ("layers" of mnist.inference / mnist.model) as cycle-model input. */
export function opsFromLayers(
  layers: readonly Pick<LayerReport, 'op' | 'macs' | 'output_shape' | 'weight_bytes'>[],
): OpWork[] {
  return layers.map((l) => ({
    op: l.op,
    macs: l.macs,
    outputElements: l.output_shape.reduce((a, d) => a * d, 1),
    weightBytes: l.weight_bytes,
  }));
}
