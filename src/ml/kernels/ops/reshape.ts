// reshape.ts — Reshape: same data, new shape.
// Twin of wasm/nn/include/nn/reshape.h + wasm/nn/src/reshape.cc.

import { flatSize, type Tensor } from '../tensor';
import { sameQuant } from './kernelUtil';
import { Op, type Context } from './op';

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
    new Uint8Array(dst.buffer, dst.byteOffset, dst.byteLength).set(
      new Uint8Array(src.buffer, src.byteOffset, src.byteLength),
    );
  }
}
