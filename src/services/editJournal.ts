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

export class EditJournal {
  private readonly own = new Map<string, JournalEntry>();

  constructor(
    private readonly storage: Storage,
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
    for (const e of entries) this.storage.removeItem(keyOf(e.app, e.tab));
    const files = Object.assign({}, ...entries.map((e) => e.files)) as Record<string, string>;
    const mine: JournalEntry = { app: entries[0].app, tab: this.tab, baseRev, at: entries[entries.length - 1].at, files };
    this.own.set(mine.app, mine);
    this.write(mine);
  }

  drop(app: string): void {
    this.own.delete(app);
    this.storage.removeItem(keyOf(app, this.tab));
  }

  /** Every entry for `app`, this tab's and other tabs', oldest change first. */
  entries(app: string): JournalEntry[] {
    const found: JournalEntry[] = [];
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
      this.write(entry);
    }
  }

  private write(entry: JournalEntry): void {
    this.storage.setItem(keyOf(entry.app, entry.tab), JSON.stringify(entry));
  }
}

const keyOf = (app: string, tab: string) => `${PREFIX}${encodeURIComponent(app)}:${tab}`;
