// Sharing a project: a link that carries it in its fragment, opening such a link without touching the visitor's
// saved projects (until they choose to keep it), and a project's export to and import from a .zip file.
import { filesForDemo, ProjectError } from '../shared/project/projectFiles';
import { projectFromZip, projectToZip, ZIP_LIMITS } from '../shared/project/projectZip';
import { decodeShareFragment, encodeShareFragment, isShareFragment } from '../shared/project/shareLink';
import { sameFiles } from '../state/projectSlice';
import { useStore } from '../state/store';
import { catalog } from './catalog';
import { downloadFile } from './download';
import { EditJournal, localStorageOrUndefined } from './editJournal';
import { indexedDbProjectStore } from './projectStorage';
import { cancelBuild, compileAndRun, editFile, flushSave, keepAsSaved, launch, openDemo } from './session';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** True when the page was opened from a share link (its fragment carries a project, well formed or not). */
export const isSharedLink = (): boolean => isShareFragment(location.hash);

/** The page's address without the shared project: what a reload or a bookmark should open from now on. */
function dropFragment(demo?: string): void {
  const url = new URL(location.href);
  url.hash = '';
  if (demo) url.searchParams.set('demo', demo);
  history.replaceState(null, '', url);
}

/**
 * Ends a build of the project on screen and waits until it has ended. A build belongs to its demo, not to its files:
 * a shared project's build still running when the same demo opens with other files would otherwise run on those.
 */
async function endRunningBuild(): Promise<void> {
  if (!useStore.getState().runningBuild) return;
  const ended = new Promise<void>((resolve) => {
    const stop = useStore.subscribe((s) => {
      if (s.runningBuild) return;
      stop();
      resolve();
    });
  });
  cancelBuild();
  await ended;
}

/** The demo's shipped files with the project's in their place; refuses a demo this version has not got. */
async function demoFiles(demo: string, files: Record<string, string>): Promise<Record<string, string>> {
  const apps = useStore.getState().apps.length ? useStore.getState().apps : await catalog.list();
  if (!apps.some((a) => a.name === demo)) throw new ProjectError(`this version of tinyml-sim has no demo "${demo}"`);
  const shipped = useStore.getState().appName === demo ? useStore.getState().shipped : undefined;
  return filesForDemo(shipped ?? (await catalog.manifest(demo)).sources, files);
}

/**
 * Opens the project in the page's share link: shown, built and run in a page that saves nothing. A link that
 * cannot be opened says why, and the visitor's own project opens as on any visit.
 */
export async function openSharedLink(demo?: string): Promise<void> {
  const store = useStore.getState();
  // A link pasted into a tab that shows a project: that project's pending edits are saved before it goes.
  if (store.appName) await flushSave();
  let shared;
  try {
    const project = await decodeShareFragment(location.hash);
    shared = { demo: project.demo, files: await demoFiles(project.demo, project.files) };
  } catch (e) {
    store.setShareVisit({ kind: 'failed', message: errorText(e) });
    dropFragment();
    // The project this tab showed (a link pasted into it), else the one its address names.
    return launch({ demo: store.appName ?? demo });
  }
  store.setShareVisit({ kind: 'shared', demo: shared.demo });
  await endRunningBuild();
  await launch({ demo: shared.demo, files: shared.files, persist: false });
  const opened = useStore.getState();
  if (opened.appName === shared.demo && !opened.openFailure) await compileAndRun();
}

/** Makes a link to the project on screen (shown in the share panel), or says why it cannot. */
export async function makeShareLink(): Promise<void> {
  const { appName, files, setShareLink } = useStore.getState();
  if (!appName) return;
  try {
    const fragment = await encodeShareFragment({ demo: appName, files });
    // Only the page and the demo: a workshop code or a view in this page's address are not the sender's to pass on.
    const url = new URL(location.pathname, location.origin);
    url.searchParams.set('demo', appName);
    setShareLink({ url: url.href + fragment });
  } catch (e) {
    setShareLink({ error: errorText(e) });
  }
}

/** The visitor's saved version of `demo` (stored, plus edits a tab journalled), when it differs from the shipped one. */
async function savedEdits(demo: string, shipped: Record<string, string>): Promise<Record<string, string> | undefined> {
  const stored = await indexedDbProjectStore.load(demo).catch(() => undefined);
  let files = stored?.files ?? shipped;
  for (const entry of new EditJournal(localStorageOrUndefined(), '').entries(demo))
    for (const [path, text] of Object.entries(entry.files)) if (path in files) files = { ...files, [path]: text };
  return sameFiles(files, shipped) ? undefined : files;
}

/**
 * Keeps the shared project as the visitor's saved version of its demo. When they have saved edits of that demo
 * that differ from it, nothing is replaced until they confirm (and may download their edits first).
 */
export async function keepSharedCopy(): Promise<void> {
  const { appName, shipped, files, shareVisit, setKeepQuestion } = useStore.getState();
  if (!appName || shareVisit?.kind !== 'shared') return;
  const saved = await savedEdits(appName, shipped);
  if (saved && !sameFiles(saved, files)) return setKeepQuestion({ demo: appName, saved });
  await confirmKeep();
}

/** The visitor confirmed: the shared project replaces their saved version of the demo. */
export async function confirmKeep(): Promise<void> {
  const store = useStore.getState();
  const demo = store.appName;
  if (!demo) return;
  store.setKeepQuestion(undefined);
  await keepAsSaved();
  store.setShareVisit({ kind: 'kept', demo });
  dropFragment(demo);
}

export const cancelKeep = (): void => useStore.getState().setKeepQuestion(undefined);

/** Leaves the shared project: the visitor's own saved version of the demo opens, as without the link. */
export async function backToOwnProject(): Promise<void> {
  const { appName, setShareVisit, setKeepQuestion } = useStore.getState();
  setShareVisit(undefined);
  setKeepQuestion(undefined);
  dropFragment(appName);
  await endRunningBuild();
  await launch({ demo: appName });
}

export function dismissShareVisit(): void {
  useStore.getState().setShareVisit(undefined);
}

const zipName = (demo: string, suffix = '') => `${demo}${suffix}.zip`;

/** Downloads the project on screen as a .zip. */
export async function exportProject(): Promise<void> {
  const { appName, files } = useStore.getState();
  if (appName) downloadFile(zipName(appName), await projectToZip({ demo: appName, files }), 'application/zip');
}

/** Downloads the saved edits that keeping a shared project would replace. */
export async function exportSavedEdits(): Promise<void> {
  const question = useStore.getState().keepQuestion;
  if (question)
    downloadFile(
      zipName(question.demo, '-my-edits'),
      await projectToZip({ demo: question.demo, files: question.saved }),
    );
}

/**
 * Imports a .zip: its files replace the current project's (edits like any other, so Restore demo still works), or
 * those of the demo its manifest names, which opens. A file that cannot be used changes nothing and says why.
 */
export async function importProject(file: File): Promise<void> {
  const store = useStore.getState();
  try {
    if (file.size > ZIP_LIMITS.archiveBytes)
      throw new ProjectError(`it is larger than ${ZIP_LIMITS.archiveBytes / 1024 / 1024} MB`);
    const imported = await projectFromZip(new Uint8Array(await file.arrayBuffer()));
    const demo = imported.demo ?? store.appName;
    if (!demo) throw new ProjectError('no demo is open');
    const files = await demoFiles(demo, imported.files);
    if (demo === useStore.getState().appName) {
      for (const [path, text] of Object.entries(files)) editFile(path, text);
      await flushSave();
    } else {
      await openDemo(demo, files);
      if (useStore.getState().appName !== demo) throw new ProjectError(`the demo "${demo}" could not be opened`);
    }
    const title = useStore.getState().apps.find((a) => a.name === demo)?.title ?? demo;
    const count = Object.keys(imported.files).length;
    store.setProjectNotice({
      ok: true,
      message: `Imported ${file.name}: ${count} file${count === 1 ? '' : 's'} of ${title}. Compile & Run to run them.`,
    });
  } catch (e) {
    store.setProjectNotice({ ok: false, message: `${file.name} was not imported: ${errorText(e)}. Nothing changed.` });
  }
}
