// Stores each demo's edited sources in IndexedDB, one record per demo with a revision number, so that two tabs
// never overwrite each other unseen: a write succeeds only on top of the revision the writer started from.

const DB = 'tinyml-sim';
const STORE = 'projects';

export interface StoredProject {
  files: Record<string, string>;
  savedAt: number;
  /** 1 for the first save, +1 for every save after it. */
  rev: number;
  /** The tab that wrote it. */
  tab: string;
}

export type PutResult = { ok: true } | { ok: false; current: StoredProject };

/** Where projects are kept durably; IndexedDB in the page. */
export interface ProjectStore {
  load(app: string): Promise<StoredProject | undefined>;
  /** Writes `project` if the stored revision is still `baseRev` (0: nothing stored), else returns what is stored. */
  put(app: string, project: StoredProject, baseRev: number): Promise<PutResult>;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** Runs `fn` in one transaction; resolves with its result once the transaction has committed. */
async function transact<T>(
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore, done: (v: T) => void) => void,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      let value: T;
      fn(tx.objectStore(STORE), (v) => (value = v));
      tx.oncomplete = () => resolve(value);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

// Records saved before revisions existed count as revision 0.
const revOf = (p: StoredProject) => p.rev ?? 0;

export const indexedDbProjectStore: ProjectStore = {
  load: (app) =>
    transact<StoredProject | undefined>('readonly', (s, done) => {
      const req = s.get(app);
      req.onsuccess = () => done(req.result as StoredProject | undefined);
    }),
  // Read and write in one readwrite transaction: IndexedDB serialises those across tabs, so the check is atomic.
  put: (app, project, baseRev) =>
    transact<PutResult>('readwrite', (s, done) => {
      const req = s.get(app);
      req.onsuccess = () => {
        const current = req.result as StoredProject | undefined;
        if (current && revOf(current) !== baseRev) return done({ ok: false, current });
        s.put(project, app);
        done({ ok: true });
      };
    }),
};
