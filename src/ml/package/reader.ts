// reader.ts — readPackage: validates a model package as the firmware's loader does (wasm/nn/src/model_loader.cc, the
// same checks in the same order with the same messages) and rebuilds the graph with the TS reference engine.
// Anything a hostile file can get wrong ends in a PackageError, never in an exception from deeper down or a hang.
import { Graph } from '../kernels/graph';
import { dtypeSize, flatSize, tensorBytes, type Tensor, type TensorData } from '../kernels/tensor';
import { opOf, type OpRecord } from './opRecords';
import {
  CONST_ALIGNMENT,
  DTYPES,
  HEADER,
  LIMITS,
  NO_TENSOR,
  OP,
  OPS,
  PACKAGE_MAGIC,
  PACKAGE_VERSION,
  PADDINGS,
  ACTIVATIONS,
  PARAM_FIELDS,
  TABLE_ALIGNMENT,
  TENSOR,
  ioTableBytes,
  type OpParam,
} from './packageFormat';
import { rawBits, readRecord } from './records';

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export interface SelfTestVector {
  /** The graph inputs' bytes, concatenated in io-table order. */
  inputs: Uint8Array;
  /** The graph outputs' expected bytes, concatenated in io-table order. */
  expected: Uint8Array;
}

export interface ModelPackage {
  /** Prepared: write the inputs' data, invoke, read the outputs' data. */
  graph: Graph;
  tensors: Tensor[];
  inputs: Tensor[];
  outputs: Tensor[];
  /** Arena bytes the package declares (at least what the graph needs). */
  arenaBytes: number;
  selfTests: SelfTestVector[];
}

export interface ReadPackageOptions {
  /** The arena the device offers; a package declaring more is refused. Default LIMITS.maxArenaBytes. */
  arenaBytes?: number;
}

/** Header, tables and const data checked; the graph not yet built. `selfTests` is empty while a writer drafts. */
export interface PackageStructure {
  tensors: Tensor[];
  records: OpRecord[];
  inputs: number[];
  outputs: number[];
  arenaBytes: number;
  numSelfTests: number;
  selfTestOffset: number;
  selfTestBytes: number;
}

const fail = (message: string): never => {
  throw new PackageError(message);
};

const isFiniteNonNegative = (v: number) => Number.isFinite(v) && v >= 0;
const isFinitePositive = (v: number) => Number.isFinite(v) && v > 0;

function hex8(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
}

function checkSection(name: string, offset: number, bytes: number, after: number, align: number, total: number) {
  if (offset % align !== 0) fail(`${name} offset ${offset} is not ${align}-byte aligned`);
  if (offset < after) fail(`${name} at ${offset} overlaps what precedes it (ends at ${after})`);
  if (offset + bytes > total) fail(`${name} (${bytes} bytes at ${offset}) runs past the package end (${total})`);
  return offset + bytes;
}

function checkCount(what: string, n: number, min: number, max: number) {
  if (n < min || n > max) fail(`${n} ${what} (must be ${min}..${max})`);
}

/** Validates header, sections, tensor and op tables, io table and the graph's wiring; builds the tensors. */
export function readStructure(body: Uint8Array, draft = false): PackageStructure {
  const bytes = new Uint8Array(body); // own, aligned copy: const data is viewed in place
  const view = new DataView(bytes.buffer);
  const size = bytes.length;
  if (size < HEADER.bytes) fail(`package is ${size} bytes, shorter than its ${HEADER.bytes}-byte header`);
  const h = readRecord(view, 0, HEADER) as Record<string, number>;
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== PACKAGE_MAGIC) fail(`bad magic 0x${hex8(bytes)} (expected "${PACKAGE_MAGIC}")`);
  if (h.version !== PACKAGE_VERSION)
    fail(`unsupported format version ${h.version} (this reader reads ${PACKAGE_VERSION})`);
  if (h.headerBytes !== HEADER.bytes) fail(`header size ${h.headerBytes}, expected ${HEADER.bytes}`);
  if (h.totalBytes !== size) fail(`package says ${h.totalBytes} bytes, got ${size}`);
  for (const r of ['flags', 'reserved0', 'reserved1']) if (h[r] !== 0) fail(`reserved header field ${r} is not 0`);
  checkCount('tensors', h.numTensors!, 1, LIMITS.maxTensors);
  checkCount('ops', h.numOps!, 1, LIMITS.maxOps);
  checkCount('graph inputs', h.numInputs!, 1, LIMITS.maxInputs);
  checkCount('graph outputs', h.numOutputs!, 1, LIMITS.maxOutputs);
  if (!draft) checkCount('self-test vectors', h.numSelfTests!, 1, LIMITS.maxSelfTests);
  if (h.arenaBytes! > LIMITS.maxArenaBytes)
    fail(`package declares ${h.arenaBytes} arena bytes (limit ${LIMITS.maxArenaBytes})`);
  if (h.arenaBytes! % CONST_ALIGNMENT !== 0)
    fail(`package declares ${h.arenaBytes} arena bytes, not a multiple of ${CONST_ALIGNMENT}`);

  let end = checkSection(
    'tensor table',
    h.tensorTableOffset!,
    h.numTensors! * TENSOR.bytes,
    HEADER.bytes,
    TABLE_ALIGNMENT,
    size,
  );
  end = checkSection('op table', h.opTableOffset!, h.numOps! * OP.bytes, end, TABLE_ALIGNMENT, size);
  end = checkSection(
    'io table',
    h.ioTableOffset!,
    ioTableBytes(h.numInputs!, h.numOutputs!),
    end,
    TABLE_ALIGNMENT,
    size,
  );
  end = checkSection('const data', h.constDataOffset!, h.constDataBytes!, end, CONST_ALIGNMENT, size);
  checkSection('self-test section', h.selfTestOffset!, h.selfTestBytes!, end, 1, size);

  const constBase = h.constDataOffset!;
  const constBytes = h.constDataBytes!;
  const inConst = (offset: number, n: number) => offset % CONST_ALIGNMENT === 0 && offset + n <= constBytes;
  let activations = 0;
  const tensors: Tensor[] = [];
  for (let i = 0; i < h.numTensors!; i++) {
    const t = readRecord(view, h.tensorTableOffset! + i * TENSOR.bytes, TENSOR) as Record<string, number> & {
      dims: number[];
    };
    const what = `tensor ${i}`;
    if (t.dtype! >= DTYPES.length) fail(`${what}: unknown dtype code ${t.dtype}`);
    if (t.rank! > 4) fail(`${what}: rank ${t.rank} (max 4)`);
    if (t.storage! > 1) fail(`${what}: unknown storage code ${t.storage}`);
    if (t.quantType! > 1) fail(`${what}: unknown quantization type ${t.quantType}`);
    const dims = t.dims;
    let elements = 1;
    for (let d = 0; d < 4; d++) {
      if (d < t.rank!) {
        if (dims[d]! < 1 || dims[d]! > LIMITS.maxDim)
          fail(`${what}: dimension ${d} is ${dims[d]} (1..${LIMITS.maxDim})`);
        elements *= dims[d]!;
      } else if (dims[d] !== 0) {
        fail(`${what}: unused dimension ${d} is not 0`);
      }
    }
    if (elements > LIMITS.maxElements) fail(`${what}: ${elements} elements (limit ${LIMITS.maxElements})`);
    const dtype = DTYPES[t.dtype!]!;
    const isConst = t.storage === 1;
    if (!isFiniteNonNegative(t.scale!)) fail(`${what}: scale ${t.scale} is not a finite number >= 0`);
    if (t.zeroPoint! < -128 || t.zeroPoint! > 127) fail(`${what}: zero point ${t.zeroPoint} outside [-128, 127]`);
    let channelScales: Float32Array | undefined;
    if (t.quantType === 0) {
      if (t.quantAxis !== 0 || t.numChannels !== 0 || t.scalesOffset !== 0)
        fail(`${what}: per-tensor quantization with per-channel fields set`);
    } else {
      if (!isConst || dtype !== 'int8') fail(`${what}: per-channel quantization needs a const int8 tensor`);
      if (t.scale !== 0 || t.zeroPoint !== 0) fail(`${what}: per-channel tensor with a per-tensor scale or zero point`);
      if (t.quantAxis! < 0 || t.quantAxis! >= t.rank!) fail(`${what}: channel axis ${t.quantAxis} out of range`);
      if (t.numChannels !== dims[t.quantAxis!])
        fail(`${what}: ${t.numChannels} channel scales, dimension ${t.quantAxis} is ${dims[t.quantAxis!]}`);
      if (!inConst(t.scalesOffset!, 4 * t.numChannels!))
        fail(`${what}: channel scales at ${t.scalesOffset} misaligned or outside the const data`);
      channelScales = new Float32Array(bytes.buffer, constBase + t.scalesOffset!, t.numChannels!);
      const bad = channelScales.findIndex((s) => !isFinitePositive(s));
      if (bad >= 0) fail(`${what}: channel scale ${bad} is not a finite number > 0`);
    }
    let data: TensorData | null = null;
    if (isConst) {
      if (t.dataBytes !== elements * dtypeSize(dtype))
        fail(`${what}: ${t.dataBytes} data bytes for ${elements} ${dtype} elements`);
      if (!inConst(t.dataOffset!, t.dataBytes!))
        fail(`${what}: data at ${t.dataOffset} misaligned or outside the const data`);
      const at = constBase + t.dataOffset!;
      data =
        dtype === 'int8'
          ? new Int8Array(bytes.buffer, at, elements)
          : dtype === 'int32'
            ? new Int32Array(bytes.buffer, at, elements)
            : new Float32Array(bytes.buffer, at, elements);
    } else {
      if (t.dataOffset !== 0 || t.dataBytes !== 0) fail(`${what}: activation with const data`);
      activations++;
    }
    tensors.push({
      name: `t${i}`,
      dtype,
      shape: dims.slice(0, t.rank),
      quant: channelScales
        ? { scale: channelScales[0]!, zeroPoint: 0, channelScales, axis: t.quantAxis }
        : { scale: t.scale!, zeroPoint: t.zeroPoint! },
      data,
      isConst,
    });
  }
  if (activations > LIMITS.maxActivations) fail(`${activations} activation tensors (limit ${LIMITS.maxActivations})`);

  const records: OpRecord[] = [];
  for (let i = 0; i < h.numOps!; i++) {
    const base = h.opTableOffset! + i * OP.bytes;
    const r = readRecord(view, base, OP) as unknown as OpRecord;
    if (r.opcode >= OPS.length) fail(`op ${i}: unknown opcode ${r.opcode}`);
    const spec = OPS[r.opcode]!;
    const what = `op ${i} (${spec.name})`;
    if (r.reserved !== 0) fail(`${what}: reserved field is not 0`);
    for (let k = 0; k < 3; k++) {
      const idx = r.inputs[k]!;
      const slot = spec.inputs[k];
      if (!slot) {
        if (idx !== NO_TENSOR) fail(`${what}: input slot ${k} is unused but names tensor ${idx}`);
      } else if (idx === NO_TENSOR) {
        if (!slot.optional) fail(`${what}: ${slot.name} is missing`);
      } else if (idx >= h.numTensors!) {
        fail(`${what}: ${slot.name} names tensor ${idx}, the package has ${h.numTensors}`);
      }
    }
    if (r.output >= h.numTensors!) fail(`${what}: output names tensor ${r.output}, the package has ${h.numTensors}`);
    if (tensors[r.output]!.isConst) fail(`${what}: output tensor ${r.output} is const`);
    for (const p of Object.keys(PARAM_FIELDS) as OpParam[]) {
      const used = spec.params.includes(p);
      for (const f of PARAM_FIELDS[p]) {
        if (!used && rawBits(view, base, OP, f) !== 0) fail(`${what}: unused field ${f} is not 0`);
      }
    }
    if (spec.params.includes('activation') && r.activation >= ACTIVATIONS.length)
      fail(`${what}: unknown activation code ${r.activation}`);
    if (spec.params.includes('padding') && r.padding >= PADDINGS.length)
      fail(`${what}: unknown padding code ${r.padding}`);
    const inRange = (v: number) => v >= 1 && v <= LIMITS.maxDim;
    if (spec.params.includes('strides') && !(inRange(r.strideH) && inRange(r.strideW)))
      fail(`${what}: strides ${r.strideH}x${r.strideW} (1..${LIMITS.maxDim})`);
    if (spec.params.includes('dilation') && !(inRange(r.dilationH) && inRange(r.dilationW)))
      fail(`${what}: dilation ${r.dilationH}x${r.dilationW} (1..${LIMITS.maxDim})`);
    if (spec.params.includes('filter') && !(inRange(r.filterH) && inRange(r.filterW)))
      fail(`${what}: filter ${r.filterH}x${r.filterW} (1..${LIMITS.maxDim})`);
    if (spec.params.includes('depthMultiplier') && !inRange(r.depthMultiplier))
      fail(`${what}: depth multiplier ${r.depthMultiplier} (1..${LIMITS.maxDim})`);
    if (spec.params.includes('beta') && !isFinitePositive(r.beta)) fail(`${what}: beta ${r.beta} is not finite > 0`);
    records.push(r);
  }

  const io = (k: number) => view.getUint16(h.ioTableOffset! + 2 * k, true);
  const inputs = Array.from({ length: h.numInputs! }, (_, k) => io(k));
  const outputs = Array.from({ length: h.numOutputs! }, (_, k) => io(h.numInputs! + k));
  const checkIo = (what: string, list: number[]) =>
    list.forEach((idx, k) => {
      if (idx >= h.numTensors!) fail(`graph ${what} ${k} names tensor ${idx}, the package has ${h.numTensors}`);
      if (tensors[idx]!.isConst) fail(`graph ${what} ${k} (tensor ${idx}) is const`);
      if (list.indexOf(idx) !== k) fail(`graph ${what} ${k} (tensor ${idx}) is listed twice`);
    });
  checkIo('input', inputs);
  checkIo('output', outputs);

  const vectorBytes = [...inputs, ...outputs].reduce((a, idx) => a + tensorBytes(tensors[idx]!), 0);
  if (!draft && h.selfTestBytes !== h.numSelfTests! * vectorBytes)
    fail(`self-test section is ${h.selfTestBytes} bytes, expected ${h.numSelfTests! * vectorBytes}`);

  checkWiring(records, tensors, inputs, outputs);
  return {
    tensors,
    records,
    inputs,
    outputs,
    arenaBytes: h.arenaBytes!,
    numSelfTests: h.numSelfTests!,
    selfTestOffset: h.selfTestOffset!,
    selfTestBytes: h.selfTestBytes!,
  };
}

/** Every activation an op reads is produced earlier or a graph input; each tensor is used; the work is bounded. */
function checkWiring(records: OpRecord[], tensors: Tensor[], inputs: number[], outputs: number[]): void {
  const producer = new Array<number>(tensors.length).fill(-1);
  const used = new Array<boolean>(tensors.length).fill(false);
  let work = 0;
  records.forEach((r, i) => {
    const what = `op ${i} (${OPS[r.opcode]!.name})`;
    for (const idx of r.inputs) {
      if (idx === NO_TENSOR) continue;
      used[idx] = true;
      const t = tensors[idx]!;
      if (t.isConst) continue;
      if (producer[idx]! < 0 && !inputs.includes(idx))
        fail(`${what}: reads tensor ${idx} before any op produces it, and it is not a graph input`);
      work += flatSize(t.shape);
    }
    const out = r.output;
    used[out] = true;
    if (inputs.includes(out)) fail(`${what}: writes graph input ${out}`);
    if (producer[out]! >= 0) fail(`${what}: tensor ${out} is already produced by op ${producer[out]}`);
    producer[out] = i;
    work += flatSize(tensors[out]!.shape) * taps(r, tensors);
  });
  outputs.forEach((idx, k) => {
    if (producer[idx]! < 0) fail(`graph output ${k} (tensor ${idx}) is not produced by any op`);
  });
  const unused = used.indexOf(false);
  if (unused >= 0) fail(`tensor ${unused} is not used by any op`);
  if (work > LIMITS.maxWork) fail(`one inference needs ${work} steps of work (limit ${LIMITS.maxWork})`);
}

/** Steps per output element (packageFormat.ts LIMITS.maxWork). */
function taps(r: OpRecord, tensors: Tensor[]): number {
  const name = OPS[r.opcode]!.name;
  const filter = tensors[r.inputs[1]!];
  if (name === 'FullyConnected' || name === 'Conv2D') return flatSize(filter!.shape) / (filter!.shape[0] ?? 1);
  if (name === 'DepthwiseConv2D') return flatSize(filter!.shape) / (filter!.shape[filter!.shape.length - 1] ?? 1);
  if (name === 'MaxPool2D' || name === 'AveragePool2D') return r.filterH * r.filterW;
  return 1;
}

/** Builds and prepares the graph of a checked structure (graph outputs kept alive to the end of each inference). */
export function buildGraph(s: PackageStructure): Graph {
  s.outputs.forEach((idx) => (s.tensors[idx]!.keepAlive = true));
  const ops = s.records.map((r) =>
    opOf(
      r,
      r.inputs.map((idx) => (idx === NO_TENSOR ? null : s.tensors[idx]!)),
      s.tensors[r.output]!,
    ),
  );
  const graph = new Graph(ops);
  try {
    graph.prepare();
  } catch (e) {
    fail((e as Error).message);
  }
  return graph;
}

/** Parses, validates and prepares a model package; throws PackageError with the reason when it is refused. */
export function readPackage(body: Uint8Array, options: ReadPackageOptions = {}): ModelPackage {
  const s = readStructure(body);
  const budget = options.arenaBytes ?? LIMITS.maxArenaBytes;
  if (s.arenaBytes > budget) fail(`arena needs ${s.arenaBytes} bytes, have ${budget}`);
  const graph = buildGraph(s);
  const st = graph.stats();
  if (st.arenaBytes > s.arenaBytes) {
    fail(
      `arena too small: needs ${st.arenaBytes} bytes (${st.plannedBytes} activations + ${st.persistentBytes} persistent), has ${s.arenaBytes}`,
    );
  }
  const inBytes = s.inputs.reduce((a, idx) => a + tensorBytes(s.tensors[idx]!), 0);
  const outBytes = s.outputs.reduce((a, idx) => a + tensorBytes(s.tensors[idx]!), 0);
  const selfTests = Array.from({ length: s.numSelfTests }, (_, v) => {
    const at = s.selfTestOffset + v * (inBytes + outBytes);
    return {
      inputs: body.slice(at, at + inBytes),
      expected: body.slice(at + inBytes, at + inBytes + outBytes),
    };
  });
  return {
    graph,
    tensors: s.tensors,
    inputs: s.inputs.map((i) => s.tensors[i]!),
    outputs: s.outputs.map((i) => s.tensors[i]!),
    arenaBytes: s.arenaBytes,
    selfTests,
  };
}
