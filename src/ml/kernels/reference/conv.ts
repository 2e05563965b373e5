// conv.ts — the Conv2D and DepthwiseConv2D reference kernels.

import { multiplyByQuantizedMultiplier, wrapAdd } from '../../quant/fixedpoint';
import { clamp } from './clamp';

export interface ConvParams {
  batches: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  filterH: number;
  filterW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padH: number;
  padW: number;
  depthMultiplier: number;
  inputOffset: number;
  outputOffset: number;
  outputMultiplier: Int32Array;
  outputShift: Int32Array;
  actMin: number;
  actMax: number;
}

/** NHWC input, OHWI filter, per-output-channel requantization; filter tap (fy, fx) reads input row inY0 + dilationH·fy. */
export function conv2d(
  p: ConvParams,
  input: Int8Array,
  filter: Int8Array,
  bias: Int32Array | null,
  output: Int8Array,
): void {
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outH; oy++) {
      const inY0 = oy * p.strideH - p.padH;
      for (let ox = 0; ox < p.outW; ox++) {
        const inX0 = ox * p.strideW - p.padW;
        for (let oc = 0; oc < p.outC; oc++) {
          let acc = 0;
          for (let fy = 0; fy < p.filterH; fy++) {
            const iy = inY0 + p.dilationH * fy;
            if (iy < 0 || iy >= p.inH) continue;
            for (let fx = 0; fx < p.filterW; fx++) {
              const ix = inX0 + p.dilationW * fx;
              if (ix < 0 || ix >= p.inW) continue;
              const xBase = ((b * p.inH + iy) * p.inW + ix) * p.inC;
              const wBase = ((oc * p.filterH + fy) * p.filterW + fx) * p.inC;
              for (let ic = 0; ic < p.inC; ic++) {
                acc = (acc + Math.imul(filter[wBase + ic]!, input[xBase + ic]! + p.inputOffset)) | 0;
              }
            }
          }
          if (bias) acc = wrapAdd(acc, bias[oc]!);
          acc = multiplyByQuantizedMultiplier(acc, p.outputMultiplier[oc]!, p.outputShift[oc]!) + p.outputOffset;
          output[((b * p.outH + oy) * p.outW + ox) * p.outC + oc] = clamp(acc, p.actMin, p.actMax);
        }
      }
    }
  }
}

/** NHWC input, 1HWC filter (C = inC * depthMultiplier). */
export function depthwiseConv2d(
  p: ConvParams,
  input: Int8Array,
  filter: Int8Array,
  bias: Int32Array | null,
  output: Int8Array,
): void {
  for (let b = 0; b < p.batches; b++) {
    for (let oy = 0; oy < p.outH; oy++) {
      const inY0 = oy * p.strideH - p.padH;
      for (let ox = 0; ox < p.outW; ox++) {
        const inX0 = ox * p.strideW - p.padW;
        for (let ic = 0; ic < p.inC; ic++) {
          for (let m = 0; m < p.depthMultiplier; m++) {
            const oc = ic * p.depthMultiplier + m;
            let acc = 0;
            for (let fy = 0; fy < p.filterH; fy++) {
              const iy = inY0 + p.dilationH * fy;
              if (iy < 0 || iy >= p.inH) continue;
              for (let fx = 0; fx < p.filterW; fx++) {
                const ix = inX0 + p.dilationW * fx;
                if (ix < 0 || ix >= p.inW) continue;
                const x = input[((b * p.inH + iy) * p.inW + ix) * p.inC + ic]!;
                const w = filter[(fy * p.filterW + fx) * p.outC + oc]!;
                acc = (acc + Math.imul(w, x + p.inputOffset)) | 0;
              }
            }
            if (bias) acc = wrapAdd(acc, bias[oc]!);
            acc = multiplyByQuantizedMultiplier(acc, p.outputMultiplier[oc]!, p.outputShift[oc]!) + p.outputOffset;
            output[((b * p.outH + oy) * p.outW + ox) * p.outC + oc] = clamp(acc, p.actMin, p.actMax);
          }
        }
      }
    }
  }
}
