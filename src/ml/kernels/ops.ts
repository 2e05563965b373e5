// ops.ts — int8 operators with prepare (validate, precompute multipliers once) and eval (pure reference kernel).
// Twin of wasm/nn/include/nn/ops.h + wasm/nn/src/ops.cc: same checks, same multipliers, same per-op figures (OpStats). Errors are thrown as
// `Error("<Op>#<index>: <message>")` like the C++ Context::Fail messages.

import { quantizeMultiplier } from '../quant/fixedpoint';
import { activationRangeInt8, type Activation } from '../quant/quantize';
import * as ref from './reference';
import {
  flatSize,
  float32Data,
  int32Data,
  int8Data,
  sameShape,
  scaleAt,
  storedQuantBytes,
  tensorBytes,
  type Tensor,
} from './tensor';

/** Prepare-time services: persistent allocations (accounted like the C++ arena's top region) and errors. */
export class Context {
  persistentBytes = 0;
  private opName = '';
  private opIndex = -1;

  beginOp(name: string, index: number): void {
    this.opName = name;
    this.opIndex = index;
  }
  /** Int32 storage that C++ takes from the arena's persistent region (16-byte rounded). */
  allocateInt32(count: number): Int32Array {
    this.persistentBytes += Math.ceil((count * 4) / 16) * 16;
    return new Int32Array(count);
  }
  fail(message: string): never {
    throw new Error(this.opIndex >= 0 ? `${this.opName}#${this.opIndex}: ${message}` : message);
  }
}

export interface OpStats {
  kernel: string;
  macs: number;
  weightBytes: number;
  biasBytes: number;
  scaleBytes: number;
  multiplierBytes: number;
}

function emptyStats(): OpStats {
  return { kernel: 'reference', macs: 0, weightBytes: 0, biasBytes: 0, scaleBytes: 0, multiplierBytes: 0 };
}

export abstract class Op {
  abstract readonly name: string;
  readonly inputs: readonly (Tensor | null)[];
  readonly output: Tensor;

  protected constructor(inputs: (Tensor | null)[], output: Tensor) {
    this.inputs = inputs;
    this.output = output;
  }
  abstract prepare(ctx: Context): void;
  abstract eval(): void;
  stats(): OpStats {
    return emptyStats();
  }
}

function checkInt8Activation(ctx: Context, t: Tensor | null, what: string): Tensor {
  if (!t) return ctx.fail(`${what} is missing`);
  if (t.dtype !== 'int8') ctx.fail(`${what} must be int8, got ${t.dtype}`);
  if (t.shape.length > 4) ctx.fail(`${what} has an invalid rank`);
  if (!(t.quant.scale > 0)) ctx.fail(`${what} needs a positive scale`);
  if (t.quant.zeroPoint < -128 || t.quant.zeroPoint > 127) {
    ctx.fail(`${what} zero point ${t.quant.zeroPoint} outside [-128, 127]`);
  }
  return t;
}

function makeMultiplier(ctx: Context, real: number, what: string): { multiplier: number; shift: number } {
  const q = quantizeMultiplier(real);
  if (q.shift < -31 || q.shift > 30) ctx.fail(`${what} multiplier ${real} out of range (shift ${q.shift})`);
  return q;
}

function sameQuant(a: Tensor, b: Tensor): boolean {
  return a.quant.scale === b.quant.scale && a.quant.zeroPoint === b.quant.zeroPoint;
}

function checkWeights(ctx: Context, w: Tensor | null, axis: number, channels: number, what: string): Tensor {
  if (!w || !w.data) return ctx.fail(`${what} is missing`);
  if (w.dtype !== 'int8') ctx.fail(`${what} must be int8, got ${w.dtype}`);
  if (!w.isConst) ctx.fail(`${what} must be a const tensor`);
  if (w.quant.zeroPoint !== 0) ctx.fail(`${what} must be symmetric (zero point 0)`);
  const cs = w.quant.channelScales;
  if (cs) {
    if ((w.quant.axis ?? 0) !== axis || cs.length !== channels) {
      ctx.fail(`${what} per-channel params must have ${channels} scales along axis ${axis}`);
    }
    cs.forEach((s, c) => {
      if (!(s > 0)) ctx.fail(`${what} scale ${c} is not positive`);
    });
  } else if (!(w.quant.scale > 0)) {
    ctx.fail(`${what} needs a positive scale`);
  }
  return w;
}

function checkBias(ctx: Context, b: Tensor | null, channels: number): void {
  if (!b) return;
  if (b.dtype !== 'int32' || !b.isConst || !b.data) ctx.fail('bias must be const int32');
  if (flatSize(b.shape) !== channels) ctx.fail(`bias has ${flatSize(b.shape)} elements, expected ${channels}`);
}

function channelMultipliers(
  ctx: Context,
  input: Tensor,
  weights: Tensor,
  output: Tensor,
  channels: number,
): { multipliers: Int32Array; shifts: Int32Array } {
  const multipliers = ctx.allocateInt32(channels);
  const shifts = ctx.allocateInt32(channels);
  for (let c = 0; c < channels; c++) {
    const real = (input.quant.scale * scaleAt(weights.quant, c)) / output.quant.scale;
    const q = makeMultiplier(ctx, real, 'output');
    multipliers[c] = q.multiplier;
    shifts[c] = q.shift;
  }
  return { multipliers, shifts };
}

// ---- FullyConnected -----------------------------------------------------------------------------------------------

export type FcKernel = 'reference' | 'simd';

export interface FullyConnectedOptions {
  activation?: Activation;
  /**
   * Which C++ kernel this op mirrors ('simd' = FcKernel::kAuto in a -msimd128 build, which also keeps per-row weight
   * sums in the persistent arena). Results are identical; only the persistent-byte figure differs.
   */
  kernel?: FcKernel;
}

export class FullyConnected extends Op {
  readonly name = 'FullyConnected';
  private readonly act: Activation;
  private readonly kernel: FcKernel;
  private p: ref.FullyConnectedParams | null = null;

  constructor(input: Tensor, weights: Tensor, bias: Tensor | null, output: Tensor, options: FullyConnectedOptions = {}) {
    super([input, weights, bias], output);
    this.act = options.activation ?? 'none';
    this.kernel = options.kernel ?? 'simd';
  }

  prepare(ctx: Context): void {
    const [inp, w, bias] = this.inputs;
    const input = checkInt8Activation(ctx, inp ?? null, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    if (!w || w.shape.length !== 2) ctx.fail('weights must be [units, depth]');
    const units = w!.shape[0]!;
    const depth = w!.shape[1]!;
    checkWeights(ctx, w!, 0, units, 'weights');
    checkBias(ctx, bias ?? null, units);
    if (input.shape.length < 1 || input.shape[input.shape.length - 1] !== depth) {
      ctx.fail(`input last dimension must be ${depth} (weights depth)`);
    }
    const batches = Math.trunc(flatSize(input.shape) / depth);
    if (out.shape.length < 1 || out.shape[out.shape.length - 1] !== units || flatSize(out.shape) !== batches * units) {
      ctx.fail(`output must hold ${batches} x ${units} values`);
    }
    const perChannel = !!w!.quant.channelScales;
    const { multipliers, shifts } = channelMultipliers(ctx, input, w!, out, perChannel ? units : 1);
    const range = activationRangeInt8(this.act, out.quant.scale, out.quant.zeroPoint);
    this.p = {
      inputOffset: -input.quant.zeroPoint,
      outputOffset: out.quant.zeroPoint,
      outputMultiplier: multipliers,
      outputShift: shifts,
      perChannel,
      actMin: range.min,
      actMax: range.max,
      batches,
      accumDepth: depth,
      outputDepth: units,
    };
    if (this.kernel === 'simd') ctx.allocateInt32(units); // row sums
  }

  eval(): void {
    const [input, w, bias] = this.inputs;
    ref.fullyConnected(this.p!, int8Data(input!), int8Data(w!), bias ? int32Data(bias) : null, int8Data(this.output));
  }

  override stats(): OpStats {
    const p = this.p!;
    const [, w, bias] = this.inputs;
    return {
      kernel: this.kernel,
      macs: p.batches * p.outputDepth * p.accumDepth,
      weightBytes: tensorBytes(w!),
      biasBytes: bias ? tensorBytes(bias) : 0,
      scaleBytes: storedQuantBytes(w!.quant),
      multiplierBytes: (p.perChannel ? p.outputDepth : 1) * 8,
    };
  }
}

// ---- Add / Sub ----------------------------------------------------------------------------------------------------

class AddSubOp extends Op {
  readonly name: string;
  private readonly act: Activation;
  private readonly subtract: boolean;
  private p: ref.AddSubParams | null = null;

  constructor(a: Tensor, b: Tensor, output: Tensor, act: Activation, subtract: boolean) {
    super([a, b], output);
    this.act = act;
    this.subtract = subtract;
    this.name = subtract ? 'Sub' : 'Add';
  }

  prepare(ctx: Context): void {
    const a = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input1');
    const b = checkInt8Activation(ctx, this.inputs[1] ?? null, 'input2');
    const out = checkInt8Activation(ctx, this.output, 'output');
    const bc = ref.makeBroadcast4D(a.shape, b.shape);
    if (!bc) return ctx.fail('input shapes cannot be broadcast');
    const n = bc.outDims[0] * bc.outDims[1] * bc.outDims[2] * bc.outDims[3];
    if (flatSize(out.shape) !== n) ctx.fail(`output must hold ${n} values`);
    const leftShift = 20;
    const maxScale = a.quant.scale > b.quant.scale ? a.quant.scale : b.quant.scale;
    const twiceMax = 2 * maxScale;
    const m1 = makeMultiplier(ctx, a.quant.scale / twiceMax, 'input1');
    const m2 = makeMultiplier(ctx, b.quant.scale / twiceMax, 'input2');
    const mo = makeMultiplier(ctx, twiceMax / ((1 << leftShift) * out.quant.scale), 'output');
    const range = activationRangeInt8(this.act, out.quant.scale, out.quant.zeroPoint);
    this.p = {
      subtract: this.subtract,
      input1Offset: -a.quant.zeroPoint,
      input2Offset: -b.quant.zeroPoint,
      outputOffset: out.quant.zeroPoint,
      leftShift,
      input1Multiplier: m1.multiplier,
      input1Shift: m1.shift,
      input2Multiplier: m2.multiplier,
      input2Shift: m2.shift,
      outputMultiplier: mo.multiplier,
      outputShift: mo.shift,
      actMin: range.min,
      actMax: range.max,
      bc,
    };
  }

  eval(): void {
    ref.addSub(this.p!, int8Data(this.inputs[0]!), int8Data(this.inputs[1]!), int8Data(this.output));
  }

  override stats(): OpStats {
    return { ...emptyStats(), multiplierBytes: 24 };
  }
}

export class Add extends AddSubOp {
  constructor(a: Tensor, b: Tensor, output: Tensor, act: Activation = 'none') {
    super(a, b, output, act, false);
  }
}

export class Sub extends AddSubOp {
  constructor(a: Tensor, b: Tensor, output: Tensor, act: Activation = 'none') {
    super(a, b, output, act, true);
  }
}

// ---- Minimum / Maximum --------------------------------------------------------------------------------------------

class MinMaxOp extends Op {
  readonly name: string;
  private readonly isMax: boolean;
  private bc: ref.Broadcast4D | null = null;

  constructor(a: Tensor, b: Tensor, output: Tensor, isMax: boolean) {
    super([a, b], output);
    this.isMax = isMax;
    this.name = isMax ? 'Maximum' : 'Minimum';
  }

  prepare(ctx: Context): void {
    const a = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input1');
    const b = checkInt8Activation(ctx, this.inputs[1] ?? null, 'input2');
    const out = checkInt8Activation(ctx, this.output, 'output');
    if (!sameQuant(a, out) || !sameQuant(b, out)) ctx.fail('inputs and output must share scale and zero point');
    const bc = ref.makeBroadcast4D(a.shape, b.shape);
    if (!bc) return ctx.fail('input shapes cannot be broadcast');
    const n = bc.outDims[0] * bc.outDims[1] * bc.outDims[2] * bc.outDims[3];
    if (flatSize(out.shape) !== n) ctx.fail(`output must hold ${n} values`);
    this.bc = bc;
  }

  eval(): void {
    ref.minMax(this.isMax, this.bc!, int8Data(this.inputs[0]!), int8Data(this.inputs[1]!), int8Data(this.output));
  }
}

export class Minimum extends MinMaxOp {
  constructor(a: Tensor, b: Tensor, output: Tensor) {
    super(a, b, output, false);
  }
}

export class Maximum extends MinMaxOp {
  constructor(a: Tensor, b: Tensor, output: Tensor) {
    super(a, b, output, true);
  }
}

// ---- ArgMax -------------------------------------------------------------------------------------------------------

export class ArgMax extends Op {
  readonly name = 'ArgMax';
  private readonly axis: number;
  private dims = { outer: 0, axisSize: 0, inner: 0 };

  constructor(input: Tensor, output: Tensor, axis = -1) {
    super([input], output);
    this.axis = axis;
  }

  prepare(ctx: Context): void {
    const input = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input');
    if (this.output.dtype !== 'int32') ctx.fail('output must be int32');
    const rank = input.shape.length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (rank < 1 || axis < 0 || axis >= rank) ctx.fail(`axis ${this.axis} out of range`);
    let outer = 1;
    let inner = 1;
    for (let i = 0; i < axis; i++) outer *= input.shape[i]!;
    for (let i = axis + 1; i < rank; i++) inner *= input.shape[i]!;
    const axisSize = input.shape[axis]!;
    if (axisSize < 1) ctx.fail('empty axis');
    if (flatSize(this.output.shape) !== outer * inner) ctx.fail(`output must hold ${outer * inner} values`);
    this.dims = { outer, axisSize, inner };
  }

  eval(): void {
    const { outer, axisSize, inner } = this.dims;
    ref.argMax(outer, axisSize, inner, int8Data(this.inputs[0]!), int32Data(this.output));
  }
}

// ---- Relu / Relu6 -------------------------------------------------------------------------------------------------

class ReluOp extends Op {
  readonly name: string;
  private readonly relu6: boolean;
  private p: ref.ReluParams | null = null;

  constructor(input: Tensor, output: Tensor, relu6: boolean) {
    super([input], output);
    this.relu6 = relu6;
    this.name = relu6 ? 'Relu6' : 'Relu';
  }

  prepare(ctx: Context): void {
    const input = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    if (flatSize(input.shape) !== flatSize(out.shape)) ctx.fail('input and output sizes differ');
    const m = makeMultiplier(ctx, input.quant.scale / out.quant.scale, 'output');
    const range = activationRangeInt8(this.relu6 ? 'relu6' : 'relu', out.quant.scale, out.quant.zeroPoint);
    this.p = {
      inputZeroPoint: input.quant.zeroPoint,
      outputZeroPoint: out.quant.zeroPoint,
      multiplier: m.multiplier,
      shift: m.shift,
      actMin: range.min,
      actMax: range.max,
    };
  }

  eval(): void {
    ref.relu(this.p!, flatSize(this.output.shape), int8Data(this.inputs[0]!), int8Data(this.output));
  }

  override stats(): OpStats {
    return { ...emptyStats(), multiplierBytes: 8 };
  }
}

export class Relu extends ReluOp {
  constructor(input: Tensor, output: Tensor) {
    super(input, output, false);
  }
}

export class Relu6 extends ReluOp {
  constructor(input: Tensor, output: Tensor) {
    super(input, output, true);
  }
}

// ---- Reshape, Quantize, Dequantize --------------------------------------------------------------------------------

export class Reshape extends Op {
  readonly name = 'Reshape';
  constructor(input: Tensor, output: Tensor) {
    super([input], output);
  }
  prepare(ctx: Context): void {
    const input = this.inputs[0];
    if (!input) return ctx.fail('input and output are required');
    if (input.dtype !== this.output.dtype) ctx.fail('input and output types differ');
    if (flatSize(input.shape) !== flatSize(this.output.shape)) ctx.fail('element counts differ');
    if (!sameQuant(input, this.output)) ctx.fail('input and output must share scale and zero point');
  }
  eval(): void {
    const src = this.inputs[0]!.data!;
    const dst = this.output.data!;
    new Uint8Array(dst.buffer, dst.byteOffset, dst.byteLength).set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
  }
}

export class Quantize extends Op {
  readonly name = 'Quantize';
  private p: ref.RequantizeParams | null = null;
  constructor(input: Tensor, output: Tensor) {
    super([input], output);
  }
  prepare(ctx: Context): void {
    const input = this.inputs[0];
    if (!input) return ctx.fail('input is missing');
    const out = checkInt8Activation(ctx, this.output, 'output');
    if (flatSize(input.shape) !== flatSize(out.shape)) ctx.fail('input and output sizes differ');
    this.p = null;
    if (input.dtype === 'float32') return;
    checkInt8Activation(ctx, input, 'input');
    const m = makeMultiplier(ctx, input.quant.scale / out.quant.scale, 'requantize');
    this.p = {
      inputZeroPoint: input.quant.zeroPoint,
      outputZeroPoint: out.quant.zeroPoint,
      multiplier: m.multiplier,
      shift: m.shift,
    };
  }
  eval(): void {
    const n = flatSize(this.output.shape);
    const input = this.inputs[0]!;
    if (input.dtype === 'float32') {
      ref.quantizeFloat(this.output.quant.scale, this.output.quant.zeroPoint, n, float32Data(input), int8Data(this.output));
    } else {
      ref.requantize(this.p!, n, int8Data(input), int8Data(this.output));
    }
  }
  override stats(): OpStats {
    return { ...emptyStats(), multiplierBytes: this.inputs[0]!.dtype === 'int8' ? 8 : 0 };
  }
}

export class Dequantize extends Op {
  readonly name = 'Dequantize';
  constructor(input: Tensor, output: Tensor) {
    super([input], output);
  }
  prepare(ctx: Context): void {
    const input = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input');
    if (this.output.dtype !== 'float32') ctx.fail('output must be float32');
    if (flatSize(input.shape) !== flatSize(this.output.shape)) ctx.fail('input and output sizes differ');
  }
  eval(): void {
    const input = this.inputs[0]!;
    ref.dequantize(input.quant.scale, input.quant.zeroPoint, flatSize(this.output.shape), int8Data(input), float32Data(this.output));
  }
}

// ---- Softmax ------------------------------------------------------------------------------------------------------

export class Softmax extends Op {
  readonly name = 'Softmax';
  private readonly beta: number;
  private p: ref.SoftmaxParams | null = null;

  constructor(input: Tensor, output: Tensor, beta = 1) {
    super([input], output);
    this.beta = Math.fround(beta);
  }

  prepare(ctx: Context): void {
    const input = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    if (out.quant.scale !== 1 / 256 || out.quant.zeroPoint !== -128) ctx.fail('output must have scale 1/256 and zero point -128');
    if (!sameShape(input.shape, out.shape)) ctx.fail('input and output shapes differ');
    if (input.shape.length < 1) ctx.fail('input needs at least one dimension');
    const depth = input.shape[input.shape.length - 1]!;
    if (depth < 1 || depth > 4095) ctx.fail(`last dimension ${depth} outside [1, 4095]`);
    const scaledDiffIntegerBits = 5;
    const maxReal = 2 ** 31 - 1;
    let real = this.beta * input.quant.scale * 2 ** (31 - scaledDiffIntegerBits);
    if (real > maxReal) real = maxReal;
    const q = quantizeMultiplier(real);
    if (!(real > 1) || q.shift < 0 || q.shift > 31) ctx.fail(`beta * input scale ${real} is too small`);
    const maxInputRescaled = (1.0 * ((1 << scaledDiffIntegerBits) - 1) * 2 ** (31 - scaledDiffIntegerBits)) / 2 ** q.shift;
    this.p = {
      inputMultiplier: q.multiplier,
      inputLeftShift: q.shift,
      diffMin: -Math.floor(maxInputRescaled),
      outer: Math.trunc(flatSize(input.shape) / depth),
      depth,
    };
  }

  eval(): void {
    ref.softmax(this.p!, int8Data(this.inputs[0]!), int8Data(this.output));
  }

  override stats(): OpStats {
    return { ...emptyStats(), multiplierBytes: 8 };
  }
}

// ---- Conv2D / DepthwiseConv2D -------------------------------------------------------------------------------------

export interface Conv2DOptions {
  strideH?: number;
  strideW?: number;
  padding?: ref.Padding;
  activation?: Activation;
}

export interface DepthwiseConv2DOptions extends Conv2DOptions {
  depthMultiplier?: number;
}

function checkNhwc(ctx: Context, t: Tensor, what: string): void {
  if (t.shape.length !== 4) ctx.fail(`${what} must be 4-D NHWC`);
}

function spatialParams(
  ctx: Context,
  padding: ref.Padding,
  inH: number,
  inW: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  out: Tensor,
): { outH: number; outW: number; padH: number; padW: number } {
  if (sh < 1 || sw < 1) ctx.fail('strides must be >= 1');
  const outH = ref.computeOutSize(padding, inH, kh, sh);
  const outW = ref.computeOutSize(padding, inW, kw, sw);
  if (outH < 1 || outW < 1) ctx.fail('window larger than the input');
  if (out.shape[1] !== outH || out.shape[2] !== outW) ctx.fail(`output must be ${outH}x${outW} spatially`);
  return { outH, outW, padH: ref.computePadding(sh, inH, kh, outH), padW: ref.computePadding(sw, inW, kw, outW) };
}

/** Input and filter geometry a convolution's prepare has checked before convOutputParams. */
interface ConvGeometry {
  batches: number;
  inH: number;
  inW: number;
  inC: number;
  outC: number;
  filterH: number;
  filterW: number;
  depthMultiplier: number;
}

/**
 * The end of prepare shared by Conv2D and DepthwiseConv2D (PrepareConvOutput in ops.cc): output shape, padding,
 * zero-point offsets, per-channel multipliers, activation range.
 */
function convOutputParams(ctx: Context, input: Tensor, f: Tensor, out: Tensor, g: ConvGeometry, o: Required<Conv2DOptions>): ref.ConvParams {
  if (out.shape[0] !== g.batches || out.shape[3] !== g.outC) ctx.fail(`output must be [${g.batches}, H, W, ${g.outC}]`);
  const sp = spatialParams(ctx, o.padding, g.inH, g.inW, g.filterH, g.filterW, o.strideH, o.strideW, out);
  const { multipliers, shifts } = channelMultipliers(ctx, input, f, out, g.outC);
  const range = activationRangeInt8(o.activation, out.quant.scale, out.quant.zeroPoint);
  return {
    ...g, outH: sp.outH, outW: sp.outW, strideH: o.strideH, strideW: o.strideW, padH: sp.padH, padW: sp.padW,
    inputOffset: -input.quant.zeroPoint, outputOffset: out.quant.zeroPoint, outputMultiplier: multipliers,
    outputShift: shifts, actMin: range.min, actMax: range.max,
  };
}

export class Conv2D extends Op {
  readonly name = 'Conv2D';
  private readonly options: Required<Conv2DOptions>;
  private p: ref.ConvParams | null = null;

  constructor(input: Tensor, filter: Tensor, bias: Tensor | null, output: Tensor, options: Conv2DOptions = {}) {
    super([input, filter, bias], output);
    this.options = {
      strideH: options.strideH ?? 1,
      strideW: options.strideW ?? 1,
      padding: options.padding ?? 'valid',
      activation: options.activation ?? 'none',
    };
  }

  prepare(ctx: Context): void {
    const [inp, f, bias] = this.inputs;
    const input = checkInt8Activation(ctx, inp ?? null, 'input');
    checkNhwc(ctx, input, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    checkNhwc(ctx, out, 'output');
    if (!f || f.shape.length !== 4) return ctx.fail('filter must be [Cout, KH, KW, Cin]');
    const [outC, filterH, filterW, filterC] = f.shape as [number, number, number, number];
    checkWeights(ctx, f, 0, outC, 'filter');
    checkBias(ctx, bias ?? null, outC);
    if (this.options.strideH < 1 || this.options.strideW < 1) ctx.fail('strides must be >= 1');
    const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
    if (filterC !== inC) ctx.fail(`filter depth ${filterC} != input channels ${inC}`);
    const g = { batches, inH, inW, inC, outC, filterH, filterW, depthMultiplier: 1 };
    this.p = convOutputParams(ctx, input, f, out, g, this.options);
  }

  eval(): void {
    const [input, f, bias] = this.inputs;
    ref.conv2d(this.p!, int8Data(input!), int8Data(f!), bias ? int32Data(bias) : null, int8Data(this.output));
  }

  override stats(): OpStats {
    const p = this.p!;
    const [, f, bias] = this.inputs;
    return {
      kernel: 'reference',
      macs: p.batches * p.outH * p.outW * p.outC * p.filterH * p.filterW * p.inC,
      weightBytes: tensorBytes(f!),
      biasBytes: bias ? tensorBytes(bias) : 0,
      scaleBytes: storedQuantBytes(f!.quant),
      multiplierBytes: p.outC * 8,
    };
  }
}

export class DepthwiseConv2D extends Op {
  readonly name = 'DepthwiseConv2D';
  private readonly options: Required<DepthwiseConv2DOptions>;
  private p: ref.ConvParams | null = null;

  constructor(input: Tensor, filter: Tensor, bias: Tensor | null, output: Tensor, options: DepthwiseConv2DOptions = {}) {
    super([input, filter, bias], output);
    this.options = {
      strideH: options.strideH ?? 1,
      strideW: options.strideW ?? 1,
      padding: options.padding ?? 'valid',
      activation: options.activation ?? 'none',
      depthMultiplier: options.depthMultiplier ?? 1,
    };
  }

  prepare(ctx: Context): void {
    const [inp, f, bias] = this.inputs;
    const input = checkInt8Activation(ctx, inp ?? null, 'input');
    checkNhwc(ctx, input, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    checkNhwc(ctx, out, 'output');
    if (!f || f.shape.length !== 4 || f.shape[0] !== 1) return ctx.fail('filter must be [1, KH, KW, C*M]');
    const { depthMultiplier, strideH, strideW } = this.options;
    if (depthMultiplier < 1) ctx.fail('depth multiplier must be >= 1');
    const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
    const outC = inC * depthMultiplier;
    const [, filterH, filterW, filterC] = f.shape as [number, number, number, number];
    if (filterC !== outC) ctx.fail(`filter channels ${filterC} != input channels x depth multiplier ${outC}`);
    checkWeights(ctx, f, 3, outC, 'filter');
    checkBias(ctx, bias ?? null, outC);
    if (strideH < 1 || strideW < 1) ctx.fail('strides must be >= 1');
    const g = { batches, inH, inW, inC, outC, filterH, filterW, depthMultiplier };
    this.p = convOutputParams(ctx, input, f, out, g, this.options);
  }

  eval(): void {
    const [input, f, bias] = this.inputs;
    ref.depthwiseConv2d(this.p!, int8Data(input!), int8Data(f!), bias ? int32Data(bias) : null, int8Data(this.output));
  }

  override stats(): OpStats {
    const p = this.p!;
    const [, f, bias] = this.inputs;
    return {
      kernel: 'reference',
      macs: p.batches * p.outH * p.outW * p.outC * p.filterH * p.filterW,
      weightBytes: tensorBytes(f!),
      biasBytes: bias ? tensorBytes(bias) : 0,
      scaleBytes: storedQuantBytes(f!.quant),
      multiplierBytes: p.outC * 8,
    };
  }
}

// ---- Pooling ------------------------------------------------------------------------------------------------------

export interface Pool2DOptions {
  filterH?: number;
  filterW?: number;
  strideH?: number;
  strideW?: number;
  padding?: ref.Padding;
  activation?: Activation;
}

class Pool2DOp extends Op {
  readonly name: string;
  private readonly average: boolean;
  private readonly options: Required<Pool2DOptions>;
  private p: ref.PoolParams | null = null;

  constructor(input: Tensor, output: Tensor, options: Pool2DOptions, average: boolean) {
    super([input], output);
    this.average = average;
    this.name = average ? 'AveragePool2D' : 'MaxPool2D';
    this.options = {
      filterH: options.filterH ?? 2,
      filterW: options.filterW ?? 2,
      strideH: options.strideH ?? 2,
      strideW: options.strideW ?? 2,
      padding: options.padding ?? 'valid',
      activation: options.activation ?? 'none',
    };
  }

  prepare(ctx: Context): void {
    const input = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input');
    checkNhwc(ctx, input, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    checkNhwc(ctx, out, 'output');
    if (!sameQuant(input, out)) ctx.fail('input and output must share scale and zero point');
    const { filterH, filterW, strideH, strideW, padding, activation } = this.options;
    if (filterH < 1 || filterW < 1) ctx.fail('filter size must be >= 1');
    if (strideH < 1 || strideW < 1) ctx.fail('strides must be >= 1');
    const [batches, inH, inW, channels] = input.shape as [number, number, number, number];
    if (out.shape[0] !== batches || out.shape[3] !== channels) ctx.fail(`output must be [${batches}, H, W, ${channels}]`);
    const sp = spatialParams(ctx, padding, inH, inW, filterH, filterW, strideH, strideW, out);
    const range = activationRangeInt8(activation, out.quant.scale, out.quant.zeroPoint);
    this.p = {
      batches, inH, inW, channels, outH: sp.outH, outW: sp.outW, filterH, filterW, strideH, strideW,
      padH: sp.padH, padW: sp.padW, actMin: range.min, actMax: range.max,
    };
  }

  eval(): void {
    if (this.average) ref.averagePool2d(this.p!, int8Data(this.inputs[0]!), int8Data(this.output));
    else ref.maxPool2d(this.p!, int8Data(this.inputs[0]!), int8Data(this.output));
  }
}

export class MaxPool2D extends Pool2DOp {
  constructor(input: Tensor, output: Tensor, options: Pool2DOptions = {}) {
    super(input, output, options, false);
  }
}

export class AveragePool2D extends Pool2DOp {
  constructor(input: Tensor, output: Tensor, options: Pool2DOptions = {}) {
    super(input, output, options, true);
  }
}

