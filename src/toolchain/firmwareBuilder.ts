// Builds firmware with @yowasp/clang: the Mbed/NN libraries once into archives (the SDK), then an app's own files
// linked against them. The Node build and the in-browser compiler worker both call these functions.
import { asyncifyFirmware } from './asyncify';
import { type ClangCommands, type FileTree, fromTree, isToolExit, toTree } from './clangCommands';
import { type Diagnostic, parseDiagnostics } from './diagnostics';
import { COMPILE_FLAGS, LINK_FLAGS, SDK_INCLUDE_DIRS } from './flags';
import { isTranslationUnit, translationUnits } from './translationUnits';
import { FW_EXPORTS } from '../runtime/abi/abiSpec';

/** Headers (path under sdk/) and prebuilt archives (name → bytes, e.g. libmbed.a) the apps compile against. */
export interface Sdk {
  headers: Record<string, string>;
  libraries: Record<string, Uint8Array>;
}

export type BuildResult =
  | { ok: true; wasm: Uint8Array; diagnostics: Diagnostic[]; log: string }
  | { ok: false; diagnostics: Diagnostic[]; log: string };

const SOURCE_DIR = '/src/';

async function run(
  clang: ClangCommands,
  tool: keyof ClangCommands,
  args: string[],
  tree: FileTree,
): Promise<{ tree?: FileTree; log: string }> {
  let log = '';
  const decoder = new TextDecoder();
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) log += decoder.decode(bytes, { stream: true });
  };
  try {
    const out = await clang[tool](args, tree, { stdout: collect, stderr: collect });
    return { tree: out ?? undefined, log };
  } catch (e) {
    if (isToolExit(e)) return { log };
    throw e;
  }
}

function sdkTree(sdk: Sdk, sources: Record<string, string>): FileTree {
  const files: Record<string, string | Uint8Array> = {};
  for (const [p, c] of Object.entries(sdk.headers)) files[`sdk/${p}`] = c;
  for (const [p, c] of Object.entries(sdk.libraries)) files[`sdk/lib/${p}`] = c;
  for (const [p, c] of Object.entries(sources)) files[`src/${p}`] = c;
  return toTree(files);
}

const includeArgs = () => SDK_INCLUDE_DIRS.map((d) => `-I/${d}`);

/** Compiles library sources (path → text) into a static archive. */
export async function buildLibrary(
  clang: ClangCommands,
  headers: Record<string, string>,
  sources: Record<string, string>,
  name: string,
): Promise<{ archive?: Uint8Array; diagnostics: Diagnostic[]; log: string }> {
  const units = Object.keys(sources).filter(isTranslationUnit).sort();
  const tree = sdkTree({ headers, libraries: {} }, sources);
  const objects = units.map((u) => `/obj/${u.replace(/[/.]/g, '_')}.o`);
  let log = '';
  // One clang process per unit: -o cannot name several outputs, and names must stay unique across folders.
  let current: FileTree = { ...tree, obj: {} };
  for (const [i, unit] of units.entries()) {
    const r = await run(clang, 'clang++', [...COMPILE_FLAGS, ...includeArgs(), '-c', `${SOURCE_DIR}${unit}`, '-o', objects[i]], current);
    log += r.log;
    if (!r.tree) return { diagnostics: parseDiagnostics(log, SOURCE_DIR), log };
    current = r.tree;
  }
  const ar = await run(clang, 'ar', ['rcs', `/obj/${name}`, ...objects], current);
  log += ar.log;
  const archive = fromTree(ar.tree, `obj/${name}`);
  return { archive: archive instanceof Uint8Array ? archive : undefined, diagnostics: parseDiagnostics(log, SOURCE_DIR), log };
}

/** Compiles an app's files, links them with the SDK archives, and makes the result suspendable. */
export async function buildFirmware(clang: ClangCommands, sdk: Sdk, sources: Record<string, string>): Promise<BuildResult> {
  const units = translationUnits(sources);
  if (units.length === 0) {
    return { ok: false, diagnostics: [{ file: '', line: 0, column: 0, severity: 'error', message: 'no .cpp or .c file to compile' }], log: '' };
  }
  const libs = Object.keys(sdk.libraries)
    .sort()
    .map((l) => `-l${l.replace(/^lib/, '').replace(/\.a$/, '')}`);
  const args = [
    ...COMPILE_FLAGS,
    ...LINK_FLAGS,
    ...includeArgs(),
    ...units.map((u) => `${SOURCE_DIR}${u}`),
    '-L/sdk/lib',
    // Archive members are linked only when referenced: name the runtime's exports so sim_runtime.o comes along.
    ...FW_EXPORTS.map((e) => `-Wl,--undefined=${e}`),
    ...libs,
    '-o',
    '/out/firmware.wasm',
  ];
  const r = await run(clang, 'clang++', args, { ...sdkTree(sdk, sources), out: {} });
  const diagnostics = parseDiagnostics(r.log, SOURCE_DIR);
  const linked = fromTree(r.tree, 'out/firmware.wasm');
  if (!(linked instanceof Uint8Array)) {
    if (!diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push({ file: '', line: 0, column: 0, severity: 'error', message: r.log.trim() || 'build failed' });
    }
    return { ok: false, diagnostics, log: r.log };
  }
  return { ok: true, wasm: asyncifyFirmware(linked), diagnostics, log: r.log };
}
