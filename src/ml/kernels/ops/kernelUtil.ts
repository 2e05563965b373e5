// kernelUtil.ts — checks and multiplier set-up shared by the ops' prepare steps.
// Twin of wasm/nn/include/nn/kernel_util.h + wasm/nn/src/kernel_util.cc.

import { quantizeMultiplier } from '../../quant/fixedpoint';
import * as ref from '../reference';
import { flatSize, scaleAt, type Tensor } from '../tensor';
import type { Context } from './op';

export function checkInt8Activation(ctx: Context, t: Tensor | null, what: string): Tensor {
  if (!t) return ctx.fail(`${what} is missing`);
  if (t.dtype !== 'int8') ctx.fail(`${what} must be int8, got ${t.dtype}`);
  if (t.shape.length > 4) ctx.fail(`${what} has an invalid rank`);
  if (!(t.quant.scale > 0)) ctx.fail(`${what} needs a positive scale`);
  if (t.quant.zeroPoint < -128 || t.quant.zeroPoint > 127) {
    ctx.fail(`${what} zero point ${t.quant.zeroPoint} outside [-128, 127]`);
  }
  return t;
}

export function makeMultiplier(ctx: Context, real: number, what: string): { multiplier: number; shift: number } {
  const q = quantizeMultiplier(real);
  if (q.shift < -31 || q.shift > 30) ctx.fail(`${what} multiplier ${real} out of range (shift ${q.shift})`);
  return q;
}

export function sameQuant(a: Tensor, b: Tensor): boolean {
  return a.quant.scale === b.quant.scale && a.quant.zeroPoint === b.quant.zeroPoint;
}

export function checkWeights(ctx: Context, w: Tensor | null, axis: number, channels: number, what: string): Tensor {
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

export function checkBias(ctx: Context, b: Tensor | null, channels: number): void {
  if (!b) return;
  if (b.dtype !== 'int32' || !b.isConst || !b.data) ctx.fail('bias must be const int32');
  if (flatSize(b.shape) !== channels) ctx.fail(`bias has ${flatSize(b.shape)} elements, expected ${channels}`);
}

export function channelMultipliers(
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

export function checkNhwc(ctx: Context, t: Tensor, what: string): void {
  if (t.shape.length !== 4) ctx.fail(`${what} must be 4-D NHWC`);
}

export function spatialParams(
  ctx: Context,
  padding: ref.Padding,
  inH: number,
  inW: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  dh: number,
  dw: number,
  out: Tensor,
): { outH: number; outW: number; padH: number; padW: number } {
  if (sh < 1 || sw < 1) ctx.fail('strides must be >= 1');
  if (dh < 1 || dw < 1) ctx.fail('dilation must be >= 1');
  // The window a dilated filter spans (TFLM's effective filter size).
  const effH = (kh - 1) * dh + 1;
  const effW = (kw - 1) * dw + 1;
  const outH = ref.computeOutSize(padding, inH, effH, sh);
  const outW = ref.computeOutSize(padding, inW, effW, sw);
  if (outH < 1 || outW < 1) ctx.fail('window larger than the input');
  if (out.shape[1] !== outH || out.shape[2] !== outW) ctx.fail(`output must be ${outH}x${outW} spatially`);
  return { outH, outW, padH: ref.computePadding(sh, inH, effH, outH), padW: ref.computePadding(sw, inW, effW, outW) };
}
