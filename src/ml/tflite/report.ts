// report.ts — analyzeTflite: what an imported .tflite model costs a board — per-layer figures, the memory breakdown
// (SRAM: arena, persistent buffers, runtime objects, stack; flash: weights, quantization parameters, graph tables,
// code), the fit verdict on every board profile and the estimated latency per board and kernel variant.
import type { FitVerdict } from '../cycles/fits';
import type { KernelVariant } from '../cycles/cycleModel';

/** What the model-runner firmware needs besides the model (measured from its build). */
export interface EngineFootprint {
  /** Firmware code (the wasm code section, a proxy for Thumb-2 code). */
  codeBytes: number;
  /** The loader's Graph object besides the per-model Tensor/Op objects (fixed tables). */
  runtimeBytes: number;
  stackBytes: number;
  /** Where the figures come from (e.g. "mnist firmware build"). */
  source: string;
}

export interface LayerRow {
  operatorIndex: number;
  /** The .tflite builtin name (CONV_2D, ...). */
  op: string;
  /** The engine kernel (reference, simd). */
  kernel: string;
  inputShape: number[];
  outputShape: number[];
  macs: number;
  weightBytes: number;
  /** Biases, stored scales and zero points, and the per-channel multipliers the engine derives. */
  quantParamBytes: number;
  outputBytes: number;
  /** The output's arena lifetime, in operator indices (first written, last read). */
  firstUse: number;
  lastUse: number;
}

export interface BoardReport {
  boardId: string;
  boardName: string;
  fit: FitVerdict;
  latencyMs: Record<KernelVariant, number>;
}

export interface ModelReport {
  name: string;
  layers: LayerRow[];
  totals: { ops: number; macs: number; flashBytes: number; arenaBytes: number };
  memory: {
    sram: { arena: number; persistent: number; runtime: number; stack: number };
    flash: { weights: number; quantParams: number; graph: number; code: number };
  };
  boards: BoardReport[];
  footprint: EngineFootprint;
}
