// Raw tensors: the bytes of one input in the model's input layout (row-major, as TFLite stores it), either int8
// values as they go into the model or little-endian float32 values, quantized with the input's scale and zero point.
import { elementsOf, ModelInputError, quantizeReals, shapeText, type InputSpec } from './inputSpec';

export function parseRawInt8(bytes: Uint8Array, spec: InputSpec): Int8Array {
  const n = elementsOf(spec);
  if (bytes.length !== n)
    throw new ModelInputError(
      `a raw int8 input of ${bytes.length} bytes; the model's input ${shapeText(spec.shape)} takes ${n} bytes`,
    );
  return new Int8Array(bytes.slice().buffer);
}

export function parseRawFloat32(bytes: Uint8Array, spec: InputSpec): Int8Array {
  const n = elementsOf(spec);
  if (bytes.length !== 4 * n)
    throw new ModelInputError(
      `a raw float32 input of ${bytes.length} bytes; the model's input ${shapeText(spec.shape)} takes ${n} floats ` +
        `(${4 * n} bytes)`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return quantizeReals(
    Float32Array.from({ length: n }, (_, i) => view.getFloat32(4 * i, true)),
    spec,
  );
}
