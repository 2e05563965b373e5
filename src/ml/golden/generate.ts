// generate.ts — builds the shared int8 golden vectors, deterministically from a seeded PRNG.
//
// Each case is written in float (inputs, weights, biases) with the quantization parameters of every tensor; the
// expected int8 outputs come from the TS engine (runner.ts). Output ranges are chosen from float64 reference results
// (floatRef.ts) the way a converter calibrates them. The C++ driver and the TS tests read the same file.
// Regenerate: `npx tsx scripts/gen-nn-golden.ts` (or UPDATE_GOLDEN=1 npx vitest run src/ml/golden).

import { INT32_MAX, INT32_MIN } from '../quant/fixedpoint';
import {
  activationCode,
  chooseQuantParams,
  symmetricPerChannelScales,
  symmetricScale,
  type Activation,
} from '../quant/quantize';
import { computeOutSize, computePadding, type Padding } from '../kernels/reference';
import { encodeGolden, type GoldenCase, type GoldenData, type GoldenTensor } from './format';
import { broadcastShape, convF, elementwiseF, fullyConnectedF, type Conv2DGeometry } from './floatRef';
import { dequantizedValues, PADDINGS, runGoldenCase } from './runner';
import { mulberry32 } from '../../shared/mulberry32';

export const GOLDEN_SEED = 0x5eed2018;
export const GOLDEN_FILE = 'wasm/tests/nn/golden/nn_golden.bin';

/** The goldens' PRNG (mulberry32). */
export const makeRng = mulberry32;

type Rng = () => number;
const f32 = Math.fround;

function uniform(rng: Rng, lo: number, hi: number): number {
  return f32(lo + (hi - lo) * rng());
}
function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
function floats(rng: Rng, n: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = uniform(rng, lo, hi);
  return out;
}
function size(shape: readonly number[]): number {
  return shape.reduce((a, d) => a * d, 1);
}
function minMax(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]!);
    hi = Math.max(hi, v[i]!);
  }
  return [lo, hi];
}

interface ActParams {
  scale: number;
  zeroPoint: number;
}

/** Asymmetric params for a random float range that contains 0 (or lies on one side of it). */
function randomActParams(rng: Rng): ActParams {
  const kind = rng();
  const span = f32(0.5 + rng() * 8);
  if (kind < 0.25) return chooseQuantParams(0, span); // post-ReLU
  if (kind < 0.5) return chooseQuantParams(-span, span);
  return chooseQuantParams(-span * rng(), span * rng() + 0.1);
}

/** Floats covering the representable range of (scale, zp), overshooting it by 10% on both sides (tests clamping). */
function activationFloats(rng: Rng, n: number, p: ActParams, overshoot = 0.1): Float32Array {
  const lo = (-128 - p.zeroPoint) * p.scale;
  const hi = (127 - p.zeroPoint) * p.scale;
  const pad = (hi - lo) * overshoot;
  return floats(rng, n, lo - pad, hi + pad);
}

function input(shape: number[], data: Float32Array, p: ActParams, dtype: GoldenTensor['dtype'] = 'int8'): GoldenTensor {
  return { role: 'input', dtype, shape, scales: [p.scale], zeroPoint: p.zeroPoint, axis: 0, data };
}
function expected(shape: number[], dtype: GoldenTensor['dtype'], p: ActParams): GoldenTensor {
  const n = size(shape);
  const data: GoldenData = dtype === 'int8' ? new Int8Array(n) : dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  return { role: 'expected', dtype, shape, scales: [p.scale], zeroPoint: p.zeroPoint, axis: 0, data };
}
function weights(shape: number[], data: Float32Array, perChannel: boolean, axis: number): GoldenTensor {
  const scales = perChannel ? Array.from(symmetricPerChannelScales(data, shape, axis)) : [symmetricScale(data)];
  return { role: 'weights', dtype: 'int8', shape, scales, zeroPoint: 0, axis, data };
}
function bias(n: number, data: Float32Array, inputScale: number): GoldenTensor {
  return { role: 'bias', dtype: 'int32', shape: [n], scales: [inputScale], zeroPoint: 0, axis: 0, data };
}
function rawTensor(data: GoldenData, role: GoldenTensor['role'] = 'raw'): GoldenTensor {
  const dtype = data instanceof Int8Array ? 'int8' : data instanceof Int32Array ? 'int32' : data instanceof Float32Array ? 'float32' : 'float64';
  return { role, dtype, shape: [data.length], scales: [], zeroPoint: 0, axis: 0, data };
}

/** Output params calibrated on the float result (optionally widened so a few values also saturate). */
function outputParams(values: ArrayLike<number>, widen = 1): ActParams {
  const [lo, hi] = minMax(values);
  return chooseQuantParams(lo * widen, hi * widen);
}

/** Fills the expected tensors by running the TS engine. */
function finish(c: GoldenCase): GoldenCase {
  const results = runGoldenCase(c);
  const expectedTensors = c.tensors.filter((t) => t.role === 'expected');
  results.forEach((r, i) => {
    const t = expectedTensors[i]!;
    t.data = r;
    if (t.shape.reduce((a, d) => a * d, 1) !== r.length) t.shape = [r.length];
  });
  return c;
}

// ---- op cases -----------------------------------------------------------------------------------------------------

function fcCase(rng: Rng, name: string, batches: number, depth: number, units: number, perChannel: boolean, act: Activation, withBias: boolean): GoldenCase {
  const pin = randomActParams(rng);
  const x = activationFloats(rng, batches * depth, pin);
  const wShape = [units, depth];
  const wf = new Float32Array(units * depth);
  for (let o = 0; o < units; o++) {
    const mag = 0.05 + rng() * 1.5; // channels of different magnitude make per-channel scales matter
    for (let d = 0; d < depth; d++) wf[o * depth + d] = uniform(rng, -mag, mag);
  }
  const w = weights(wShape, wf, perChannel, 0);
  const bf = floats(rng, units, -2, 2);
  const tensors: GoldenTensor[] = [input([batches, depth], x, pin), w];
  if (withBias) tensors.push(bias(units, bf, pin.scale));
  const c: GoldenCase = { name, op: 'FullyConnected', params: [activationCode(act)], tensors };
  const xq = dequantizedValues(c, 0);
  const wq = dequantizedValues(c, 1);
  const bq = withBias ? dequantizedValues(c, 2) : null;
  const ref = fullyConnectedF(xq, wq, bq, batches, depth, units, act);
  tensors.push(expected([batches, units], 'int8', outputParams(ref, rng() < 0.3 ? 0.8 : 1)));
  return finish(c);
}

function elementwiseCase(rng: Rng, name: string, op: 'Add' | 'Sub' | 'Minimum' | 'Maximum', aShape: number[], bShape: number[], act: Activation): GoldenCase {
  const shared = op === 'Minimum' || op === 'Maximum';
  const pa = randomActParams(rng);
  const pb = shared ? pa : randomActParams(rng);
  const a = activationFloats(rng, size(aShape), pa);
  const b = activationFloats(rng, size(bShape), pb);
  const tensors: GoldenTensor[] = [input(aShape, a, pa), input(bShape, b, pb)];
  const params = shared ? [] : [activationCode(act)];
  const c: GoldenCase = { name, op, params, tensors };
  const outShape = broadcastShape(aShape, bShape);
  let pout = pa;
  if (!shared) {
    const fn = op === 'Add' ? (u: number, v: number) => u + v : (u: number, v: number) => u - v;
    const ref = elementwiseF(dequantizedValues(c, 0), aShape, dequantizedValues(c, 1), bShape, fn);
    const acted = Array.from(ref, (v) => (act === 'relu' ? Math.max(0, v) : act === 'relu6' ? Math.min(6, Math.max(0, v)) : v));
    pout = outputParams(acted);
  }
  tensors.push(expected(outShape, 'int8', pout));
  return finish(c);
}

function softmaxCase(rng: Rng, name: string, shape: number[], inScale: number, beta: number, ties = false): GoldenCase {
  const zp = randInt(rng, -40, 40);
  const pin = { scale: f32(inScale), zeroPoint: zp };
  const x = activationFloats(rng, size(shape), pin, 0);
  if (ties) for (let i = 0; i < x.length; i += 3) x[i] = f32((60 - zp) * pin.scale); // many equal maxima
  const c: GoldenCase = { name, op: 'Softmax', params: [beta], tensors: [input(shape, x, pin)] };
  c.tensors.push(expected(shape, 'int8', { scale: f32(1 / 256), zeroPoint: -128 }));
  return finish(c);
}

function geometry(inShape: number[], kh: number, kw: number, sh: number, sw: number, padding: Padding, outC: number, dm = 1): Conv2DGeometry {
  const [batches, inH, inW, inC] = inShape as [number, number, number, number];
  const outH = computeOutSize(padding, inH, kh, sh);
  const outW = computeOutSize(padding, inW, kw, sw);
  return {
    batches, inH, inW, inC, outH, outW, outC, kh, kw, strideH: sh, strideW: sw,
    padH: computePadding(sh, inH, kh, outH), padW: computePadding(sw, inW, kw, outW), depthMultiplier: dm,
  };
}

function convCase(rng: Rng, name: string, inShape: number[], outC: number, kh: number, kw: number, sh: number, sw: number, padding: Padding, act: Activation, perChannel: boolean): GoldenCase {
  const g = geometry(inShape, kh, kw, sh, sw, padding, outC);
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(inShape), pin);
  const wShape = [outC, kh, kw, g.inC];
  const wf = new Float32Array(size(wShape));
  const per = kh * kw * g.inC;
  for (let o = 0; o < outC; o++) {
    const mag = 0.05 + rng();
    for (let i = 0; i < per; i++) wf[o * per + i] = uniform(rng, -mag, mag);
  }
  const tensors: GoldenTensor[] = [input(inShape, x, pin), weights(wShape, wf, perChannel, 0), bias(outC, floats(rng, outC, -1, 1), pin.scale)];
  const c: GoldenCase = { name, op: 'Conv2D', params: [sh, sw, PADDINGS.indexOf(padding), activationCode(act)], tensors };
  const ref = convF(g, dequantizedValues(c, 0), dequantizedValues(c, 1), dequantizedValues(c, 2), false, act);
  tensors.push(expected([g.batches, g.outH, g.outW, outC], 'int8', outputParams(ref)));
  return finish(c);
}

function depthwiseCase(rng: Rng, name: string, inShape: number[], dm: number, kh: number, kw: number, sh: number, sw: number, padding: Padding, act: Activation, perChannel: boolean): GoldenCase {
  const outC = inShape[3]! * dm;
  const g = geometry(inShape, kh, kw, sh, sw, padding, outC, dm);
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(inShape), pin);
  const wShape = [1, kh, kw, outC];
  const mags = Array.from({ length: outC }, () => 0.05 + rng());
  const wf = new Float32Array(size(wShape));
  for (let i = 0; i < wf.length; i++) wf[i] = uniform(rng, -mags[i % outC]!, mags[i % outC]!);
  const tensors: GoldenTensor[] = [input(inShape, x, pin), weights(wShape, wf, perChannel, 3), bias(outC, floats(rng, outC, -1, 1), pin.scale)];
  const c: GoldenCase = { name, op: 'DepthwiseConv2D', params: [sh, sw, PADDINGS.indexOf(padding), dm, activationCode(act)], tensors };
  const ref = convF(g, dequantizedValues(c, 0), dequantizedValues(c, 1), dequantizedValues(c, 2), true, act);
  tensors.push(expected([g.batches, g.outH, g.outW, outC], 'int8', outputParams(ref)));
  return finish(c);
}

function poolCase(rng: Rng, name: string, op: 'MaxPool2D' | 'AveragePool2D', inShape: number[], kh: number, kw: number, sh: number, sw: number, padding: Padding, act: Activation): GoldenCase {
  const g = geometry(inShape, kh, kw, sh, sw, padding, inShape[3]!);
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(inShape), pin, 0);
  const c: GoldenCase = { name, op, params: [kh, kw, sh, sw, PADDINGS.indexOf(padding), activationCode(act)], tensors: [input(inShape, x, pin)] };
  c.tensors.push(expected([g.batches, g.outH, g.outW, g.outC], 'int8', pin));
  return finish(c);
}

function unaryCase(rng: Rng, name: string, op: 'Relu' | 'Relu6' | 'Reshape' | 'Quantize' | 'Dequantize', shape: number[], outShape: number[], sameParams: boolean, inDtype: 'int8' | 'float32' = 'int8'): GoldenCase {
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(shape), pin, 0.2);
  let pout: ActParams = sameParams ? pin : randomActParams(rng);
  if (op === 'Relu6' && !sameParams) pout = chooseQuantParams(0, 6 + rng() * 2);
  const outDtype = op === 'Dequantize' ? 'float32' : 'int8';
  const c: GoldenCase = { name, op, params: [], tensors: [input(shape, x, pin, inDtype)] };
  c.tensors.push(expected(outShape, outDtype, op === 'Dequantize' ? { scale: 0, zeroPoint: 0 } : pout));
  return finish(c);
}

function quantizeTiesCase(): GoldenCase {
  // scale 1/4: v / scale lands exactly on .5 for v = k/8, k odd; rounding must go away from zero.
  const values: number[] = [];
  for (let k = -1100; k <= 1100; k += 1) values.push(k / 8);
  const x = Float32Array.from(values);
  const p = { scale: 0.25, zeroPoint: -3 };
  const c: GoldenCase = { name: 'quantize_float_ties', op: 'Quantize', params: [], tensors: [input([x.length], x, p, 'float32')] };
  c.tensors.push(expected([x.length], 'int8', p));
  return finish(c);
}

function argMaxCase(rng: Rng, name: string, shape: number[], axis: number, ties: boolean): GoldenCase {
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(shape), pin, 0);
  if (ties) for (let i = 0; i < x.length; i++) x[i] = f32(Math.round(rng() * 3) * pin.scale * 20);
  const r = shape.length;
  const a = axis < 0 ? axis + r : axis;
  const outShape = shape.filter((_, i) => i !== a);
  const c: GoldenCase = { name, op: 'ArgMax', params: [axis], tensors: [input(shape, x, pin)] };
  c.tensors.push(expected(outShape.length ? outShape : [1], 'int32', { scale: 0, zeroPoint: 0 }));
  return finish(c);
}

function mlpCase(rng: Rng, name: string, dims: number[], acts: Activation[], softmax: boolean): GoldenCase {
  const layers = dims.length - 1;
  const pin = chooseQuantParams(0, 1); // pixels in [0, 1]
  const x = floats(rng, dims[0]!, 0, 1);
  const tensors: GoldenTensor[] = [input([1, dims[0]!], x, pin)];
  const c: GoldenCase = { name, op: 'MLP', params: [layers, ...acts.map(activationCode), softmax ? 1 : 0], tensors };
  let inScale = pin.scale;
  let xq = dequantizedValues(c, 0);
  for (let l = 0; l < layers; l++) {
    const depth = dims[l]!;
    const units = dims[l + 1]!;
    const wf = floats(rng, units * depth, -1 / Math.sqrt(depth), 1 / Math.sqrt(depth));
    tensors.push(weights([units, depth], wf, true, 0));
    tensors.push(bias(units, floats(rng, units, -0.2, 0.2), inScale));
    const wq = dequantizedValues(c, tensors.length - 2);
    const bq = dequantizedValues(c, tensors.length - 1);
    const ref = fullyConnectedF(xq, wq, bq, 1, depth, units, acts[l]!);
    const p = outputParams(ref);
    const isLast = l === layers - 1;
    if (isLast && !softmax) tensors.push(expected([1, units], 'int8', p));
    else tensors.push({ role: 'intermediate', dtype: 'int8', shape: [1, units], scales: [p.scale], zeroPoint: p.zeroPoint, axis: 0, data: new Int8Array(0) });
    // The next layer sees the quantized activations.
    xq = Float64Array.from(ref, (v) => Math.max((-128 - p.zeroPoint) * p.scale, Math.min((127 - p.zeroPoint) * p.scale, Math.round(v / p.scale) * p.scale)));
    inScale = p.scale;
  }
  if (softmax) tensors.push(expected([1, dims[layers]!], 'int8', { scale: f32(1 / 256), zeroPoint: -128 }));
  tensors.push(rawTensor(new Int32Array(0), 'expected'), rawTensor(new Int32Array(0), 'expected'));
  return finish(c);
}

// ---- arithmetic and planner tables --------------------------------------------------------------------------------

function quantizeMultiplierCase(rng: Rng): GoldenCase {
  const values = [
    0, 1, -1, 0.5, 0.75, 2 ** -31, 2 ** -32, 2 ** -33, 2 ** -40, 1 - 2 ** -33, 1 - 2 ** -32, 1 - 2 ** -31, 0.5 - 2 ** -34,
    2 ** 30, 2 ** 30 - 1, 1e-10, 5e-324, 1e300, 0.1, 1 / 3, 2 / 3, -0.3, 1.5, 255 / 256, 1 / 255,
  ];
  for (let i = 0; i < 300; i++) {
    const v = 2 ** (rng() * 80 - 40) * (rng() < 0.1 ? -1 : 1);
    values.push(v);
  }
  // Products of float32 scales, as kernels form them.
  for (let i = 0; i < 100; i++) values.push((f32(rng() * 0.1) * f32(rng() * 0.02)) / f32(rng() * 0.5 + 1e-3));
  return finish({ name: 'quantize_multiplier', op: 'QuantizeMultiplier', params: [], tensors: [rawTensor(Float64Array.from(values)), rawTensor(new Int32Array(0), 'expected')] });
}

function multiplyByQuantizedMultiplierCase(rng: Rng): GoldenCase {
  const triples: number[] = [];
  const anyInt = () => (rng() * 4294967296 - 2147483648) | 0;
  const edgeX = [0, 1, -1, 2, -2, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1, 1 << 30, -(1 << 30), 12345, -12345];
  const edgeM = [INT32_MIN, INT32_MAX, 1 << 30, (1 << 30) + 1, 0, 1, -1, -(1 << 30), 1518500250];
  for (const x of edgeX) for (const m of edgeM) for (const s of [0, 1, -1, -31, 30, 5, -12]) triples.push(x, m, s);
  for (let i = 0; i < 2000; i++) triples.push(anyInt(), anyInt(), randInt(rng, -31, 30));
  // Typical requantization: accumulators, multipliers in [2^30, 2^31), right shifts.
  for (let i = 0; i < 1500; i++) triples.push(randInt(rng, -200000, 200000), (1 << 30) + Math.floor(rng() * (1 << 30)), randInt(rng, -20, 2));
  // Exact ties for both roundings: x * 2^30 / 2^31 = x / 2, then divided by 2^r.
  for (let i = 0; i < 300; i++) {
    const r = randInt(rng, 0, 8);
    const k = randInt(rng, -5000, 5000);
    triples.push((2 * k + 1) * 2 ** r, 1 << 30, -r);
  }
  return finish({ name: 'multiply_by_quantized_multiplier', op: 'MultiplyByQuantizedMultiplier', params: [], tensors: [rawTensor(Int32Array.from(triples)), rawTensor(new Int32Array(0), 'expected')] });
}

function chooseQuantParamsCase(rng: Rng): GoldenCase {
  const pairs = [0, 0, -1, 1, 0, 6, -6, 0, 0, 1, -0.5, 100, -128, 127, 0.1, 0.2, -0.3, -0.1, 1e-6, 2e-6, -3, 1e-3];
  for (let i = 0; i < 150; i++) pairs.push(uniform(rng, -20, 5), uniform(rng, -5, 20));
  return finish({
    name: 'choose_quant_params',
    op: 'ChooseQuantParams',
    params: [],
    tensors: [rawTensor(Float32Array.from(pairs)), rawTensor(new Float32Array(0), 'expected'), rawTensor(new Int32Array(0), 'expected')],
  });
}

export function randomPlannerProblem(rng: Rng, n: number, ops: number): number[] {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const first = randInt(rng, 0, ops - 1);
    const last = randInt(rng, first, Math.min(ops - 1, first + randInt(rng, 0, 4)));
    const sz = rng() < 0.05 ? 0 : randInt(rng, 1, rng() < 0.5 ? 300 : 5000);
    t.push(sz, first, last);
  }
  return t;
}

function plannerCase(rng: Rng, index: number): GoldenCase {
  const n = index === 0 ? 0 : randInt(rng, 1, 40);
  const t = randomPlannerProblem(rng, n, randInt(rng, 1, 16));
  return finish({
    name: `planner_${index}`,
    op: 'Planner',
    params: [],
    tensors: [rawTensor(Int32Array.from(t)), rawTensor(new Int32Array(0), 'expected'), rawTensor(new Int32Array(0), 'expected')],
  });
}

// ---- all cases ----------------------------------------------------------------------------------------------------

export function buildGoldenCases(seed = GOLDEN_SEED): GoldenCase[] {
  const rng = makeRng(seed);
  const cases: GoldenCase[] = [];
  // FullyConnected: depths around the 16-lane SIMD width, unit counts around the 4-row blocks.
  const fc: [number, number, number, boolean, Activation, boolean][] = [
    [1, 1, 1, false, 'none', true],
    [1, 15, 3, true, 'relu', true],
    [1, 16, 4, true, 'none', true],
    [1, 17, 5, false, 'relu6', true],
    [2, 33, 10, true, 'relu', true],
    [3, 64, 7, true, 'none', false],
    [1, 100, 33, true, 'relu', true],
    [1, 784, 6, true, 'none', true],
    [2, 48, 16, false, 'relu', true],
    [1, 31, 9, true, 'relu6', true],
  ];
  fc.forEach(([b, d, u, pc, act, wb]) => cases.push(fcCase(rng, `fc_b${b}_d${d}_u${u}_${pc ? 'pc' : 'pt'}_${act}${wb ? '' : '_nobias'}`, b, d, u, pc, act, wb)));

  cases.push(elementwiseCase(rng, 'add_same_shape', 'Add', [2, 3, 4, 5], [2, 3, 4, 5], 'none'));
  cases.push(elementwiseCase(rng, 'add_broadcast_channels_relu', 'Add', [1, 4, 4, 3], [3], 'relu'));
  cases.push(elementwiseCase(rng, 'add_broadcast_two_sided', 'Add', [1, 4, 1, 3], [1, 1, 5, 3], 'none'));
  cases.push(elementwiseCase(rng, 'add_scalar_relu6', 'Add', [37], [1], 'relu6'));
  cases.push(elementwiseCase(rng, 'sub_same_shape', 'Sub', [3, 17], [3, 17], 'none'));
  cases.push(elementwiseCase(rng, 'sub_broadcast_relu', 'Sub', [2, 1, 6], [5, 1], 'relu'));
  cases.push(elementwiseCase(rng, 'sub_scalar_first', 'Sub', [1], [4, 9], 'none'));
  cases.push(elementwiseCase(rng, 'minimum_same_shape', 'Minimum', [5, 7], [5, 7], 'none'));
  cases.push(elementwiseCase(rng, 'minimum_broadcast', 'Minimum', [2, 3, 4], [4], 'none'));
  cases.push(elementwiseCase(rng, 'maximum_same_shape', 'Maximum', [40], [40], 'none'));
  cases.push(elementwiseCase(rng, 'maximum_broadcast', 'Maximum', [3, 1, 4], [1, 5, 1], 'none'));

  cases.push(argMaxCase(rng, 'argmax_last_axis_ties', [6, 10], -1, true));
  cases.push(argMaxCase(rng, 'argmax_middle_axis', [4, 3, 5], 1, false));
  cases.push(argMaxCase(rng, 'argmax_first_axis', [7, 3], 0, false));

  cases.push(unaryCase(rng, 'relu_same_params', 'Relu', [3, 20], [3, 20], true));
  cases.push(unaryCase(rng, 'relu_requantize', 'Relu', [64], [64], false));
  cases.push(unaryCase(rng, 'relu6_same_params', 'Relu6', [2, 30], [2, 30], true));
  cases.push(unaryCase(rng, 'relu6_requantize', 'Relu6', [50], [50], false));
  cases.push(unaryCase(rng, 'reshape', 'Reshape', [2, 3, 4], [6, 4], true));
  cases.push(unaryCase(rng, 'quantize_float', 'Quantize', [100], [100], true, 'float32'));
  cases.push(quantizeTiesCase());
  cases.push(unaryCase(rng, 'quantize_requantize_a', 'Quantize', [80], [80], false));
  cases.push(unaryCase(rng, 'quantize_requantize_b', 'Quantize', [2, 40], [2, 40], false));
  cases.push(unaryCase(rng, 'dequantize_a', 'Dequantize', [64], [64], true));
  cases.push(unaryCase(rng, 'dequantize_b', 'Dequantize', [3, 7], [3, 7], true));

  cases.push(softmaxCase(rng, 'softmax_logits', [3, 10], 0.1, 1));
  cases.push(softmaxCase(rng, 'softmax_small_scale', [2, 10], 0.02, 1));
  cases.push(softmaxCase(rng, 'softmax_pot_scale', [1, 16], 1 / 16, 1));
  cases.push(softmaxCase(rng, 'softmax_large_scale', [4, 8], 0.5, 1));
  cases.push(softmaxCase(rng, 'softmax_beta_half', [2, 12], 0.2, 0.5));
  cases.push(softmaxCase(rng, 'softmax_depth1', [5, 1], 0.1, 1));
  cases.push(softmaxCase(rng, 'softmax_wide', [1, 300], 0.05, 1));
  cases.push(softmaxCase(rng, 'softmax_ties', [2, 30], 0.08, 1, true));

  cases.push(convCase(rng, 'conv_3x3_s1_same_relu_pc', [1, 7, 7, 3], 4, 3, 3, 1, 1, 'same', 'relu', true));
  cases.push(convCase(rng, 'conv_3x3_s2_valid_pc', [1, 9, 8, 2], 5, 3, 3, 2, 2, 'valid', 'none', true));
  cases.push(convCase(rng, 'conv_2x2_s2_same_pt', [2, 5, 6, 2], 3, 2, 2, 2, 2, 'same', 'none', false));
  cases.push(convCase(rng, 'conv_1x1_pc', [1, 4, 4, 8], 6, 1, 1, 1, 1, 'valid', 'relu6', true));
  cases.push(convCase(rng, 'conv_5x3_s21_same_relu6', [1, 8, 7, 3], 4, 5, 3, 2, 1, 'same', 'relu6', true));

  cases.push(depthwiseCase(rng, 'dw_3x3_s1_same_relu_pc', [1, 6, 6, 4], 1, 3, 3, 1, 1, 'same', 'relu', true));
  cases.push(depthwiseCase(rng, 'dw_3x3_s2_valid_dm2_pc', [1, 7, 7, 3], 2, 3, 3, 2, 2, 'valid', 'none', true));
  cases.push(depthwiseCase(rng, 'dw_2x2_s1_valid_pt', [1, 5, 5, 2], 1, 2, 2, 1, 1, 'valid', 'relu6', false));
  cases.push(depthwiseCase(rng, 'dw_3x3_s2_same_dm3_b2', [2, 5, 5, 3], 3, 3, 3, 2, 2, 'same', 'none', true));

  cases.push(poolCase(rng, 'maxpool_2x2_s2_valid', 'MaxPool2D', [1, 8, 8, 3], 2, 2, 2, 2, 'valid', 'none'));
  cases.push(poolCase(rng, 'maxpool_3x3_s2_same', 'MaxPool2D', [2, 7, 7, 2], 3, 3, 2, 2, 'same', 'none'));
  cases.push(poolCase(rng, 'maxpool_3x3_s1_same_relu', 'MaxPool2D', [1, 5, 5, 4], 3, 3, 1, 1, 'same', 'relu'));
  cases.push(poolCase(rng, 'avgpool_2x2_s2_valid', 'AveragePool2D', [1, 8, 8, 3], 2, 2, 2, 2, 'valid', 'none'));
  cases.push(poolCase(rng, 'avgpool_3x3_s2_same', 'AveragePool2D', [2, 7, 7, 2], 3, 3, 2, 2, 'same', 'none'));
  cases.push(poolCase(rng, 'avgpool_3x3_s1_same_relu6', 'AveragePool2D', [1, 5, 6, 4], 3, 3, 1, 1, 'same', 'relu6'));

  cases.push(mlpCase(rng, 'mlp_64_32_16_10_softmax', [64, 32, 16, 10], ['relu', 'relu', 'none'], true));
  cases.push(mlpCase(rng, 'mlp_20_12_5', [20, 12, 5], ['relu6', 'none'], false));

  cases.push(quantizeMultiplierCase(rng));
  cases.push(multiplyByQuantizedMultiplierCase(rng));
  cases.push(chooseQuantParamsCase(rng));
  for (let i = 0; i < 40; i++) cases.push(plannerCase(rng, i));
  return cases;
}

export function generateGoldenBytes(seed = GOLDEN_SEED): Uint8Array {
  return encodeGolden(buildGoldenCases(seed));
}
