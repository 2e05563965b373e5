// importer.ts — importTflite: a .tflite model as a prepared engine Graph (src/ml/kernels). Every operator is mapped
// first; if any cannot run, one TfliteError lists them all (nothing half-runs). Then the graph is prepared, and an
// engine check that fails is reported against the .tflite operator it came from.
import { Graph } from '../kernels/graph';
import type { Op } from '../kernels/ops';
import type { Tensor } from '../kernels/tensor';
import { TfliteError } from './errors';
import { MAPPERS, Unsupported, type TensorPool } from './operators';
import { readTflite, type TfliteModel } from './reader';
import { engineTensor, type TensorRole } from './tensors';

export interface ImportedLayer {
  operatorIndex: number;
  opName: string;
  /** Indices into graph.ops. */
  engineOps: number[];
}

export interface ImportedModel {
  model: TfliteModel;
  /** Prepared (arena planned); tensors keep their .tflite index in `tfliteIndex`. */
  graph: Graph;
  inputs: Tensor[];
  outputs: Tensor[];
  layers: ImportedLayer[];
}

/**
 * The largest arena importTflite plans and allocates: six times the SRAM of the largest board profile (640 KB), so
 * a model too large for every board is still reported, and a hostile file cannot make the importer allocate more.
 */
export const MAX_IMPORT_ARENA_BYTES = 4 * 1024 * 1024;

class Pool implements TensorPool {
  private readonly made = new Map<number, { tensor: Tensor; role: TensorRole }>();
  constructor(private readonly model: TfliteModel) {}

  get(index: number, role: TensorRole): Tensor {
    const known = this.made.get(index);
    if (known) {
      if (known.role !== role) throw new Unsupported(`tensor ${index} is used as ${known.role} and as ${role}`);
      return known.tensor;
    }
    const t = engineTensor(this.model, this.model.tensors[index]!, role);
    if (typeof t === 'string') throw new Unsupported(t);
    this.made.set(index, { tensor: t, role });
    return t;
  }

  derived(like: Tensor, shape: number[], suffix: string): Tensor {
    const t: Tensor = { ...like, name: `${like.name}/${suffix}`, shape, data: null, isConst: false };
    delete t.tfliteIndex;
    return t;
  }
}

function mapOperators(model: TfliteModel): { ops: Op[]; layers: ImportedLayer[]; pool: Pool } {
  const pool = new Pool(model);
  const ops: Op[] = [];
  const layers: ImportedLayer[] = [];
  const problems: string[] = [];
  for (const op of model.operators) {
    const what = `operator ${op.index} (${op.opName})`;
    const mapper = MAPPERS[op.opName];
    if (!mapper) {
      problems.push(`${what} is not supported`);
      continue;
    }
    try {
      const made = mapper({ model, op, tensors: pool });
      layers.push({ operatorIndex: op.index, opName: op.opName, engineOps: made.map((_, k) => ops.length + k) });
      ops.push(...made);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      problems.push(`${what}: ${e.message}`);
    }
  }
  if (problems.length === 1) throw new TfliteError(problems[0]!);
  if (problems.length > 1) {
    throw new TfliteError(`${problems.length} operators cannot be imported:\n${problems.join('\n')}`);
  }
  if (ops.length === 0) throw new TfliteError('the model has no operators');
  return { ops, layers, pool };
}

function graphTensors(model: TfliteModel, pool: TensorPool, list: number[], what: string): Tensor[] {
  return list.map((index) => {
    const t = model.tensors[index]!;
    const role: TensorRole = t.type === 'float32' ? 'float' : t.type === 'int32' ? 'index' : 'activation';
    try {
      return pool.get(index, role);
    } catch (e) {
      if (e instanceof Unsupported) throw new TfliteError(`${what}: ${e.message}`);
      throw e;
    }
  });
}

/**
 * The data flow the subgraph declares: every activation an operator reads is a graph input or written by an earlier
 * operator, no operator writes a graph input, every graph output is written (or is an input).
 */
function checkWiring(m: Omit<ImportedModel, 'model'>): void {
  const available = new Set<Tensor>(m.inputs);
  const name = (t: Tensor) => (t.tfliteIndex !== undefined ? `tensor ${t.tfliteIndex}` : `tensor ${t.name}`);
  m.layers.forEach((layer) => {
    const what = `operator ${layer.operatorIndex} (${layer.opName})`;
    for (const i of layer.engineOps) {
      const op = m.graph.ops[i]!;
      for (const t of op.inputs) {
        if (t && !t.isConst && !available.has(t)) {
          throw new TfliteError(`${what} reads ${name(t)}, which is neither a graph input nor written before it`);
        }
      }
      if (m.inputs.includes(op.output)) throw new TfliteError(`${what} writes graph input ${name(op.output)}`);
      available.add(op.output);
    }
  });
  for (const t of m.outputs) if (!available.has(t)) throw new TfliteError(`graph output ${name(t)} is never written`);
}

/** The .tflite operator behind an engine error "<Op>#<engine op index>: <message>". */
function operatorError(e: unknown, layers: readonly ImportedLayer[]): TfliteError {
  const message = e instanceof Error ? e.message : String(e);
  const m = /^\w+#(\d+): ([\s\S]*)$/.exec(message);
  const layer = m ? layers.find((l) => l.engineOps.includes(Number(m[1]))) : undefined;
  return new TfliteError(layer ? `operator ${layer.operatorIndex} (${layer.opName}): ${m![2]}` : message);
}

/** A .tflite model as a prepared engine graph. Throws TfliteError for anything unreadable or unsupported. */
export function importTflite(bytes: Uint8Array): ImportedModel {
  const model = readTflite(bytes);
  const { ops, layers, pool } = mapOperators(model);
  const inputs = graphTensors(model, pool, model.inputs, 'graph input');
  const outputs = graphTensors(model, pool, model.outputs, 'graph output');
  if (inputs.length === 0 || outputs.length === 0) throw new TfliteError('the subgraph has no inputs or no outputs');
  for (const t of outputs) t.keepAlive = true;
  const graph = new Graph(ops);
  checkWiring({ graph, inputs, outputs, layers });
  try {
    graph.prepare(MAX_IMPORT_ARENA_BYTES);
  } catch (e) {
    throw operatorError(e, layers);
  }
  return { model, graph, inputs, outputs, layers };
}
