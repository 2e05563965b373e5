// The user's collected digits in IndexedDB, the way the paper's devices post their raw data: each record is the
// firmware's own 28×28 input (0..255) and the digit the user said it was. A database of its own, so it never
// touches the saved projects' schema.
import { IMAGE_BYTES } from '../ml/mnist/dataset';

const DB = 'tinyml-sim-data';
const STORE = 'mnist-digits';

export interface CollectedDigit {
  label: number;
  pixels: Uint8Array;
  /** Date.now() when it was labelled. */
  at: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

async function transact<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
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
  count: () => transact('readonly', (s) => s.count()),
  add: (digit: CollectedDigit) => transact('readwrite', (s) => s.add(digit)).then(() => undefined),
  all: async (): Promise<CollectedDigit[]> => (await transact('readonly', (s) => s.getAll())).filter(valid),
  clear: () => transact('readwrite', (s) => s.clear()).then(() => undefined),
};
