import { describe, expect, it } from 'vitest';
import {
  activationRangeInt8,
  chooseQuantParams,
  dequantizeValue,
  quantizeBias,
  quantizeInt8,
  quantizeValue,
  quantizeWeight,
  quantizeWeights,
  symmetricPerChannelScales,
  symmetricScale,
} from './quantize';

describe('quantizeValue (AffineQuantize)', () => {
  it('rounds ties away from zero', () => {
    expect(quantizeInt8(1.125, 0.25, 0)).toBe(5); // 4.5 -> 5
    expect(quantizeInt8(-1.125, 0.25, 0)).toBe(-5); // -4.5 -> -5
    expect(quantizeInt8(0.125, 0.25, -3)).toBe(-2); // 0.5 -> 1, + zp
  });
  it('saturates to the int8 range and to [-127, 127] for weights', () => {
    expect(quantizeInt8(1000, 0.1, 0)).toBe(127);
    expect(quantizeInt8(-1000, 0.1, 10)).toBe(-128);
    expect(quantizeWeight(-1000, 0.1)).toBe(-127);
    expect(quantizeValue(Number.NaN, 0.1, 7, -128, 127)).toBe(7);
    expect(quantizeInt8(Infinity, 0.1, 0)).toBe(127);
  });
  it('divides in float32 (as C++ float / float does)', () => {
    // 0.25f / 0.1f is 2.4999999627 in double but exactly 2.5 in float32, which rounds to 3.
    expect(0.25 / Math.fround(0.1)).toBeLessThan(2.5);
    expect(quantizeInt8(0.25, 0.1, 0)).toBe(3);
    expect(quantizeInt8(-0.25, 0.1, 0)).toBe(-3);
  });
  it('dequantizes as float32(double(scale) * (q - zp))', () => {
    expect(dequantizeValue(10, 0.25, 2)).toBe(2);
    expect(dequantizeValue(-128, Math.fround(0.1), -128)).toBe(0);
  });
});

describe('chooseQuantParams (asymmetric, nudged zero point)', () => {
  it('maps [0, 6] like a ReLU6 output', () => {
    const p = chooseQuantParams(0, 6);
    expect(p.scale).toBe(Math.fround(6 / 255));
    expect(p.zeroPoint).toBe(-128);
  });
  it('nudges the zero point of a symmetric range from -0.5 to -1 (rounding away from zero)', () => {
    const p = chooseQuantParams(-1, 1);
    expect(p.scale).toBe(Math.fround(2 / 255));
    expect(p.zeroPoint).toBe(-1); // the max side has the smaller error: 127 - 1 / (2/255) = -0.5
  });
  it('widens ranges to contain 0 and handles the empty range', () => {
    expect(chooseQuantParams(2, 4).zeroPoint).toBe(-128);
    expect(chooseQuantParams(-4, -2).zeroPoint).toBe(127);
    expect(chooseQuantParams(0, 0)).toEqual({ scale: 1, zeroPoint: 0 });
  });
  it('represents 0 exactly', () => {
    for (const [lo, hi] of [
      [-0.3, 7.1],
      [-13, 2],
      [-0.001, 0.5],
    ] as const) {
      const p = chooseQuantParams(lo, hi);
      expect(dequantizeValue(p.zeroPoint, p.scale, p.zeroPoint)).toBe(0);
      expect(quantizeInt8(0, p.scale, p.zeroPoint)).toBe(p.zeroPoint);
    }
  });
});

describe('activation ranges', () => {
  it('clamps ReLU at the zero point and ReLU6 at q(6)', () => {
    expect(activationRangeInt8('none', 0.1, 5)).toEqual({ min: -128, max: 127 });
    expect(activationRangeInt8('relu', 0.1, 5)).toEqual({ min: 5, max: 127 });
    expect(activationRangeInt8('relu6', 0.1, -100)).toEqual({ min: -100, max: -40 });
    expect(activationRangeInt8('relu6', 0.01, 0)).toEqual({ min: 0, max: 127 });
  });
});

describe('symmetric weights and biases', () => {
  it('per-channel scales are max|w|/127 along the axis', () => {
    const w = [1, -2, 0.5, 0.25, 0, 0]; // [3 channels, 2]
    expect(Array.from(symmetricPerChannelScales(w, [3, 2], 0))).toEqual([2 / 127, 0.5 / 127, 1].map(Math.fround));
    expect(symmetricScale(w)).toBe(Math.fround(2 / 127));
    // axis 3 (depthwise 1HWC): channel = index % C
    expect(Array.from(symmetricPerChannelScales([1, 4, -3, 2], [1, 1, 2, 2], 3))).toEqual(
      [3 / 127, 4 / 127].map(Math.fround),
    );
  });
  it('quantizes weights per channel to [-127, 127]', () => {
    const w = [1, -2, 0.5, 0.25];
    const scales = symmetricPerChannelScales(w, [2, 2], 0);
    expect(Array.from(quantizeWeights(w, [2, 2], scales, 0))).toEqual([64, -127, 127, 64]);
  });
  it('quantizes biases with the float32 product of input and weight scales', () => {
    expect(quantizeBias(1, 0.5, 0.25)).toBe(8);
    expect(quantizeBias(-0.3125, 0.5, 0.25)).toBe(-3); // -2.5 -> -3
    expect(quantizeBias(1e30, 1e-3, 1e-3)).toBe(2147483647);
  });
});
