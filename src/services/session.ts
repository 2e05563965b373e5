// The app's use cases: open a demo, compile and run the user's edits, restore the demo, drive the board.
// Components call these; this is the only place that wires the store to workers, network and storage.
import type { AppManifest } from '../shared/manifests';
import { useStore } from '../state/store';
import { catalog } from './catalog';
import { CompilerHost } from './compilerHost';
import { FirmwareHost } from './firmwareHost';
import { projectStorage } from './projectStorage';

export const firmware = new FirmwareHost();
const compiler = new CompilerHost();
let manifest: AppManifest | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

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
  const saved = await projectStorage.load(name).catch(() => undefined);
  store.openProject(name, saved?.files ?? manifest.sources, saved !== undefined);
  const url = new URL(location.href);
  url.searchParams.set('demo', name);
  history.replaceState(null, '', url);
  firmware.eraseFlash(); // another demo is another board
  firmware.run(await catalog.wasm(name));
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
  clearTimeout(saveTimer);
  await projectStorage.remove(name).catch(() => undefined);
  useStore.getState().openProject(name, manifest.sources, false);
  useStore.getState().clearDiagnostics();
  firmware.run(await catalog.wasm(name));
}
