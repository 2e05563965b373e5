// cycleModel.ts — ESTIMATED inference latency on a Cortex-M core. Not a measurement: the simulator's firmware runs
// as WebAssembly on the host, whose time says nothing about a microcontroller's.
//
//   MAC kernels (conv, pointwise, depthwise, fc):
//     cycles = MACs x mac[kind] + im2col elements x im2col[kind] + outputs x output
//     im2col elements = output pixels x KH x KW x Cin = MACs / Cout   (CMSIS-NN's general convolution only)
//   pool: input elements x poolInput + outputs x poolOutput;   add, softmax, reshape, others: outputs x their cost
//   every op: + op (dispatch) + weight bytes x board.flashPenaltyCyclesPerByte (execute-in-place external flash)
//   latency = sum over ops / clock
// Constants per core and kernel variant: kernelCosts.ts; formula, sources and calibration: docs/cycle-model.md.
import type { Board, Core } from './boards';
import { KERNEL_COSTS, type KernelCosts, type KernelVariant, type MacCosts } from './kernelCosts';
import type { OpWork } from './opWork';

export type { KernelVariant } from './kernelCosts';
export { KERNEL_COSTS } from './kernelCosts';
export type { OpKind, OpWork } from './opWork';
export { mlpOps, opKindOf, opsFromLayers, opWorkFromLayer } from './opWork';

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

function macKernelCycles(w: OpWork, m: MacCosts, c: KernelCosts): number {
  const im2colElements = w.outChannels > 0 ? w.macs / w.outChannels : 0;
  return w.macs * m.mac + im2colElements * m.im2col + w.outputElements * c.output;
}

/** Cycles of the op's own work, before dispatch and flash penalty. */
function workCycles(w: OpWork, c: KernelCosts): number {
  switch (w.kind) {
    case 'conv':
    case 'pointwise':
    case 'depthwise':
    case 'fc':
      return macKernelCycles(w, c[w.kind], c);
    case 'pool':
      return w.inputElements * c.poolInput + w.outputElements * c.poolOutput;
    case 'add':
      return w.outputElements * c.add;
    case 'softmax':
      return w.outputElements * c.softmax;
    case 'reshape':
      return w.outputElements * c.copy;
    case 'elementwise':
      return w.outputElements * c.element;
  }
}

export function estimateOpCycles(
  w: OpWork,
  core: Core,
  kernel: KernelVariant,
  board?: Pick<Board, 'flashPenaltyCyclesPerByte'>,
): number {
  const c = KERNEL_COSTS[core][kernel];
  return workCycles(w, c) + w.weightBytes * (board?.flashPenaltyCyclesPerByte ?? 0) + c.op;
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
