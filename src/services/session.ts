// The app's use cases: open a demo, compile and run the user's edits, restore the demo, drive the board.
// Components call these; this is the only place that wires the store to workers, network and storage.
import type { AppManifest } from '../shared/manifests';
import { useStore } from '../state/store';
import { catalog } from './catalog';
import { type CompileResult, CompilerHost } from './compilerHost';
import { FirmwareHost } from './firmwareHost';
import { projectStorage } from './projectStorage';

export const firmware = new FirmwareHost();
const compiler = new CompilerHost();
let manifest: AppManifest | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** Each openDemo call takes a number; only the latest one may change what is on screen. */
let openSeq = 0;
/** Finished builds of projects that were not on screen when they finished: run when the project is opened again. */
const keptBuilds = new Map<string, { files: Record<string, string>; result: CompileResult }>();

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const sameFiles = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([p, text]) => b[p] === text);

export interface LaunchOptions {
  demo?: string;
}

export async function launch({ demo }: LaunchOptions): Promise<void> {
  const store = useStore.getState();
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
  else await openDemo(name);
}

/** Tries again what failed last: the demo list, or the demo. */
export function retryOpen(): Promise<void> {
  const { openFailure, apps } = useStore.getState();
  return apps.length && openFailure?.demo ? openDemo(openFailure.demo) : launch({ demo: openFailure?.demo });
}

/**
 * Fetches everything `name` needs before anything changes on screen: if a fetch fails, the project and firmware
 * that were there stay, and the failure is shown with Retry.
 */
export async function openDemo(name: string): Promise<void> {
  const seq = ++openSeq;
  const store = useStore.getState();
  store.setOpenFailure(undefined);
  try {
    await flushSave();
    const [next, saved] = await Promise.all([catalog.manifest(name), projectStorage.load(name).catch(() => undefined)]);
    const files = saved?.files ?? next.sources;
    const kept = keptBuilds.get(name);
    const own = kept && sameFiles(kept.files, files) ? kept.result : undefined;
    const wasm = own?.ok && own.wasm ? own.wasm : await catalog.wasm(name);
    if (seq !== openSeq) return;
    keptBuilds.delete(name);
    manifest = next;
    store.openProject(name, files, saved !== undefined);
    store.showProjectBuild(name, own);
    const url = new URL(location.href);
    url.searchParams.set('demo', name);
    history.replaceState(null, '', url);
    firmware.run(wasm);
  } catch (e) {
    if (seq === openSeq) store.setOpenFailure({ demo: name, message: `Could not open ${name}: ${errorText(e)}` });
  }
}

export function editFile(path: string, text: string): void {
  useStore.getState().editFile(path, text);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void flushSave(), 300);
}

/** Writes pending edits now (also called when the page is hidden, so closing the tab keeps them). */
export async function flushSave(): Promise<void> {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  const { appName, files, edited } = useStore.getState();
  if (appName && edited) await projectStorage.save(appName, files).catch(() => undefined);
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
  clearTimeout(saveTimer);
  await projectStorage.remove(name).catch(() => undefined);
  useStore.getState().openProject(name, manifest.sources, false);
  useStore.getState().clearDiagnostics();
  firmware.run(await catalog.wasm(name));
}
