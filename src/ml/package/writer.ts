// writer.ts — writePackage: a TS reference graph (src/ml/kernels) as a model package, with self-test vectors whose
// expected outputs the TS engine computes on the graph exactly as the package's reader rebuilds it.
import type { Graph } from '../kernels/graph';
import { dtypeCode, type Tensor, type TensorData } from '../kernels/tensor';
import { recordOf, type OpRecord } from './opRecords';
import {
  CONST_ALIGNMENT,
  HEADER,
  LIMITS,
  OP,
  PACKAGE_MAGIC,
  PACKAGE_VERSION,
  TABLE_ALIGNMENT,
  TENSOR,
  alignTo,
  ioTableBytes,
} from './packageFormat';
import { buildGraph, readStructure, type PackageStructure } from './reader';
import { writeRecord } from './records';
import { bytesOf, invokeBytes } from './selfTest';

export interface WritePackageOptions {
  /** Self-test vectors: per vector, one array per graph input (its dtype and element count). */
  selfTestInputs: readonly (readonly TensorData[])[];
  /** Graph inputs; default: the activations some op reads and none produces, in order of first use. */
  inputs?: readonly Tensor[];
  /** Graph outputs; default: the activations produced and never read, and those marked keepAlive. */
  outputs?: readonly Tensor[];
}

interface Parts {
  tensors: readonly Tensor[];
  records: readonly OpRecord[];
  inputs: readonly number[];
  outputs: readonly number[];
  arenaBytes: number;
  numSelfTests: number;
  selfTest: Uint8Array;
}

function encode(p: Parts): Uint8Array {
  const tensorTableOffset = HEADER.bytes;
  const opTableOffset = tensorTableOffset + p.tensors.length * TENSOR.bytes;
  const ioTableOffset = opTableOffset + p.records.length * OP.bytes;
  const constDataOffset = alignTo(ioTableOffset + ioTableBytes(p.inputs.length, p.outputs.length), CONST_ALIGNMENT);
  // Const blobs: each tensor's data, then its per-channel scales, every one 16-byte aligned.
  const blobs: { at: number; bytes: Uint8Array }[] = [];
  let cursor = 0;
  const place = (bytes: Uint8Array) => {
    cursor = alignTo(cursor, CONST_ALIGNMENT);
    blobs.push({ at: cursor, bytes });
    const at = cursor;
    cursor += bytes.length;
    return at;
  };
  const records = p.tensors.map((t, i) => {
    if (t.shape.length > 4) throw new Error(`writePackage: tensor ${i} (${t.name}) has rank ${t.shape.length} (max 4)`);
    const perChannel = t.isConst && !!t.quant.channelScales;
    const dataBytes = t.isConst && t.data ? bytesOf(t.data) : null;
    const dataOffset = dataBytes ? place(dataBytes) : 0;
    const scalesOffset = perChannel ? place(bytesOf(t.quant.channelScales!)) : 0;
    return {
      dtype: dtypeCode(t.dtype),
      rank: t.shape.length,
      storage: t.isConst ? 1 : 0,
      quantType: perChannel ? 1 : 0,
      dims: [0, 1, 2, 3].map((d) => t.shape[d] ?? 0),
      scale: perChannel ? 0 : t.quant.scale,
      zeroPoint: perChannel ? 0 : t.quant.zeroPoint,
      quantAxis: perChannel ? (t.quant.axis ?? 0) : 0,
      numChannels: perChannel ? t.quant.channelScales!.length : 0,
      scalesOffset,
      dataOffset,
      dataBytes: dataBytes ? dataBytes.length : 0,
    };
  });
  const constDataBytes = cursor;
  const selfTestOffset = alignTo(constDataOffset + constDataBytes, TABLE_ALIGNMENT);
  const total = selfTestOffset + p.selfTest.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  writeRecord(view, 0, HEADER, {
    magic: PACKAGE_MAGIC,
    version: PACKAGE_VERSION,
    headerBytes: HEADER.bytes,
    totalBytes: total,
    flags: 0,
    numTensors: p.tensors.length,
    numOps: p.records.length,
    numInputs: p.inputs.length,
    numOutputs: p.outputs.length,
    tensorTableOffset,
    opTableOffset,
    ioTableOffset,
    constDataOffset,
    constDataBytes,
    arenaBytes: p.arenaBytes,
    numSelfTests: p.numSelfTests,
    reserved0: 0,
    selfTestOffset,
    selfTestBytes: p.selfTest.length,
    reserved1: 0,
  });
  records.forEach((r, i) => writeRecord(view, tensorTableOffset + i * TENSOR.bytes, TENSOR, r));
  p.records.forEach((r, i) => writeRecord(view, opTableOffset + i * OP.bytes, OP, { ...r }));
  [...p.inputs, ...p.outputs].forEach((idx, k) => view.setUint16(ioTableOffset + 2 * k, idx, true));
  for (const b of blobs) out.set(b.bytes, constDataOffset + b.at);
  out.set(p.selfTest, selfTestOffset);
  return out;
}

/** The graph's tensors in order of first appearance (each op's inputs, then its output): the package's tensor table. */
export function tensorsOf(graph: Graph): Tensor[] {
  const seen = new Set<Tensor>();
  for (const op of graph.ops) for (const t of [...op.inputs, op.output]) if (t) seen.add(t);
  return [...seen];
}

function defaultInputs(graph: Graph): Tensor[] {
  const produced = new Set(graph.ops.map((op) => op.output));
  const inputs = new Set<Tensor>();
  for (const op of graph.ops) for (const t of op.inputs) if (t && !t.isConst && !produced.has(t)) inputs.add(t);
  return [...inputs];
}

function defaultOutputs(graph: Graph): Tensor[] {
  const read = new Set(graph.ops.flatMap((op) => op.inputs));
  return graph.ops.map((op) => op.output).filter((t) => !read.has(t) || t.keepAlive);
}

/** Serializes the graph; throws if the graph or a self-test input does not fit the package format. */
export function writePackage(graph: Graph, options: WritePackageOptions): Uint8Array {
  const tensors = tensorsOf(graph);
  const index = (t: Tensor) => tensors.indexOf(t);
  const parts: Parts = {
    tensors,
    records: graph.ops.map((op) => recordOf(op, index)),
    inputs: (options.inputs ?? defaultInputs(graph)).map(index),
    outputs: (options.outputs ?? defaultOutputs(graph)).map(index),
    arenaBytes: 0,
    numSelfTests: 0,
    selfTest: new Uint8Array(0),
  };
  if (parts.inputs.includes(-1) || parts.outputs.includes(-1))
    throw new Error('writePackage: a graph input or output is not a tensor of the graph');
  const vectors = options.selfTestInputs.length;
  if (vectors < 1 || vectors > LIMITS.maxSelfTests)
    throw new Error(`writePackage: ${vectors} self-test vectors (must be 1..${LIMITS.maxSelfTests})`);
  let draft: PackageStructure;
  let built: Graph;
  try {
    draft = readStructure(encode(parts), true);
    built = buildGraph(draft);
  } catch (e) {
    throw new Error(`writePackage: ${(e as Error).message}`, { cause: e });
  }
  const model = {
    graph: built,
    inputs: draft.inputs.map((i) => draft.tensors[i]!),
    outputs: draft.outputs.map((i) => draft.tensors[i]!),
  };
  const chunks: Uint8Array[] = [];
  options.selfTestInputs.forEach((vector, v) => {
    if (vector.length !== model.inputs.length)
      throw new Error(
        `writePackage: self-test vector ${v} has ${vector.length} inputs, the graph ${model.inputs.length}`,
      );
    const inputBytes = vector.map((d, k) => {
      const t = model.inputs[k]!;
      if (d.constructor !== t.data!.constructor || d.length !== t.data!.length)
        throw new Error(`writePackage: self-test vector ${v} input ${k} must be ${t.dtype}[${t.data!.length}]`);
      return bytesOf(d);
    });
    const joined = concat(inputBytes);
    chunks.push(joined, invokeBytes(model, joined));
  });
  const body = encode({
    ...parts,
    arenaBytes: built.stats().arenaBytes,
    numSelfTests: vectors,
    selfTest: concat(chunks),
  });
  try {
    readStructure(body); // what only the finished package can break: the declared arena's limit
  } catch (e) {
    throw new Error(`writePackage: ${(e as Error).message}`, { cause: e });
  }
  return body;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
