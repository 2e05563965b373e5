// The user's collected digits in IndexedDB, the way the paper's devices post their raw data: each record is the
// firmware's own 28×28 input (0..255) and the digit the user said it was.
import { IMAGE_BYTES } from '../ml/mnist/dataset';
import { DIGITS_STORE, transact } from './dataDb';

export interface CollectedDigit {
  label: number;
  pixels: Uint8Array;
  /** Date.now() when it was labelled. */
  at: number;
}

/** A stored record as it must be: anything else (another version's, a damaged one) is skipped, never trusted. */
function valid(r: unknown): r is CollectedDigit {
  const d = r as Partial<CollectedDigit> | undefined;
  return (
    !!d &&
    Number.isInteger(d.label) &&
    d.label! >= 0 &&
    d.label! <= 9 &&
    d.pixels instanceof Uint8Array &&
    d.pixels.length === IMAGE_BYTES
  );
}

export const digitStorage = {
  count: () => transact(DIGITS_STORE, 'readonly', (s) => s.count()),
  add: (digit: CollectedDigit) => transact(DIGITS_STORE, 'readwrite', (s) => s.add(digit)).then(() => undefined),
  all: async (): Promise<CollectedDigit[]> =>
    (await transact(DIGITS_STORE, 'readonly', (s) => s.getAll())).filter(valid),
  clear: () => transact(DIGITS_STORE, 'readwrite', (s) => s.clear()).then(() => undefined),
};
