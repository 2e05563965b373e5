// fullyConnected.ts — FullyConnected: y = act(x W^T + b).
// Twin of wasm/nn/include/nn/fully_connected.h + wasm/nn/src/fully_connected.cc.

import { activationRangeInt8, type Activation } from '../../quant/quantize';
import * as ref from '../reference';
import { flatSize, int32Data, int8Data, storedQuantBytes, tensorBytes, type Tensor } from '../tensor';
import { channelMultipliers, checkBias, checkInt8Activation, checkWeights } from './kernelUtil';
import { Op, type Context, type OpStats } from './op';

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
  readonly act: Activation;
  private readonly kernel: FcKernel;
  private p: ref.FullyConnectedParams | null = null;

  constructor(
    input: Tensor,
    weights: Tensor,
    bias: Tensor | null,
    output: Tensor,
    options: FullyConnectedOptions = {},
  ) {
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
