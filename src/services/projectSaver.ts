// Keeps the open project's edits safe: each change goes to the journal at once, a flush writes IndexedDB on top of
// the revision this tab started from, and a save by another tab is either taken over (nothing here is unsaved) or
// becomes a conflict that keeps both versions until the user chooses.
import type { EditJournal } from './editJournal';
import type { ProjectStore, StoredProject } from './projectStorage';

/** What a tab tells the others after a save. */
export interface SavedMessage {
  app: string;
  rev: number;
  tab: string;
}

export interface SaverEvents {
  /** Another tab's version replaced the files (nothing unsaved was lost). */
  adopt(files: Record<string, string>): void;
  conflict(theirs: StoredProject): void;
  /** Why edits cannot be stored durably right now, or undefined once they can. */
  problem(message: string | undefined): void;
  /** Tell the other tabs about a save. */
  announce(message: SavedMessage): void;
}

export interface SaverDeps {
  store: ProjectStore;
  journal: EditJournal;
  /** Ids of the tabs still open (their journal entries are not ours to take over); undefined when unknown. */
  liveTabs(): Promise<Set<string> | undefined>;
  now(): number;
  events: SaverEvents;
}

export interface OpenedProject {
  files: Record<string, string>;
  /** True when journalled edits not yet in the store were recovered. */
  recovered: boolean;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ProjectSaver {
  private app?: string;
  private baseRev = 0;
  private dirty = false;
  /** Counts changes, so a flush knows whether more came in while it wrote. */
  private changes = 0;
  private theirs?: StoredProject;
  private storeProblem?: string;
  private journalProblem?: string;

  constructor(private readonly deps: SaverDeps) {}

  get hasUnsaved(): boolean {
    return this.dirty;
  }

  /** Loads `app`: the stored version, plus edits journalled by this tab or by a tab that is gone. */
  async open(app: string, shipped: Record<string, string>): Promise<OpenedProject> {
    this.app = app;
    this.dirty = false;
    this.theirs = undefined;
    const stored = await this.load(app);
    this.baseRev = stored?.rev ?? 0;
    let files = stored?.files ?? shipped;
    const live = await this.deps.liveTabs().catch(() => undefined);
    const { journal } = this.deps;
    const left = journal
      .entries(app)
      .filter((e) => e.tab === journal.tab || e.closed || (live !== undefined && !live.has(e.tab)));
    if (!left.length) return { files, recovered: false };
    const base = files;
    for (const entry of left) {
      for (const [path, text] of Object.entries(entry.files)) if (path in base) files = { ...files, [path]: text };
    }
    this.dirty = true;
    // Edits made on an older version than the one stored since: keep both and let the user choose.
    const stale = stored !== undefined && left.some((e) => e.baseRev !== stored.rev);
    this.journalled(() => journal.take(left, stale ? left[left.length - 1].baseRev : this.baseRev));
    if (stale) {
      this.theirs = stored;
      this.deps.events.conflict(stored);
    }
    return { files, recovered: true };
  }

  /** One edit of the open project: journalled before this returns. */
  change(path: string, text: string): void {
    if (!this.app) return;
    this.dirty = true;
    this.changes++;
    const app = this.app;
    this.journalled(() => this.deps.journal.record(app, this.baseRev, path, text, this.deps.now()));
  }

  /** Writes the files if they have unsaved changes; a conflict leaves both versions as they are. */
  async flush(files: Record<string, string>): Promise<void> {
    const app = this.app;
    if (!app || !this.dirty || this.theirs) return;
    const changes = this.changes;
    const rev = this.baseRev + 1;
    const result = await this.put(
      app,
      { files, savedAt: this.deps.now(), rev, tab: this.deps.journal.tab },
      this.baseRev,
    );
    if (!result || app !== this.app) return;
    if (!result.ok) {
      this.theirs = result.current;
      this.deps.events.conflict(result.current);
      return;
    }
    this.baseRev = rev;
    if (changes === this.changes) {
      this.dirty = false;
      this.deps.journal.drop(app);
    } else {
      this.journalled(() => this.deps.journal.rebase(app, rev));
    }
    this.deps.events.announce({ app, rev, tab: this.deps.journal.tab });
  }

  /** Another tab saved: take its version when nothing here is unsaved, else keep both and ask. */
  async remoteSaved(message: SavedMessage): Promise<void> {
    if (message.app !== this.app || message.tab === this.deps.journal.tab || message.rev <= this.baseRev) return;
    const stored = await this.load(message.app);
    if (!stored || message.app !== this.app || stored.rev <= this.baseRev) return;
    if (this.dirty) {
      this.theirs = stored;
      this.deps.events.conflict(stored);
      return;
    }
    this.baseRev = stored.rev;
    this.deps.events.adopt(stored.files);
  }

  /** Resolves a conflict with this tab's files: they are saved over the other version. */
  async keepMine(files: Record<string, string>): Promise<void> {
    if (!this.theirs) return;
    this.baseRev = this.theirs.rev;
    this.theirs = undefined;
    this.dirty = true;
    const app = this.app!;
    this.journalled(() => this.deps.journal.rebase(app, this.baseRev));
    await this.flush(files);
  }

  /** Resolves a conflict with the other tab's files; this tab's edits are dropped. */
  takeTheirs(): Record<string, string> | undefined {
    const theirs = this.theirs;
    if (!theirs || !this.app) return undefined;
    this.theirs = undefined;
    this.baseRev = theirs.rev;
    this.dirty = false;
    this.deps.journal.drop(this.app);
    return theirs.files;
  }

  /** The tab is going away: whatever is still unsaved may be taken over by the next tab that opens the demo. */
  closing(): void {
    this.deps.journal.closeAll();
  }

  /** Runs a journal write; a refusal is reported, never thrown (IndexedDB may still save the edit). */
  private journalled(write: () => void): void {
    try {
      write();
      this.setJournalProblem(undefined);
    } catch (e) {
      this.setJournalProblem(`the edit journal (localStorage) refused the change: ${errorText(e)}`);
    }
  }

  private async load(app: string): Promise<StoredProject | undefined> {
    try {
      const stored = await this.deps.store.load(app);
      this.setStoreProblem(undefined);
      return stored;
    } catch (e) {
      this.setStoreProblem(errorText(e));
      return undefined;
    }
  }

  private async put(app: string, project: StoredProject, baseRev: number) {
    try {
      const result = await this.deps.store.put(app, project, baseRev);
      this.setStoreProblem(undefined);
      return result;
    } catch (e) {
      this.setStoreProblem(errorText(e));
      return undefined;
    }
  }

  private setStoreProblem(problem: string | undefined): void {
    this.storeProblem = problem;
    this.report();
  }

  private setJournalProblem(problem: string | undefined): void {
    this.journalProblem = problem;
    this.report();
  }

  private report(): void {
    const { storeProblem: store, journalProblem: journal } = this;
    if (!store && !journal) return this.deps.events.problem(undefined);
    if (store && journal)
      return this.deps.events.problem(
        `Your edits cannot be saved: IndexedDB failed (${store}) and ${journal}. They will be lost when this tab closes.`,
      );
    if (store)
      return this.deps.events.problem(
        `Your edits cannot be saved to IndexedDB (${store}); they are kept only in this browser's localStorage journal.`,
      );
    this.deps.events.problem(
      `Your edits are saved to IndexedDB, but ${journal}: an edit made just before the tab closes may be lost.`,
    );
  }
}
