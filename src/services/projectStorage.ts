// Persists the user's edits per demo in IndexedDB so a reload or a crash loses nothing.

const DB = 'tinyml-sim';
const STORE = 'projects';

export interface SavedProject {
  files: Record<string, string>;
  savedAt: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

async function request<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export const projectStorage = {
  load: (app: string) => request<SavedProject | undefined>('readonly', (s) => s.get(app)),
  save: (app: string, files: Record<string, string>) =>
    request<void>('readwrite', (s) => s.put({ files, savedAt: Date.now() } satisfies SavedProject, app)),
  remove: (app: string) => request<void>('readwrite', (s) => s.delete(app)),
};
