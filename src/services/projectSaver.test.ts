import { describe, expect, it } from 'vitest';
import { EditJournal } from './editJournal';
import { ProjectSaver, type SavedMessage } from './projectSaver';
import type { ProjectStore, PutResult, StoredProject } from './projectStorage';

/** The Storage interface over a Map: the journal's behaviour does not depend on which Storage it is given. */
class MapStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

/** The ProjectStore contract (a write lands only on the revision it started from), kept in memory. */
class MemoryStore implements ProjectStore {
  readonly records = new Map<string, StoredProject>();
  failing?: Error;
  async load(app: string) {
    if (this.failing) throw this.failing;
    return this.records.get(app);
  }
  async put(app: string, project: StoredProject, baseRev: number): Promise<PutResult> {
    if (this.failing) throw this.failing;
    const current = this.records.get(app);
    if (current && current.rev !== baseRev) return { ok: false, current };
    this.records.set(app, project);
    return { ok: true };
  }
}

const SHIPPED = { 'main.cpp': 'int main() {}', 'util.h': '' };

/** One browser: a shared store and localStorage; each tab() is a tab with its own id and saver. */
function browser() {
  const store = new MemoryStore();
  const storage = new MapStorage();
  const live = new Set<string>();
  const tabs: { id: string; saver: ProjectSaver }[] = [];
  const deliveries: Promise<unknown>[] = [];
  /** Waits until every announced save has been handled by the other tabs. */
  const settle = () => Promise.all(deliveries);
  /** journalStorage null: a browser that denies localStorage. */
  const tab = (id: string, journalStorage: Storage | null = storage) => {
    live.add(id);
    const log = {
      adopted: [] as Record<string, string>[],
      conflicts: [] as StoredProject[],
      problems: [] as (string | undefined)[],
    };
    const saver: ProjectSaver = new ProjectSaver({
      store,
      journal: new EditJournal(journalStorage ?? undefined, id),
      liveTabs: async () => new Set(live),
      now: () => 1000,
      events: {
        adopt: (f) => log.adopted.push(f),
        conflict: (t) => log.conflicts.push(t),
        problem: (p) => log.problems.push(p),
        announce: (m: SavedMessage) =>
          deliveries.push(...tabs.filter((t) => t.id !== id).map((t) => t.saver.remoteSaved(m))),
      },
    });
    tabs.push({ id, saver });
    return { saver, log, crash: () => live.delete(id), close: () => (saver.closing(), live.delete(id)) };
  };
  return { store, storage, tab, settle };
}

describe('ProjectSaver', () => {
  it('journals an edit at once, so a tab closed before the save loses nothing', async () => {
    const b = browser();
    const a = b.tab('a');
    await a.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'int main() { return 7; }');
    a.close(); // no flush: the tab went away within the debounce
    const next = b.tab('b');
    const opened = await next.saver.open('blinky', SHIPPED);
    expect(opened).toEqual({ files: { ...SHIPPED, 'main.cpp': 'int main() { return 7; }' }, recovered: true });
    await next.saver.flush(opened.files);
    expect(b.store.records.get('blinky')?.files['main.cpp']).toBe('int main() { return 7; }');
    expect(b.storage.length).toBe(0);
  });

  it('recovers the journal of a tab that crashed (its presence is gone, nothing marked it closed)', async () => {
    const b = browser();
    const a = b.tab('a');
    await a.saver.open('blinky', SHIPPED);
    a.saver.change('util.h', '#define X 1');
    a.crash();
    expect((await b.tab('b').saver.open('blinky', SHIPPED)).files['util.h']).toBe('#define X 1');
  });

  it('leaves the journal of a tab that is still open alone', async () => {
    const b = browser();
    const a = b.tab('a');
    await a.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'pending in a');
    expect(await b.tab('b').saver.open('blinky', SHIPPED)).toEqual({ files: SHIPPED, recovered: false });
  });

  it('a tab with nothing unsaved takes over another tab’s save', async () => {
    const b = browser();
    const a = b.tab('a');
    const other = b.tab('b');
    await a.saver.open('blinky', SHIPPED);
    await other.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'from a');
    await a.saver.flush({ ...SHIPPED, 'main.cpp': 'from a' });
    await b.settle();
    expect(other.log.adopted).toEqual([{ ...SHIPPED, 'main.cpp': 'from a' }]);
    // Its next save builds on a's revision: no conflict.
    other.saver.change('main.cpp', 'from a, then b');
    await other.saver.flush({ ...SHIPPED, 'main.cpp': 'from a, then b' });
    expect(b.store.records.get('blinky')).toMatchObject({ rev: 2, tab: 'b' });
    expect([...a.log.conflicts, ...other.log.conflicts]).toEqual([]);
  });

  it('two tabs editing at once keep both versions until the user chooses', async () => {
    const b = browser();
    const a = b.tab('a');
    const other = b.tab('b');
    await a.saver.open('blinky', SHIPPED);
    await other.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'from a');
    other.saver.change('main.cpp', 'from b');
    await a.saver.flush({ ...SHIPPED, 'main.cpp': 'from a' });
    await b.settle();
    expect(other.log.conflicts.map((t) => t.files['main.cpp'])).toEqual(['from a']);
    // b's save does not overwrite a's; b's version stays in b's journal.
    await other.saver.flush({ ...SHIPPED, 'main.cpp': 'from b' });
    expect(b.store.records.get('blinky')?.files['main.cpp']).toBe('from a');
    expect(b.storage.getItem('tinyml-sim:journal:blinky:b')).toContain('from b');
    await other.saver.keepMine({ ...SHIPPED, 'main.cpp': 'from b' });
    await b.settle();
    expect(b.store.records.get('blinky')).toMatchObject({ rev: 2, files: { 'main.cpp': 'from b' } });
    expect(a.log.adopted.map((f) => f['main.cpp'])).toEqual(['from b']);
  });

  it('taking the other tab’s version drops this tab’s edits', async () => {
    const b = browser();
    const a = b.tab('a');
    const other = b.tab('b');
    await a.saver.open('blinky', SHIPPED);
    await other.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'from a');
    other.saver.change('main.cpp', 'from b');
    await a.saver.flush({ ...SHIPPED, 'main.cpp': 'from a' });
    await b.settle();
    expect(other.saver.takeTheirs()?.['main.cpp']).toBe('from a');
    expect(other.saver.hasUnsaved).toBe(false);
    expect(b.storage.getItem('tinyml-sim:journal:blinky:b')).toBeNull();
  });

  it('journalled edits made on a version another tab has replaced since come back as a conflict', async () => {
    const b = browser();
    const a = b.tab('a');
    await a.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'a, unsaved');
    a.crash();
    b.store.records.set('blinky', { files: { ...SHIPPED, 'main.cpp': 'c saved' }, savedAt: 5, rev: 1, tab: 'c' });
    const next = b.tab('b');
    const opened = await next.saver.open('blinky', SHIPPED);
    expect(opened.files['main.cpp']).toBe('a, unsaved');
    expect(next.log.conflicts.map((t) => t.files['main.cpp'])).toEqual(['c saved']);
  });

  it('says plainly when IndexedDB cannot be used, and keeps the edits in the journal', async () => {
    const b = browser();
    b.store.failing = new Error('IndexedDB could not be opened');
    const a = b.tab('a');
    await a.saver.open('blinky', SHIPPED);
    expect(a.log.problems.at(-1)).toMatch(/cannot be saved to IndexedDB \(IndexedDB could not be opened\)/);
    a.saver.change('main.cpp', 'kept');
    await a.saver.flush({ ...SHIPPED, 'main.cpp': 'kept' });
    a.close();
    expect((await b.tab('b').saver.open('blinky', SHIPPED)).files['main.cpp']).toBe('kept');
  });

  it('says plainly when the journal is refused, and IndexedDB still gets the edit', async () => {
    const b = browser();
    const full = new MapStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const a = b.tab('a', full);
    await a.saver.open('blinky', SHIPPED);
    a.saver.change('main.cpp', 'big');
    expect(a.log.problems.at(-1)).toMatch(/journal \(localStorage\) refused the change: QuotaExceededError/);
    await a.saver.flush({ ...SHIPPED, 'main.cpp': 'big' });
    expect(b.store.records.get('blinky')?.files['main.cpp']).toBe('big');
  });

  it('drops a journal entry it cannot read instead of failing to open', async () => {
    const b = browser();
    b.storage.setItem('tinyml-sim:journal:blinky:gone', '{not json');
    expect(await b.tab('a').saver.open('blinky', SHIPPED)).toEqual({ files: SHIPPED, recovered: false });
    expect(b.storage.length).toBe(0);
  });

  it('opens and saves without any localStorage, and says the journal is missing', async () => {
    const b = browser();
    const a = b.tab('a', null);
    expect(await a.saver.open('blinky', SHIPPED)).toEqual({ files: SHIPPED, recovered: false });
    a.saver.change('main.cpp', 'no journal');
    expect(a.log.problems.at(-1)).toMatch(/localStorage is not available/);
    await a.saver.flush({ ...SHIPPED, 'main.cpp': 'no journal' });
    expect(b.store.records.get('blinky')?.files['main.cpp']).toBe('no journal');
  });
});
