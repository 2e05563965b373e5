// The data the device posts, kept in this browser's IndexedDB: the MNIST digits the user labelled and the anomaly
// demo's readings. A database of its own, so it never touches the saved projects' schema.

const DB = 'tinyml-sim-data';
export const DIGITS_STORE = 'mnist-digits';
export const READINGS_STORE = 'anomaly-readings';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(DIGITS_STORE)) db.createObjectStore(DIGITS_STORE, { autoIncrement: true });
      // Readings chunks carry their key (`id`), so one read gives both the chunks and what to delete.
      if (!db.objectStoreNames.contains(READINGS_STORE))
        db.createObjectStore(READINGS_STORE, { keyPath: 'id', autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** Runs one request in its own transaction on `store`; resolves with its result once the transaction committed. */
export async function transact<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}
