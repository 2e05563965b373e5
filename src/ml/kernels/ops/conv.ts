// conv.ts — Conv2D and DepthwiseConv2D, which share the output-parameter step of prepare.
// Twin of wasm/nn/include/nn/conv.h + wasm/nn/src/conv.cc.

import { activationRangeInt8, type Activation } from '../../quant/quantize';
import * as ref from '../reference';
import { int32Data, int8Data, storedQuantBytes, tensorBytes, type Tensor } from '../tensor';
import {
  channelMultipliers,
  checkBias,
  checkInt8Activation,
  checkNhwc,
  checkWeights,
  spatialParams,
} from './kernelUtil';
import { Op, type Context, type OpStats } from './op';

export interface Conv2DOptions {
  strideH?: number;
  strideW?: number;
  /** Filter taps are dilationH input rows apart (TFLite dilation_h_factor); 1 = a dense filter. */
  dilationH?: number;
  dilationW?: number;
  padding?: ref.Padding;
  activation?: Activation;
}

export interface DepthwiseConv2DOptions extends Conv2DOptions {
  depthMultiplier?: number;
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
 * The end of prepare shared by Conv2D and DepthwiseConv2D (PrepareConvOutput in conv.cc): output shape, padding,
 * zero-point offsets, per-channel multipliers, activation range.
 */
function convOutputParams(
  ctx: Context,
  input: Tensor,
  f: Tensor,
  out: Tensor,
  g: ConvGeometry,
  o: Required<Conv2DOptions>,
): ref.ConvParams {
  if (out.shape[0] !== g.batches || out.shape[3] !== g.outC) ctx.fail(`output must be [${g.batches}, H, W, ${g.outC}]`);
  const sp = spatialParams(
    ctx,
    o.padding,
    g.inH,
    g.inW,
    g.filterH,
    g.filterW,
    o.strideH,
    o.strideW,
    o.dilationH,
    o.dilationW,
    out,
  );
  const { multipliers, shifts } = channelMultipliers(ctx, input, f, out, g.outC);
  const range = activationRangeInt8(o.activation, out.quant.scale, out.quant.zeroPoint);
  return {
    ...g,
    outH: sp.outH,
    outW: sp.outW,
    strideH: o.strideH,
    strideW: o.strideW,
    dilationH: o.dilationH,
    dilationW: o.dilationW,
    padH: sp.padH,
    padW: sp.padW,
    inputOffset: -input.quant.zeroPoint,
    outputOffset: out.quant.zeroPoint,
    outputMultiplier: multipliers,
    outputShift: shifts,
    actMin: range.min,
    actMax: range.max,
  };
}

/** Figures of either convolution; `macsPerTap` is the input channels each output value sums per filter tap. */
function convStats(p: ref.ConvParams, [, f, bias]: readonly (Tensor | null)[], macsPerTap: number): OpStats {
  return {
    kernel: 'reference',
    macs: p.batches * p.outH * p.outW * p.outC * p.filterH * p.filterW * macsPerTap,
    weightBytes: tensorBytes(f!),
    biasBytes: bias ? tensorBytes(bias) : 0,
    scaleBytes: storedQuantBytes(f!.quant),
    multiplierBytes: p.outC * 8,
  };
}

export class Conv2D extends Op {
  readonly name = 'Conv2D';
  readonly options: Required<Conv2DOptions>;
  private p: ref.ConvParams | null = null;

  constructor(input: Tensor, filter: Tensor, bias: Tensor | null, output: Tensor, options: Conv2DOptions = {}) {
    super([input, filter, bias], output);
    this.options = {
      strideH: options.strideH ?? 1,
      strideW: options.strideW ?? 1,
      dilationH: options.dilationH ?? 1,
      dilationW: options.dilationW ?? 1,
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
    return convStats(this.p!, this.inputs, this.p!.inC);
  }
}

export class DepthwiseConv2D extends Op {
  readonly name = 'DepthwiseConv2D';
  readonly options: Required<DepthwiseConv2DOptions>;
  private p: ref.ConvParams | null = null;

  constructor(
    input: Tensor,
    filter: Tensor,
    bias: Tensor | null,
    output: Tensor,
    options: DepthwiseConv2DOptions = {},
  ) {
    super([input, filter, bias], output);
    this.options = {
      strideH: options.strideH ?? 1,
      strideW: options.strideW ?? 1,
      dilationH: options.dilationH ?? 1,
      dilationW: options.dilationW ?? 1,
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
    return convStats(this.p!, this.inputs, 1);
  }
}
