// pooling.ts — MaxPool2D and AveragePool2D.
// Twin of wasm/nn/include/nn/pooling.h + wasm/nn/src/pooling.cc.

import { activationRangeInt8, type Activation } from '../../quant/quantize';
import * as ref from '../reference';
import { int8Data, type Tensor } from '../tensor';
import { checkInt8Activation, checkNhwc, sameQuant, spatialParams } from './kernelUtil';
import { Op, type Context } from './op';

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
  readonly options: Required<Pool2DOptions>;
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
    if (out.shape[0] !== batches || out.shape[3] !== channels)
      ctx.fail(`output must be [${batches}, H, W, ${channels}]`);
    const sp = spatialParams(ctx, padding, inH, inW, filterH, filterW, strideH, strideW, 1, 1, out);
    const range = activationRangeInt8(activation, out.quant.scale, out.quant.zeroPoint);
    this.p = {
      batches,
      inH,
      inW,
      channels,
      outH: sp.outH,
      outW: sp.outW,
      filterH,
      filterW,
      strideH,
      strideW,
      padH: sp.padH,
      padW: sp.padW,
      actMin: range.min,
      actMax: range.max,
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
