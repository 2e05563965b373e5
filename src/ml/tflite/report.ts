// report.ts — analyzeTflite: what an imported .tflite model costs a board — per-layer figures, the memory breakdown
// (SRAM: arena, persistent buffers, runtime objects, stack; flash: weights, quantization parameters, graph tables,
// code), the fit verdict on every board profile and the estimated latency per board and kernel variant.
import { BOARDS } from '../cycles/boards';
import { estimateLatency, opWorkFromLayer, type KernelVariant } from '../cycles/cycleModel';
import { fitsBoard, type FitVerdict } from '../cycles/fits';
import type { LayerStats } from '../kernels/graph';
import { tensorBytes } from '../kernels/tensor';
import type { Op } from '../kernels/ops';
import { CONST_ALIGNMENT, HEADER, OP, TABLE_ALIGNMENT, TENSOR, alignTo, ioTableBytes } from '../package/packageFormat';
import { importTflite, type ImportedModel } from './importer';
import { loaderPoolBytes } from './runtimeBytes';

/** What the model-runner firmware needs besides the model (measured from its build). */
export interface EngineFootprint {
  /** Firmware code (the wasm code section, a proxy for Thumb-2 code). */
  codeBytes: number;
  /** The firmware's static RAM and heap besides the model's arena and loader pool (buffers, drivers, telemetry). */
  runtimeBytes: number;
  stackBytes: number;
  /** Where the figures come from. */
  source: string;
}

/**
 * The MNIST firmware's figures (docs/mnist.md "Memory figures"): code section of public/firmware/mnist.wasm;
 * static RAM 70,516 minus its 16 KiB arena and 8 KiB loader pool, plus the 3,100-byte heap high-water mark; stack
 * high-water mark 2,200.
 */
export const MNIST_FIRMWARE_FOOTPRINT: EngineFootprint = {
  codeBytes: 140_738,
  runtimeBytes: 70_516 - 16_384 - 8_192 + 3_100,
  stackBytes: 2_200,
  source: 'mnist firmware build (docs/mnist.md)',
};

export interface LayerRow {
  operatorIndex: number;
  /** The .tflite builtin name (CONV_2D, ...). */
  op: string;
  /** The engine kernel of the layer's main op (reference, simd). */
  kernel: string;
  inputShape: number[];
  outputShape: number[];
  macs: number;
  weightBytes: number;
  /** Flash bytes of int32 biases and per-channel float scales (per-tensor ones live in the graph tables). */
  quantParamBytes: number;
  outputBytes: number;
  /** The output's arena lifetime in operator indices: written by `firstUse`, last read by `lastUse`. */
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
  /** `flashBytes`: the model in flash (weights + quantization parameters + graph tables); `arenaBytes`: planned
   * activations + persistent data. */
  totals: { ops: number; macs: number; flashBytes: number; arenaBytes: number };
  memory: {
    sram: { arena: number; persistent: number; runtime: number; stack: number };
    flash: { weights: number; quantParams: number; graph: number; code: number };
  };
  boards: BoardReport[];
  footprint: EngineFootprint;
}

export const KERNEL_VARIANTS: readonly KernelVariant[] = ['reference', 'cmsis-nn'];

/** Const bytes one op reads: int8 weights, and quantization parameters (int32 biases, per-channel float scales). */
function constBytes(op: Op): { weights: number; quantParams: number } {
  let weights = 0;
  let quantParams = 0;
  for (const t of op.inputs) {
    if (!t?.isConst) continue;
    if (t.dtype === 'int8') weights += tensorBytes(t);
    else quantParams += tensorBytes(t);
    if (t.quant.channelScales) quantParams += t.quant.channelScales.length * 4;
  }
  return { weights, quantParams };
}

/**
 * The model's flash as its package stores it (src/ml/package writer.ts): weights, quantization parameters, and the
 * rest — header, tensor records (with per-tensor scales and zero points), op and io tables, the 16-byte alignment of
 * each const blob. The three add up to the package without its self-test vectors (report.test.ts checks it).
 */
export function flashOf(m: ImportedModel): { weights: number; quantParams: number; graph: number } {
  const tensors = new Set(m.graph.ops.flatMap((op) => [...op.inputs, op.output]).filter((t) => t !== null));
  const tables =
    HEADER.bytes +
    tensors.size * TENSOR.bytes +
    m.graph.ops.length * OP.bytes +
    ioTableBytes(m.inputs.length, m.outputs.length);
  let end = alignTo(tables, CONST_ALIGNMENT);
  const place = (bytes: number) => (end = alignTo(end, CONST_ALIGNMENT) + bytes);
  for (const t of tensors) {
    if (!t.isConst) continue;
    place(tensorBytes(t));
    if (t.quant.channelScales) place(t.quant.channelScales.length * 4);
  }
  const own = m.graph.ops.map(constBytes);
  const weights = own.reduce((a, c) => a + c.weights, 0);
  const quantParams = own.reduce((a, c) => a + c.quantParams, 0);
  return { weights, quantParams, graph: alignTo(end, TABLE_ALIGNMENT) - weights - quantParams };
}

function layerRows(m: ImportedModel, stats: LayerStats[]): LayerRow[] {
  const { graph, layers } = m;
  const operatorOf = (engineOp: number) => layers.find((l) => l.engineOps.includes(engineOp))!.operatorIndex;
  return layers.map((layer) => {
    const first = layer.engineOps[0]!;
    const last = layer.engineOps[layer.engineOps.length - 1]!;
    const own = layer.engineOps.map((i) => stats[i]!);
    const sum = (f: (s: LayerStats) => number) => own.reduce((a, s) => a + f(s), 0);
    const stored = layer.engineOps.map((i) => constBytes(graph.ops[i]!));
    const output = graph.ops[last]!.output;
    const id = graph.tensors.indexOf(output);
    return {
      operatorIndex: layer.operatorIndex,
      op: layer.opName,
      kernel: stats[last]!.kernel,
      inputShape: stats[first]!.inputShape,
      outputShape: [...output.shape],
      macs: sum((s) => s.macs),
      weightBytes: stored.reduce((a, c) => a + c.weights, 0),
      quantParamBytes: stored.reduce((a, c) => a + c.quantParams, 0),
      outputBytes: tensorBytes(output),
      firstUse: operatorOf(graph.firstUse[id]!),
      lastUse: operatorOf(graph.lastUse[id]!),
    };
  });
}

/** The report of an imported model. */
export function reportOf(m: ImportedModel, name: string, footprint: EngineFootprint): ModelReport {
  const stats = m.graph.ops.map((_, i) => m.graph.layerStats(i));
  const g = m.graph.stats();
  const flash = { ...flashOf(m), code: footprint.codeBytes };
  const sram = {
    arena: g.plannedBytes,
    persistent: g.persistentBytes,
    runtime: loaderPoolBytes(m.graph) + footprint.runtimeBytes,
    stack: footprint.stackBytes,
  };
  const modelFlashBytes = flash.weights + flash.quantParams + flash.graph;
  const work = stats.map(opWorkFromLayer);
  const boards = BOARDS.map((board) => ({
    boardId: board.id,
    boardName: board.name,
    fit: fitsBoard(board, {
      modelFlashBytes,
      codeBytes: flash.code,
      staticRamBytes: sram.arena + sram.persistent + sram.runtime,
      stackBytes: sram.stack,
      heapBytes: 0,
    }),
    latencyMs: Object.fromEntries(KERNEL_VARIANTS.map((k) => [k, estimateLatency(work, board, k).ms])) as Record<
      KernelVariant,
      number
    >,
  }));
  return {
    name,
    layers: layerRows(m, stats),
    totals: { ops: m.layers.length, macs: g.macs, flashBytes: modelFlashBytes, arenaBytes: g.arenaBytes },
    memory: { sram, flash },
    boards,
    footprint,
  };
}

/** Imports a .tflite file and reports its cost on every board profile. Throws TfliteError for a bad file. */
export function analyzeTflite(bytes: Uint8Array, options: { name: string; footprint: EngineFootprint }): ModelReport {
  return reportOf(importTflite(bytes), options.name, options.footprint);
}
