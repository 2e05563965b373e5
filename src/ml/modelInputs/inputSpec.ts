// What a model's input takes (its shape and quantization) and the one error every input parser throws.
import { flatSize } from '../kernels/tensor';
import { quantizeInt8 } from '../quant/quantize';

/** An int8 model input: shape (e.g. [1, 49, 10, 1]) and per-tensor quantization. */
export interface InputSpec {
  shape: readonly number[];
  scale: number;
  zeroPoint: number;
}

/** Every input a parser cannot turn into the model's input, with the reason in words. */
export class ModelInputError extends Error {
  override name = 'ModelInputError';
}

export const elementsOf = (spec: InputSpec): number => flatSize(spec.shape);

export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Real values quantized with the input's scale and zero point (TFLM AffineQuantize, as the firmware does). */
export function quantizeReals(values: ArrayLike<number>, spec: InputSpec): Int8Array {
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new ModelInputError(`element ${i} is ${v}: inputs must be finite numbers`);
    out[i] = quantizeInt8(v, spec.scale, spec.zeroPoint);
  }
  return out;
}
