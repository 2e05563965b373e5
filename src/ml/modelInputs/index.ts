// Model inputs from files (docs/model-runner.md): raw int8 or float32 tensors, .npy arrays and images, each turned
// into the int8 tensor the model's input takes, or a ModelInputError that says why not. Pure: the page decodes an
// image to RGBA pixels first (src/ui/model/decodeImage.ts).
import { npyToInput } from './npy';
import { elementsOf, ModelInputError, shapeText, type InputSpec } from './inputSpec';
import { parseRawFloat32, parseRawInt8 } from './rawTensor';

export { ModelInputError, elementsOf, type InputSpec } from './inputSpec';
export { parseRawInt8, parseRawFloat32 } from './rawTensor';
export { parseNpy, npyToInput, type NpyArray } from './npy';
export { imageToInput, imageDims, type PixelConvention, type RgbaImage } from './image';

export type TensorFileKind = 'int8' | 'float32' | 'npy';

const IMAGE_NAME = /\.(png|jpe?g|gif|bmp|webp|avif)$/i;

export const isImageFile = (name: string): boolean => IMAGE_NAME.test(name);

/**
 * How a non-image file is read: `.npy` by its header; `.f32`/`.float32` as float32 and `.i8`/`.int8` as int8; any
 * other name by its size (the input's element count: int8, four times that: float32).
 */
export function tensorFileKind(name: string, bytes: Uint8Array, spec: InputSpec): TensorFileKind {
  if (/\.npy$/i.test(name)) return 'npy';
  if (/\.(f32|float32)(\.bin)?$/i.test(name)) return 'float32';
  if (/\.(i8|int8)(\.bin)?$/i.test(name)) return 'int8';
  const n = elementsOf(spec);
  if (bytes.length === n) return 'int8';
  if (bytes.length === 4 * n) return 'float32';
  throw new ModelInputError(
    `${name}: ${bytes.length} bytes; the model's input ${shapeText(spec.shape)} takes ${n} bytes as raw int8 or ` +
      `${4 * n} as raw float32 (or give a .npy file or an image)`,
  );
}

/** A tensor file (not an image) as the model's input. */
export function tensorFileToInput(name: string, bytes: Uint8Array, spec: InputSpec): Int8Array {
  const kind = tensorFileKind(name, bytes, spec);
  if (kind === 'npy') return npyToInput(bytes, spec);
  return kind === 'int8' ? parseRawInt8(bytes, spec) : parseRawFloat32(bytes, spec);
}
