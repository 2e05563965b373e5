// opCases.ts — one golden case per operator configuration: float inputs and weights, quantization parameters, and
// expected outputs from the TS engine.

import { activationCode, chooseQuantParams, type Activation } from '../quant/quantize';
import { computeOutSize, computePadding, type Padding } from '../kernels/reference';
import type { GoldenCase, GoldenTensor } from './format';
import { broadcastShape, convF, elementwiseF, fullyConnectedF, type Conv2DGeometry } from './floatRef';
import { dequantizedValues, PADDINGS } from './runner';
import {
  activationFloats,
  bias,
  expected,
  f32,
  finish,
  floats,
  input,
  outputParams,
  randInt,
  randomActParams,
  rawTensor,
  size,
  uniform,
  weights,
  type ActParams,
  type Rng,
} from './caseTensors';

export function fcCase(
  rng: Rng,
  name: string,
  batches: number,
  depth: number,
  units: number,
  perChannel: boolean,
  act: Activation,
  withBias: boolean,
): GoldenCase {
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

export function elementwiseCase(
  rng: Rng,
  name: string,
  op: 'Add' | 'Sub' | 'Minimum' | 'Maximum',
  aShape: number[],
  bShape: number[],
  act: Activation,
): GoldenCase {
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
    const acted = Array.from(ref, (v) =>
      act === 'relu' ? Math.max(0, v) : act === 'relu6' ? Math.min(6, Math.max(0, v)) : v,
    );
    pout = outputParams(acted);
  }
  tensors.push(expected(outShape, 'int8', pout));
  return finish(c);
}

export function softmaxCase(
  rng: Rng,
  name: string,
  shape: number[],
  inScale: number,
  beta: number,
  ties = false,
): GoldenCase {
  const zp = randInt(rng, -40, 40);
  const pin = { scale: f32(inScale), zeroPoint: zp };
  const x = activationFloats(rng, size(shape), pin, 0);
  if (ties) for (let i = 0; i < x.length; i += 3) x[i] = f32((60 - zp) * pin.scale); // many equal maxima
  const c: GoldenCase = { name, op: 'Softmax', params: [beta], tensors: [input(shape, x, pin)] };
  c.tensors.push(expected(shape, 'int8', { scale: f32(1 / 256), zeroPoint: -128 }));
  return finish(c);
}

function geometry(
  inShape: number[],
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  padding: Padding,
  outC: number,
  dm = 1,
): Conv2DGeometry {
  const [batches, inH, inW, inC] = inShape as [number, number, number, number];
  const outH = computeOutSize(padding, inH, kh, sh);
  const outW = computeOutSize(padding, inW, kw, sw);
  return {
    batches,
    inH,
    inW,
    inC,
    outH,
    outW,
    outC,
    kh,
    kw,
    strideH: sh,
    strideW: sw,
    padH: computePadding(sh, inH, kh, outH),
    padW: computePadding(sw, inW, kw, outW),
    depthMultiplier: dm,
  };
}

export function convCase(
  rng: Rng,
  name: string,
  inShape: number[],
  outC: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  padding: Padding,
  act: Activation,
  perChannel: boolean,
): GoldenCase {
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
  const tensors: GoldenTensor[] = [
    input(inShape, x, pin),
    weights(wShape, wf, perChannel, 0),
    bias(outC, floats(rng, outC, -1, 1), pin.scale),
  ];
  const c: GoldenCase = {
    name,
    op: 'Conv2D',
    params: [sh, sw, PADDINGS.indexOf(padding), activationCode(act)],
    tensors,
  };
  const ref = convF(g, dequantizedValues(c, 0), dequantizedValues(c, 1), dequantizedValues(c, 2), false, act);
  tensors.push(expected([g.batches, g.outH, g.outW, outC], 'int8', outputParams(ref)));
  return finish(c);
}

export function depthwiseCase(
  rng: Rng,
  name: string,
  inShape: number[],
  dm: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  padding: Padding,
  act: Activation,
  perChannel: boolean,
): GoldenCase {
  const outC = inShape[3]! * dm;
  const g = geometry(inShape, kh, kw, sh, sw, padding, outC, dm);
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(inShape), pin);
  const wShape = [1, kh, kw, outC];
  const mags = Array.from({ length: outC }, () => 0.05 + rng());
  const wf = new Float32Array(size(wShape));
  for (let i = 0; i < wf.length; i++) wf[i] = uniform(rng, -mags[i % outC]!, mags[i % outC]!);
  const tensors: GoldenTensor[] = [
    input(inShape, x, pin),
    weights(wShape, wf, perChannel, 3),
    bias(outC, floats(rng, outC, -1, 1), pin.scale),
  ];
  const c: GoldenCase = {
    name,
    op: 'DepthwiseConv2D',
    params: [sh, sw, PADDINGS.indexOf(padding), dm, activationCode(act)],
    tensors,
  };
  const ref = convF(g, dequantizedValues(c, 0), dequantizedValues(c, 1), dequantizedValues(c, 2), true, act);
  tensors.push(expected([g.batches, g.outH, g.outW, outC], 'int8', outputParams(ref)));
  return finish(c);
}

export function poolCase(
  rng: Rng,
  name: string,
  op: 'MaxPool2D' | 'AveragePool2D',
  inShape: number[],
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  padding: Padding,
  act: Activation,
): GoldenCase {
  const g = geometry(inShape, kh, kw, sh, sw, padding, inShape[3]!);
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(inShape), pin, 0);
  const c: GoldenCase = {
    name,
    op,
    params: [kh, kw, sh, sw, PADDINGS.indexOf(padding), activationCode(act)],
    tensors: [input(inShape, x, pin)],
  };
  c.tensors.push(expected([g.batches, g.outH, g.outW, g.outC], 'int8', pin));
  return finish(c);
}

export function unaryCase(
  rng: Rng,
  name: string,
  op: 'Relu' | 'Relu6' | 'Reshape' | 'Quantize' | 'Dequantize',
  shape: number[],
  outShape: number[],
  sameParams: boolean,
  inDtype: 'int8' | 'float32' = 'int8',
): GoldenCase {
  const pin = randomActParams(rng);
  const x = activationFloats(rng, size(shape), pin, 0.2);
  let pout: ActParams = sameParams ? pin : randomActParams(rng);
  if (op === 'Relu6' && !sameParams) pout = chooseQuantParams(0, 6 + rng() * 2);
  const outDtype = op === 'Dequantize' ? 'float32' : 'int8';
  const c: GoldenCase = { name, op, params: [], tensors: [input(shape, x, pin, inDtype)] };
  c.tensors.push(expected(outShape, outDtype, op === 'Dequantize' ? { scale: 0, zeroPoint: 0 } : pout));
  return finish(c);
}

export function quantizeTiesCase(): GoldenCase {
  // scale 1/4: v / scale lands exactly on .5 for v = k/8, k odd; rounding must go away from zero.
  const values: number[] = [];
  for (let k = -1100; k <= 1100; k += 1) values.push(k / 8);
  const x = Float32Array.from(values);
  const p = { scale: 0.25, zeroPoint: -3 };
  const c: GoldenCase = {
    name: 'quantize_float_ties',
    op: 'Quantize',
    params: [],
    tensors: [input([x.length], x, p, 'float32')],
  };
  c.tensors.push(expected([x.length], 'int8', p));
  return finish(c);
}

export function argMaxCase(rng: Rng, name: string, shape: number[], axis: number, ties: boolean): GoldenCase {
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

export function mlpCase(rng: Rng, name: string, dims: number[], acts: Activation[], softmax: boolean): GoldenCase {
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
    else
      tensors.push({
        role: 'intermediate',
        dtype: 'int8',
        shape: [1, units],
        scales: [p.scale],
        zeroPoint: p.zeroPoint,
        axis: 0,
        data: new Int8Array(0),
      });
    // The next layer sees the quantized activations.
    xq = Float64Array.from(ref, (v) =>
      Math.max(
        (-128 - p.zeroPoint) * p.scale,
        Math.min((127 - p.zeroPoint) * p.scale, Math.round(v / p.scale) * p.scale),
      ),
    );
    inScale = p.scale;
  }
  if (softmax) tensors.push(expected([1, dims[layers]!], 'int8', { scale: f32(1 / 256), zeroPoint: -128 }));
  tensors.push(rawTensor(new Int32Array(0), 'expected'), rawTensor(new Int32Array(0), 'expected'));
  return finish(c);
}
