// The app's use cases: open a demo, compile and run the user's edits, restore the demo, drive the board.
// Components call these; this is the only place that wires the store to workers, network and storage.
import { FACTORY_PUBLIC_KEY } from '../ota';
import { factoryBoard, type BoardNonVolatile } from '../runtime';
import type { AppManifest } from '../shared/manifests';
import { useStore } from '../state/store';
import { catalog } from './catalog';
import { telemetryChannel } from './channels';
import { type CompileResult, CompilerHost } from './compilerHost';
import { EditJournal, localStorageOrUndefined } from './editJournal';
import { FirmwareHost } from './firmwareHost';
import { ownerKey } from './ownerKey';
import { ProjectSaver } from './projectSaver';
import { indexedDbProjectStore } from './projectStorage';
import { holdTabLock, liveTabs, savesChannel, tabId } from './tabPresence';
import { visitorData } from './visitorData';

export const firmware = new FirmwareHost();
// The device panel's view of the update agent, kept whether or not the panel is on screen.
telemetryChannel.subscribe('ota.status', (status) =>
  useStore.getState().setOtaStatus(status, useStore.getState().simTimeUs),
);
const compiler = new CompilerHost();
let manifest: AppManifest | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Edits reach IndexedDB this long after the last keystroke; the journal has them at once. */
const SAVE_DEBOUNCE_MS = 300;
/** Each openDemo call takes a number; only the latest one may change what is on screen. */
let openSeq = 0;
/** Finished builds of projects that were not on screen when they finished: run when the project is opened again. */
const keptBuilds = new Map<string, { files: Record<string, string>; result: CompileResult }>();

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const sameFiles = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([p, text]) => b[p] === text);

export interface LaunchOptions {
  demo?: string;
  /** Opens the demo with these files instead of its saved or shipped ones. */
  files?: Record<string, string>;
  /**
   * False in an embed or a shared link's page: the page neither reads nor writes this browser's saved projects,
   * and edits live as long as the page.
   */
  persist?: boolean;
}

const persisting = () => useStore.getState().storage === 'saved';

export async function launch({ demo, files, persist = true }: LaunchOptions): Promise<void> {
  const store = useStore.getState();
  store.setStorage(persist ? 'saved' : 'none');
  store.setOpenFailure(undefined);
  let apps;
  try {
    apps = await catalog.list();
  } catch (e) {
    store.setOpenFailure({ demo, message: `Could not fetch the demo list: ${errorText(e)}` });
    return;
  }
  store.setApps(apps);
  const name = apps.some((a) => a.name === demo) ? demo! : (apps.find((a) => a.name === 'blinky') ?? apps[0])?.name;
  if (!name) store.setOpenFailure({ message: 'no demo firmware was built (npm run build:firmware)' });
  else await openDemo(name, files);
}

/** Tries again what failed last: the demo list, or the demo. */
export function retryOpen(): Promise<void> {
  const { openFailure, apps } = useStore.getState();
  return apps.length && openFailure?.demo ? openDemo(openFailure.demo) : launch({ demo: openFailure?.demo });
}

/**
 * Fetches everything `name` needs before anything changes on screen: if a fetch fails, the project and firmware
 * that were there stay, and the failure is shown with Retry. With `files` the project opens with those (an
 * import, a shared link, an embed's load) instead of its saved or shipped files — saved as edits when this page
 * saves — while the demo's shipped firmware runs until compileAndRun builds them.
 */
export async function openDemo(name: string, files?: Record<string, string>): Promise<void> {
  const seq = ++openSeq;
  const store = useStore.getState();
  store.setOpenFailure(undefined);
  try {
    await flushSave();
    // Network first: a demo that cannot be fetched changes nothing, not even which project the saver follows.
    const [next, shippedWasm] = await Promise.all([catalog.manifest(name), catalog.wasm(name)]);
    const factory = await factoryProgrammed(next);
    if (seq !== openSeq) return;
    const opened = persisting()
      ? await (await projectSaver()).open(name, next.sources)
      : { files: files ?? next.sources, recovered: false };
    if (seq !== openSeq) return;
    const kept = keptBuilds.get(name);
    const own = kept && sameFiles(kept.files, opened.files) ? kept.result : undefined;
    keptBuilds.delete(name);
    manifest = next;
    store.openProject(name, opened.files, next.sources);
    if (opened.recovered) scheduleSave();
    if (files && persisting()) for (const [path, text] of Object.entries(files)) editFile(path, text);
    store.showProjectBuild(name, own);
    const url = new URL(location.href);
    url.searchParams.set('demo', name);
    history.replaceState(null, '', url);
    firmware.newBoard(factory.board, factory.image); // another demo is another board
    store.clearDevice();
    firmware.run(own?.ok && own.wasm ? own.wasm : shippedWasm);
  } catch (e) {
    if (seq === openSeq) store.setOpenFailure({ demo: name, message: `Could not open ${name}: ${errorText(e)}` });
  }
}

/**
 * A new board of `app` as it leaves the factory: its factory image in the primary model slot, the factory key and
 * this browser profile's key trusted by its secure element (without a profile key — no IndexedDB — the board
 * trusts the factory key only, and the device panel says why updates from this page are refused).
 */
async function factoryProgrammed(app: AppManifest): Promise<{ board: BoardNonVolatile; image?: Uint8Array }> {
  const image = app.factoryImage ? await catalog.bytes(app.factoryImage) : undefined;
  // An embed leaves the profile's key alone (it lives in IndexedDB): its board trusts the factory key only.
  const owner = visitorData.allowed() ? await ownerKey() : undefined;
  return { board: factoryBoard({ factory: FACTORY_PUBLIC_KEY, owner: owner?.publicKey }, image), image };
}

/** One edit by the user: journalled before this returns, written to IndexedDB shortly after. */
export function editFile(path: string, text: string): void {
  if (!useStore.getState().editFile(path, text)) return;
  current?.change(path, text);
  scheduleSave();
}

function scheduleSave(): void {
  if (!persisting()) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void flushSave(), SAVE_DEBOUNCE_MS);
}

/** Writes pending edits now (also when the page is hidden or closed, so closing the tab keeps them). */
export async function flushSave(): Promise<void> {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  if (persisting()) await (await projectSaver()).flush(useStore.getState().files);
}

/** The tab is closing: save what can be saved, and leave the journal to the next tab that opens the demo. */
export function leavePage(): void {
  void flushSave();
  current?.closing();
}

/** Resolves a save conflict with this tab's version (saved over the other) or the other tab's (this one dropped). */
export async function resolveConflict(keep: 'mine' | 'theirs'): Promise<void> {
  const sv = await projectSaver();
  const store = useStore.getState();
  if (keep === 'mine') {
    store.setConflict(undefined);
    await sv.keepMine(store.files);
    return;
  }
  const theirs = sv.takeTheirs();
  if (theirs && store.appName) store.openProject(store.appName, theirs, store.shipped);
}

/** Builds the files on screen for their project; the result runs only on that project (kept if it is not shown). */
export async function compileAndRun(): Promise<void> {
  const { appName: project, files } = useStore.getState();
  if (!project || useStore.getState().runningBuild) return;
  useStore.getState().startBuild(project);
  await flushSave();
  const outcome = await compiler.compile(files, catalog.sdkUrl());
  const store = useStore.getState();
  if (store.appName !== project) {
    if (outcome.type === 'result') keptBuilds.set(project, { files, result: outcome });
    store.setBuildKept(project, outcome.type === 'result');
    return;
  }
  if (outcome.type === 'stopped') return store.setBuildStopped(outcome.reason);
  store.setBuildResult(outcome);
  // A failed build keeps the previous firmware running: nothing the user had is lost.
  if (outcome.ok && outcome.wasm) firmware.run(outcome.wasm);
}

/** Ends the running build; the board keeps running the firmware it has. */
export function cancelBuild(): void {
  compiler.cancel();
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

/**
 * A page that saves nothing (a shared link's) starts saving: the files on screen become this browser's saved
 * version of the open demo, replacing what was saved of it (the caller asks the user first), and the firmware
 * running now keeps running.
 */
export async function keepAsSaved(): Promise<void> {
  const { appName, shipped } = useStore.getState();
  if (!appName || persisting()) return;
  const sv = await projectSaver();
  await sv.open(appName, shipped);
  const store = useStore.getState();
  store.setStorage('saved');
  for (const [path, text] of Object.entries(store.files)) sv.change(path, text);
  // Edits a closed tab journalled on an older revision make opening a conflict: the user chose these files over both.
  await sv.keepMine(store.files);
  store.setConflict(undefined);
  await flushSave();
}

let current: ProjectSaver | undefined;
let saver: Promise<ProjectSaver> | undefined;
/**
 * Made on first use, so a page that saves nothing (an embed) never touches the saved projects. Ready once this
 * tab holds its presence lock, so other tabs can tell its journal from a closed tab's.
 */
const projectSaver = (): Promise<ProjectSaver> => (saver ??= createSaver());

const createSaver = (): Promise<ProjectSaver> =>
  holdTabLock(tabId()).then((tab) => {
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
