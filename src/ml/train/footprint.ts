// footprint.ts — what an MLP architecture costs the board before any training: the int8 model's flash (weights,
// biases, per-channel scales) and its planned arena, from the same TS graph twin and greedy planner the firmware's
// figures are checked against, and the per-op work the cycle model estimates latency from.
import { opWorkFromLayer, type OpWork } from '../cycles/cycleModel';
import { IMAGE_BYTES, NUM_CLASSES } from '../mnist/dataset';
import { buildInt8Graph, SOFTMAX_OUTPUT, type Int8Mlp } from '../mlp/int8Mlp';

export interface Footprint {
  macs: number;
  /** Const model data (flash), bytes. */
  flashBytes: number;
  /** Planned activations + persistent per-op data, bytes. */
  arenaBytes: number;
  ops: OpWork[];
}

/** The per-op work of a built graph, as the cycle model takes it (the same figures opsFromLayers reads). */
export function opsOfGraph(graph: ReturnType<typeof buildInt8Graph>): OpWork[] {
  return graph.layerStats().map(opWorkFromLayer);
}

export function footprintOf(graph: ReturnType<typeof buildInt8Graph>): Footprint {
  const s = graph.stats();
  return { macs: s.macs, flashBytes: s.flashBytes, arenaBytes: s.arenaBytes, ops: opsOfGraph(graph) };
}

/** An untrained per-channel int8 MLP of the given shape: sizes are all the planner and the stats depend on. */
function shapedModel(hidden: readonly number[]): Int8Mlp {
  const widths = [IMAGE_BYTES, ...hidden, NUM_CLASSES];
  return {
    name: 'footprint',
    input: { scale: 1 / 255, zeroPoint: -128, depth: IMAGE_BYTES },
    layers: widths.slice(1).map((units, i) => ({
      units,
      depth: widths[i]!,
      activation: i < hidden.length ? 'relu' : 'none',
      weights: new Int8Array(units * widths[i]!),
      weightScales: new Float32Array(units).fill(0.01),
      bias: new Int32Array(units),
      output: { scale: 0.1, zeroPoint: i < hidden.length ? -128 : 0 },
    })),
    softmax: { ...SOFTMAX_OUTPUT },
  };
}

export function architectureFootprint(hidden: readonly number[]): Footprint {
  return footprintOf(buildInt8Graph(shapedModel(hidden)));
}
