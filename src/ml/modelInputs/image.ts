// An image (RGBA pixels, as a canvas gives them) as an image model's input [1, H, W, C] or [H, W, C]:
//   1. resized to H x W by area averaging (each input pixel is the mean of the image area it covers, in float64);
//   2. channels: C = 3 takes R, G, B; C = 1 takes the luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601-7,
//      section 2.5.1); alpha is ignored;
//   3. scaled to real values by a convention: 'unit' maps 0..255 onto [0, 1] (what most image models are trained
//      on), 'range' onto the float range the input's quantization represents, [scale (-128 - zp), scale (127 - zp)];
//   4. quantized with the input's scale and zero point.
import { ModelInputError, quantizeReals, shapeText, type InputSpec } from './inputSpec';

export type PixelConvention = 'unit' | 'range';

export interface RgbaImage {
  width: number;
  height: number;
  /** width x height x 4 bytes, row-major. */
  data: Uint8ClampedArray | Uint8Array;
}

/** H, W, C of an image input, or a ModelInputError naming the shape. */
export function imageDims(spec: InputSpec): { h: number; w: number; c: number } {
  const s = spec.shape;
  const ok = (s.length === 4 && s[0] === 1) || s.length === 3;
  const c = s[s.length - 1]!;
  if (!ok || (c !== 1 && c !== 3))
    throw new ModelInputError(
      `the model's input ${shapeText(s)} is not an image ([1, H, W, C] or [H, W, C] with 1 or 3 channels)`,
    );
  return { h: s[s.length - 3]!, w: s[s.length - 2]!, c };
}

/** How much of source cell k (of n source cells) target cell t (of m) covers, per source cell: weights summing to 1. */
function coverage(n: number, m: number): { from: number; weights: number[] }[] {
  return Array.from({ length: m }, (_, t) => {
    const a = (t * n) / m;
    const b = ((t + 1) * n) / m;
    const from = Math.floor(a);
    const weights: number[] = [];
    for (let k = from; k < b; k++) weights.push((Math.min(k + 1, b) - Math.max(k, a)) / (b - a));
    return { from, weights };
  });
}

export function imageToInput(image: RgbaImage, spec: InputSpec, convention: PixelConvention = 'unit'): Int8Array {
  const { h, w, c } = imageDims(spec);
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 4)
    throw new ModelInputError(`an image of ${image.width}x${image.height} pixels with ${image.data.length} bytes`);
  const cols = coverage(image.width, w);
  const rows = coverage(image.height, h);
  const [lo, hi] =
    convention === 'unit' ? [0, 1] : [spec.scale * (-128 - spec.zeroPoint), spec.scale * (127 - spec.zeroPoint)];
  const real = new Float64Array(h * w * c);
  const px = new Float64Array(3);
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      px.fill(0);
      const row = rows[ty]!;
      const col = cols[tx]!;
      row.weights.forEach((wy, dy) => {
        col.weights.forEach((wx, dx) => {
          const at = ((row.from + dy) * image.width + col.from + dx) * 4;
          for (let k = 0; k < 3; k++) px[k]! += wy * wx * image.data[at + k]!;
        });
      });
      const out = (ty * w + tx) * c;
      const channels = c === 3 ? [px[0]!, px[1]!, px[2]!] : [0.299 * px[0]! + 0.587 * px[1]! + 0.114 * px[2]!];
      channels.forEach((v, k) => (real[out + k] = lo + ((hi - lo) * v) / 255));
    }
  }
  return quantizeReals(real, spec);
}
