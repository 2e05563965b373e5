// An image file decoded by the browser (createImageBitmap, any format it reads: PNG, JPEG, GIF, WebP, …) to RGBA
// pixels at its own size; src/ml/modelInputs resizes and quantizes them.
import { ModelInputError, type RgbaImage } from '../../ml/modelInputs';

/** Larger images are refused rather than decoded into hundreds of megabytes. */
const MAX_PIXELS = 4096 * 4096;

export async function decodeImage(file: Blob, name: string): Promise<RgbaImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ModelInputError(`${name}: the browser cannot decode it as an image`);
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_PIXELS)
      throw new ModelInputError(`${name}: ${width}x${height} pixels (at most ${MAX_PIXELS.toLocaleString('en-US')})`);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return { width, height, data: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}
