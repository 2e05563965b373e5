// quantize.ts — Quantize (float32 or int8 -> int8) and Dequantize (int8 -> float32).
// Twin of wasm/nn/include/nn/quantize.h + wasm/nn/src/quantize.cc.

import * as ref from '../reference';
import { flatSize, float32Data, int8Data, type Tensor } from '../tensor';
import { checkInt8Activation, makeMultiplier } from './kernelUtil';
import { emptyStats, Op, type Context, type OpStats } from './op';

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
      ref.quantizeFloat(
        this.output.quant.scale,
        this.output.quant.zeroPoint,
        n,
        float32Data(input),
        int8Data(this.output),
      );
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
    ref.dequantize(
      input.quant.scale,
      input.quant.zeroPoint,
      flatSize(this.output.shape),
      int8Data(input),
      float32Data(this.output),
    );
  }
}
