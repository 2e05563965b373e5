// argMax.ts — ArgMax: int32 index of the first maximum along an axis.
// Twin of wasm/nn/include/nn/arg_max.h + wasm/nn/src/arg_max.cc.

import * as ref from '../reference';
import { flatSize, int32Data, int8Data, type Tensor } from '../tensor';
import { checkInt8Activation } from './kernelUtil';
import { Op, type Context } from './op';

export class ArgMax extends Op {
  readonly name = 'ArgMax';
  readonly axis: number;
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
