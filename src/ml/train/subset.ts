// subset.ts — the first `count` digits of a set (the bundled sets are shuffled, so every digit is among them).
import { IMAGE_BYTES, type DigitSet } from '../mnist/dataset';

export function subset(set: DigitSet, count: number): DigitSet {
  const n = Math.min(count, set.count);
  return {
    count: n,
    labels: set.labels.slice(0, n),
    source: set.source.slice(0, n),
    images: set.images.slice(0, n * IMAGE_BYTES),
  };
}
