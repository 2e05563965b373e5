// The app's use cases: open a demo, compile and run the user's edits, restore the demo, drive the board.
// Components call these; this is the only place that wires the store to workers, network and storage.
import type { AppManifest } from '../shared/manifests';
import { useStore } from '../state/store';
import { catalog } from './catalog';
import { CompilerHost } from './compilerHost';
import { EditJournal, localStorageOrUndefined } from './editJournal';
import { FirmwareHost } from './firmwareHost';
import { ProjectSaver } from './projectSaver';
import { indexedDbProjectStore } from './projectStorage';
import { holdTabLock, liveTabs, savesChannel, tabId } from './tabPresence';

export const firmware = new FirmwareHost();
const compiler = new CompilerHost();
let manifest: AppManifest | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Edits reach IndexedDB this long after the last keystroke; the journal has them at once. */
const SAVE_DEBOUNCE_MS = 300;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface LaunchOptions {
  demo?: string;
}

export async function launch({ demo }: LaunchOptions): Promise<void> {
  const store = useStore.getState();
  try {
    const apps = await catalog.list();
    store.setApps(apps);
    const name = apps.some((a) => a.name === demo) ? demo! : (apps.find((a) => a.name === 'blinky') ?? apps[0])?.name;
    if (!name) throw new Error('no demo firmware was built');
    await openDemo(name);
  } catch (e) {
    store.setStatus('faulted', errorText(e));
  }
}

export async function openDemo(name: string): Promise<void> {
  const store = useStore.getState();
  await flushSave();
  store.setStatus('loading');
  store.clearDiagnostics();
  manifest = await catalog.manifest(name);
  const opened = await (await saver).open(name, manifest.sources);
  store.openProject(name, opened.files, manifest.sources);
  if (opened.recovered) scheduleSave();
  const url = new URL(location.href);
  url.searchParams.set('demo', name);
  history.replaceState(null, '', url);
  firmware.eraseFlash(); // another demo is another board
  firmware.run(await catalog.wasm(name));
}

/** One edit by the user: journalled before this returns, written to IndexedDB shortly after. */
export function editFile(path: string, text: string): void {
  if (!useStore.getState().editFile(path, text)) return;
  current?.change(path, text);
  scheduleSave();
}

function scheduleSave(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void flushSave(), SAVE_DEBOUNCE_MS);
}

/** Writes pending edits now (also when the page is hidden or closed, so closing the tab keeps them). */
export async function flushSave(): Promise<void> {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  await (await saver).flush(useStore.getState().files);
}

/** The tab is closing: save what can be saved, and leave the journal to the next tab that opens the demo. */
export function leavePage(): void {
  void flushSave();
  current?.closing();
}

/** Resolves a save conflict with this tab's version (saved over the other) or the other tab's (this one dropped). */
export async function resolveConflict(keep: 'mine' | 'theirs'): Promise<void> {
  const sv = await saver;
  const store = useStore.getState();
  if (keep === 'mine') {
    store.setConflict(undefined);
    await sv.keepMine(store.files);
    return;
  }
  const theirs = sv.takeTheirs();
  if (theirs && store.appName) store.openProject(store.appName, theirs, store.shipped);
}

export async function compileAndRun(): Promise<void> {
  const store = useStore.getState();
  await flushSave();
  store.setBuildPhase('compiling');
  const result = await compiler.compile(store.files, catalog.sdkUrl());
  useStore.getState().setBuildResult(result.ok, result.diagnostics, result.log, result.ms);
  // A failed build keeps the previous firmware running: nothing the user had is lost.
  if (result.ok && result.wasm) firmware.run(result.wasm);
}

export async function restoreDemo(): Promise<void> {
  const name = useStore.getState().appName;
  if (!name || !manifest) return;
  // Restoring is an edit like any other: it is saved as a new revision, so other tabs see it too.
  for (const [path, text] of Object.entries(manifest.sources)) editFile(path, text);
  await flushSave();
  useStore.getState().clearDiagnostics();
  firmware.run(await catalog.wasm(name));
}

let current: ProjectSaver | undefined;
/** Ready once this tab holds its presence lock, so other tabs can tell its journal from a closed tab's. */
const saver: Promise<ProjectSaver> = holdTabLock(tabId()).then((tab) => {
  const instance: ProjectSaver = new ProjectSaver({
    store: indexedDbProjectStore,
    journal: new EditJournal(localStorageOrUndefined(), tab),
    liveTabs,
    now: Date.now,
    events: {
      adopt: (files) => {
        const s = useStore.getState();
        if (s.appName) s.openProject(s.appName, files, s.shipped);
      },
      conflict: (theirs) => useStore.getState().setConflict({ theirs: theirs.files, theirsSavedAt: theirs.savedAt }),
      problem: (message) => useStore.getState().setSaveProblem(message),
      announce: (message) => announce?.(message),
    },
  });
  const announce = savesChannel((m) => void instance.remoteSaved(m));
  current = instance;
  return instance;
});
