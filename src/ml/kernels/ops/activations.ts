// activations.ts — Relu, Relu6 and Softmax.
// Twin of wasm/nn/include/nn/activations.h + wasm/nn/src/activations.cc.

import { quantizeMultiplier } from '../../quant/fixedpoint';
import { activationRangeInt8 } from '../../quant/quantize';
import * as ref from '../reference';
import { flatSize, int8Data, sameShape, type Tensor } from '../tensor';
import { checkInt8Activation, makeMultiplier } from './kernelUtil';
import { emptyStats, Op, type Context, type OpStats } from './op';

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
// ---- Softmax ------------------------------------------------------------------------------------------------------

export class Softmax extends Op {
  readonly name = 'Softmax';
  readonly beta: number;
  private p: ref.SoftmaxParams | null = null;

  constructor(input: Tensor, output: Tensor, beta = 1) {
    super([input], output);
    this.beta = Math.fround(beta);
  }

  prepare(ctx: Context): void {
    const input = checkInt8Activation(ctx, this.inputs[0] ?? null, 'input');
    const out = checkInt8Activation(ctx, this.output, 'output');
    if (out.quant.scale !== 1 / 256 || out.quant.zeroPoint !== -128)
      ctx.fail('output must have scale 1/256 and zero point -128');
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
    const maxInputRescaled =
      (1.0 * ((1 << scaledDiffIntegerBits) - 1) * 2 ** (31 - scaledDiffIntegerBits)) / 2 ** q.shift;
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
