// A synchronous journal of edits not yet in IndexedDB: every change is written to localStorage at once, so an edit
// typed just before the tab closes or crashes is still there on the next load. One entry per demo and tab.

export interface JournalEntry {
  app: string;
  tab: string;
  /** The stored revision the edits apply to. */
  baseRev: number;
  /** Epoch ms of the last change. */
  at: number;
  /** The full text of every file changed since that revision. */
  files: Record<string, string>;
  /** Set when the tab was closed with the edits unsaved. */
  closed?: boolean;
}

const PREFIX = 'tinyml-sim:journal:';

/** The page's localStorage, or undefined where the browser denies it (storage disabled, sandboxed frames). */
export function localStorageOrUndefined(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export class EditJournal {
  private readonly own = new Map<string, JournalEntry>();

  /** Without a storage every change is refused (record throws) and nothing is found. */
  constructor(
    private readonly storage: Storage | undefined,
    readonly tab: string,
  ) {}

  /** Records one change; throws when the browser refuses to store it (quota, storage disabled). */
  record(app: string, baseRev: number, path: string, text: string, at: number): void {
    const entry = this.own.get(app) ?? { app, tab: this.tab, baseRev, at, files: {} };
    entry.baseRev = baseRev;
    entry.at = at;
    entry.files[path] = text;
    delete entry.closed;
    this.own.set(app, entry);
    this.write(entry);
  }

  /** The edits now apply to `baseRev` (an earlier save succeeded while more edits came in). */
  rebase(app: string, baseRev: number): void {
    const entry = this.own.get(app);
    if (!entry) return;
    entry.baseRev = baseRev;
    this.write(entry);
  }

  /** Makes `entries` (this tab's or left behind by others) one entry of this tab, on `baseRev`. */
  take(entries: JournalEntry[], baseRev: number): void {
    if (!entries.length) return;
    const files = Object.assign({}, ...entries.map((e) => e.files)) as Record<string, string>;
    const mine: JournalEntry = {
      app: entries[0].app,
      tab: this.tab,
      baseRev,
      at: entries[entries.length - 1].at,
      files,
    };
    this.own.set(mine.app, mine);
    // Ours is written before the others go, so a refused write loses none of them.
    this.write(mine);
    for (const e of entries) if (e.tab !== this.tab) this.storage?.removeItem(keyOf(e.app, e.tab));
  }

  drop(app: string): void {
    this.own.delete(app);
    this.storage?.removeItem(keyOf(app, this.tab));
  }

  /** Every entry for `app`, this tab's and other tabs', oldest change first. */
  entries(app: string): JournalEntry[] {
    const found: JournalEntry[] = [];
    if (!this.storage) return found;
    const prefix = `${PREFIX}${encodeURIComponent(app)}:`;
    const broken: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(prefix)) continue;
      try {
        found.push(JSON.parse(this.storage.getItem(key)!) as JournalEntry);
      } catch {
        broken.push(key);
      }
    }
    for (const key of broken) this.storage.removeItem(key);
    return found.sort((a, b) => a.at - b.at);
  }

  /** Marks this tab's entries as left behind, so another tab may take them over at once. */
  closeAll(): void {
    for (const entry of this.own.values()) {
      entry.closed = true;
      try {
        this.write(entry);
      } catch {
        // Refused: the entry stays as it was, and is taken over once this tab's presence is gone.
      }
    }
  }

  private write(entry: JournalEntry): void {
    if (!this.storage) throw new Error('localStorage is not available');
    this.storage.setItem(keyOf(entry.app, entry.tab), JSON.stringify(entry));
  }
}

const keyOf = (app: string, tab: string) => `${PREFIX}${encodeURIComponent(app)}:${tab}`;
