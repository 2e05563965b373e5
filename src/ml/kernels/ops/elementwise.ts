// elementwise.ts — broadcasting binary ops: Add, Sub, Minimum, Maximum.
// Twin of wasm/nn/include/nn/elementwise.h + wasm/nn/src/elementwise.cc.

import { activationRangeInt8, type Activation } from '../../quant/quantize';
import * as ref from '../reference';
import { flatSize, int8Data, type Tensor } from '../tensor';
import { checkInt8Activation, makeMultiplier, sameQuant } from './kernelUtil';
import { emptyStats, Op, type Context, type OpStats } from './op';

// ---- Add / Sub ----------------------------------------------------------------------------------------------------

class AddSubOp extends Op {
  readonly name: string;
  readonly act: Activation;
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
