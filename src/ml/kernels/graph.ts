// graph.ts — the TS twin of wasm/nn/include/nn/graph.h + wasm/nn/src/graph.cc: ops in execution order over tensors, lifetimes from the op
// order, an arena (one ArrayBuffer) planned by linear or greedy strategy, and the same per-layer and total figures
// the firmware reports (LayerStats / GraphStats).

import { Context, type Op } from './ops';
import { ARENA_ALIGNMENT, alignUp, plan, type PlannerStrategy } from './planner';
import { flatSize, tensorBytes, type Tensor } from './tensor';

export interface LayerStats {
  op: string;
  kernel: string;
  inputShape: number[];
  outputShape: number[];
  /**
   * Shape of the op's const weights (input 1), e.g. [Cout, KH, KW, Cin] for Conv2D; [] when it has none. TS only:
   * the firmware's LayerStats and telemetry do not carry it (the cycle model's opsFromLayers does without).
   */
  filterShape: number[];
  macs: number;
  outputElements: number;
  weightBytes: number;
  biasBytes: number;
  scaleBytes: number;
  multiplierBytes: number;
  quantParamBytes: number;
  persistentBytes: number;
  activationBytes: number;
  liveBytes: number;
}

export interface GraphStats {
  numLayers: number;
  macs: number;
  weightBytes: number;
  biasBytes: number;
  scaleBytes: number;
  multiplierBytes: number;
  quantParamBytes: number;
  flashBytes: number;
  plannedBytes: number;
  persistentBytes: number;
  arenaBytes: number;
  unplannedBytes: number;
  peakLiveBytes: number;
  planner: PlannerStrategy;
}

export class Graph {
  readonly ops: readonly Op[];
  readonly strategy: PlannerStrategy;
  tensors: Tensor[] = [];
  firstUse: number[] = [];
  lastUse: number[] = [];
  offsets: number[] = [];
  arena: ArrayBuffer | null = null;
  private opPersistent: number[] = [];
  private persistentBytes = 0;
  private plannedBytes = 0;
  private prepared = false;

  constructor(ops: readonly Op[], strategy: PlannerStrategy = 'greedy') {
    this.ops = ops;
    this.strategy = strategy;
  }

  /**
   * Validates and prepares every op, plans the arena and points activation tensors into it. Throws on error, and
   * before allocating an arena (planned activations + persistent data) larger than `maxArenaBytes`.
   */
  prepare(maxArenaBytes = Infinity): void {
    this.prepared = false;
    const ctx = new Context();
    const index = new Map<Tensor, number>();
    const produced: boolean[] = [];
    this.tensors = [];
    this.firstUse = [];
    this.lastUse = [];
    const add = (t: Tensor | null, opIndex: number, isOutput: boolean): void => {
      if (!t || t.isConst) return;
      let id = index.get(t);
      if (id === undefined) {
        id = this.tensors.length;
        index.set(t, id);
        this.tensors.push(t);
        produced.push(false);
        this.firstUse.push(0);
        this.lastUse.push(-1);
      }
      if (isOutput) {
        if (produced[id]) ctx.fail('tensor produced by two ops');
        if (this.lastUse[id]! >= 0) ctx.fail('tensor consumed before it is produced (ops out of order)');
        produced[id] = true;
        this.firstUse[id] = opIndex;
        this.lastUse[id] = Math.max(this.lastUse[id]!, opIndex);
      } else if (opIndex > this.lastUse[id]!) {
        this.lastUse[id] = opIndex;
      }
    };
    this.ops.forEach((op, i) => {
      ctx.beginOp(op.name, i);
      op.inputs.forEach((t) => add(t, i, false));
      if (op.output.isConst) ctx.fail('output must not be const');
      add(op.output, i, true);
    });
    ctx.beginOp('Graph', -1);
    const lastOp = Math.max(0, this.ops.length - 1);
    this.tensors.forEach((t, id) => {
      const consumedAfterProduction = this.lastUse[id]! > this.firstUse[id]!;
      if (t.keepAlive || (produced[id] && !consumedAfterProduction)) this.lastUse[id] = lastOp;
    });

    this.opPersistent = this.ops.map((op, i) => {
      ctx.beginOp(op.name, i);
      const before = ctx.persistentBytes;
      op.prepare(ctx);
      return ctx.persistentBytes - before;
    });
    this.persistentBytes = ctx.persistentBytes;

    const buffers = this.tensors.map((t, id) => ({
      size: tensorBytes(t),
      firstUse: this.firstUse[id]!,
      lastUse: this.lastUse[id]!,
    }));
    const result = plan(this.strategy, buffers);
    this.offsets = result.offsets;
    this.plannedBytes = alignUp(result.requiredBytes, ARENA_ALIGNMENT);
    if (this.plannedBytes + this.persistentBytes > maxArenaBytes) {
      ctx.beginOp('Graph', -1);
      ctx.fail(
        `arena needs ${this.plannedBytes + this.persistentBytes} bytes (${this.plannedBytes} activations + ` +
          `${this.persistentBytes} persistent), at most ${maxArenaBytes} supported`,
      );
    }
    const arena = new ArrayBuffer(Math.max(this.plannedBytes, ARENA_ALIGNMENT));
    this.arena = arena;
    this.tensors.forEach((t, id) => {
      const offset = this.offsets[id]!;
      const n = flatSize(t.shape);
      t.data =
        t.dtype === 'int8'
          ? new Int8Array(arena, offset, n)
          : t.dtype === 'int32'
            ? new Int32Array(arena, offset, n)
            : new Float32Array(arena, offset, n);
    });
    this.prepared = true;
  }

  invoke(): void {
    if (!this.prepared) throw new Error('Graph: invoke before a successful prepare');
    for (const op of this.ops) op.eval();
  }

  layerStats(i: number): LayerStats {
    const op = this.ops[i]!;
    const s = op.stats();
    const weights = op.inputs[1];
    let activationBytes = 0;
    for (const t of op.inputs) if (t && !t.isConst) activationBytes += tensorBytes(t);
    activationBytes += tensorBytes(op.output);
    let liveBytes = 0;
    this.tensors.forEach((t, id) => {
      if (this.firstUse[id]! <= i && i <= this.lastUse[id]!) liveBytes += tensorBytes(t);
    });
    return {
      op: op.name,
      kernel: s.kernel,
      inputShape: op.inputs[0] ? [...op.inputs[0].shape] : [],
      outputShape: [...op.output.shape],
      filterShape: weights?.isConst ? [...weights.shape] : [],
      macs: s.macs,
      outputElements: flatSize(op.output.shape),
      weightBytes: s.weightBytes,
      biasBytes: s.biasBytes,
      scaleBytes: s.scaleBytes,
      multiplierBytes: s.multiplierBytes,
      quantParamBytes: s.biasBytes + s.scaleBytes + s.multiplierBytes,
      persistentBytes: this.prepared ? this.opPersistent[i]! : 0,
      activationBytes,
      liveBytes,
    };
  }

  stats(): GraphStats {
    const layers = this.ops.map((_, i) => this.layerStats(i));
    const sum = (f: (l: LayerStats) => number): number => layers.reduce((a, l) => a + f(l), 0);
    const weightBytes = sum((l) => l.weightBytes);
    const biasBytes = sum((l) => l.biasBytes);
    const scaleBytes = sum((l) => l.scaleBytes);
    const plannedBytes = this.prepared ? this.plannedBytes : 0;
    const persistentBytes = this.prepared ? this.persistentBytes : 0;
    return {
      numLayers: this.ops.length,
      macs: sum((l) => l.macs),
      weightBytes,
      biasBytes,
      scaleBytes,
      multiplierBytes: sum((l) => l.multiplierBytes),
      quantParamBytes: sum((l) => l.quantParamBytes),
      flashBytes: weightBytes + biasBytes + scaleBytes,
      plannedBytes,
      persistentBytes,
      arenaBytes: plannedBytes + persistentBytes,
      unplannedBytes: this.tensors.reduce((a, t) => a + tensorBytes(t), 0),
      peakLiveBytes: layers.reduce((a, l) => Math.max(a, l.liveBytes), 0),
      planner: this.strategy,
    };
  }
}
