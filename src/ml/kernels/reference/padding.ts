// padding.ts — TFLite's output size and padding for windowed ops (convolutions and pooling).

export type Padding = 'same' | 'valid';

/**
 * TFLite output size. `filterSize` is the effective size: (filter - 1) * dilation + 1 for a dilated convolution, as
 * TFLM's ComputePaddingHeightWidth passes it.
 */
export function computeOutSize(padding: Padding, inSize: number, filterSize: number, stride: number): number {
  if (stride <= 0) return 0;
  if (padding === 'same') return Math.trunc((inSize + stride - 1) / stride);
  const n = inSize + stride - filterSize;
  return n < 0 ? 0 : Math.trunc(n / stride);
}

/** Leading (top/left) padding for the effective filter size; the odd extra cell goes to the bottom/right. */
export function computePadding(stride: number, inSize: number, filterSize: number, outSize: number): number {
  const padding = Math.trunc(((outSize - 1) * stride + filterSize - inSize) / 2);
  return padding > 0 ? padding : 0;
}
