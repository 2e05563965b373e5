// Builds firmware with @yowasp/clang: the Mbed/NN libraries once into archives (the SDK), then an app's own files
// linked against them. The Node build and the in-browser compiler worker both call these functions.
import { asyncifyFirmware } from './asyncify';
import { type ClangCommands, type FileTree, fromTree, isToolExit, toTree } from './clangCommands';
import { type Diagnostic, parseDiagnostics } from './diagnostics';
import { APP_COMPILE_FLAGS, COMPILE_FLAGS, firmwareMemoryBytes, linkFlags, SDK_INCLUDE_DIRS } from './flags';
import { isTranslationUnit, translationUnits } from './translationUnits';
import { FW_EXPORTS } from '../runtime/abi/abiSpec';
import { BOARD_SRAM_BYTES } from '../runtime/boardMemory';

/** Headers (path under sdk/) and prebuilt archives (name → bytes, e.g. libmbed.a) the apps compile against. */
export interface Sdk {
  headers: Record<string, string>;
  libraries: Record<string, Uint8Array>;
}

export type BuildResult =
  | { ok: true; wasm: Uint8Array; diagnostics: Diagnostic[]; log: string }
  | { ok: false; diagnostics: Diagnostic[]; log: string };

const SOURCE_DIR = '/src/';

/**
 * wasm-ld's complaint when stack and static data exceed the memory size, said in the board's terms: a flash window
 * (`windowBytes`) is not SRAM.
 */
function explainMemoryLimit(d: Diagnostic, windowBytes: number): Diagnostic {
  const m = /initial memory too small, (\d+) bytes needed/.exec(d.message);
  if (!m) return d;
  const needed = Number(m[1]) - windowBytes;
  return {
    ...d,
    message: `the firmware does not fit the board's SRAM: its stack and static data need ${needed} bytes, the board has ${BOARD_SRAM_BYTES}`,
  };
}

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
    const r = await run(
      clang,
      'clang++',
      [...COMPILE_FLAGS, ...includeArgs(), '-c', `${SOURCE_DIR}${unit}`, '-o', objects[i]],
      current,
    );
    log += r.log;
    if (!r.tree) return { diagnostics: parseDiagnostics(log, SOURCE_DIR), log };
    current = r.tree;
  }
  const ar = await run(clang, 'ar', ['rcs', `/obj/${name}`, ...objects], current);
  log += ar.log;
  const archive = fromTree(ar.tree, `obj/${name}`);
  return {
    archive: archive instanceof Uint8Array ? archive : undefined,
    diagnostics: parseDiagnostics(log, SOURCE_DIR),
    log,
  };
}

/** A compiled translation unit and what clang said while compiling it (kept so its warnings are shown again). */
interface CompiledUnit {
  object: Uint8Array;
  log: string;
}

/**
 * Objects of recently compiled units per SDK, keyed by the unit's text and the app's headers: a rebuild after an
 * edit to one file compiles only that file (editing main.cpp of a many-file demo costs what a one-file demo does).
 */
const unitCaches = new WeakMap<Sdk, Map<string, CompiledUnit>>();
const UNIT_CACHE_ENTRIES = 64;

function unitCache(sdk: Sdk): Map<string, CompiledUnit> {
  let cache = unitCaches.get(sdk);
  if (!cache) unitCaches.set(sdk, (cache = new Map()));
  return cache;
}

async function compileUnit(
  clang: ClangCommands,
  sdk: Sdk,
  sources: Record<string, string>,
  unit: string,
): Promise<CompiledUnit | { log: string }> {
  const headers = Object.entries(sources)
    .filter(([p]) => !isTranslationUnit(p))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const key = JSON.stringify([unit, sources[unit], headers]);
  const cache = unitCache(sdk);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const object = `/obj/${unit.replace(/[/.]/g, '_')}.o`;
  const r = await run(
    clang,
    'clang++',
    [...COMPILE_FLAGS, ...APP_COMPILE_FLAGS, ...includeArgs(), '-c', `${SOURCE_DIR}${unit}`, '-o', object],
    {
      ...sdkTree({ headers: sdk.headers, libraries: {} }, sources),
      obj: {},
    },
  );
  const bytes = fromTree(r.tree, object);
  if (!(bytes instanceof Uint8Array)) return { log: r.log };
  const compiled = { object: bytes, log: r.log };
  cache.set(key, compiled);
  if (cache.size > UNIT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return compiled;
}

/** Compiles an app's files, links them with the SDK archives, and makes the result suspendable. */
export async function buildFirmware(
  clang: ClangCommands,
  sdk: Sdk,
  sources: Record<string, string>,
): Promise<BuildResult> {
  const units = translationUnits(sources);
  if (units.length === 0) {
    return {
      ok: false,
      diagnostics: [{ file: '', line: 0, column: 0, severity: 'error', message: 'no .cpp or .c file to compile' }],
      log: '',
    };
  }
  let log = '';
  const objects: Record<string, Uint8Array> = {};
  for (const unit of units) {
    const compiled = await compileUnit(clang, sdk, sources, unit);
    log += compiled.log;
    if ('object' in compiled) objects[`obj/${unit.replace(/[/.]/g, '_')}.o`] = compiled.object;
  }
  if (Object.keys(objects).length < units.length) {
    return failed(parseDiagnostics(log, SOURCE_DIR), log);
  }
  const libs = Object.keys(sdk.libraries)
    .sort()
    .map((l) => `-l${l.replace(/^lib/, '').replace(/\.a$/, '')}`);
  const args = [
    ...linkFlags(sources),
    ...Object.keys(objects).map((o) => `/${o}`),
    '-L/sdk/lib',
    // Archive members are linked only when referenced: name the runtime's exports so sim_runtime.o comes along.
    ...FW_EXPORTS.map((e) => `-Wl,--undefined=${e}`),
    ...libs,
    '-o',
    '/out/firmware.wasm',
  ];
  const r = await run(clang, 'clang++', args, {
    ...toTree({
      ...objects,
      ...Object.fromEntries(Object.entries(sdk.libraries).map(([p, c]) => [`sdk/lib/${p}`, c])),
    }),
    out: {},
  });
  log += r.log;
  const windowBytes = firmwareMemoryBytes(sources) - BOARD_SRAM_BYTES;
  const diagnostics = parseDiagnostics(log, SOURCE_DIR).map((d) => explainMemoryLimit(d, windowBytes));
  const linked = fromTree(r.tree, 'out/firmware.wasm');
  if (!(linked instanceof Uint8Array)) return failed(diagnostics, log);
  return { ok: true, wasm: asyncifyFirmware(linked), diagnostics, log };
}

function failed(diagnostics: Diagnostic[], log: string): BuildResult {
  if (!diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ file: '', line: 0, column: 0, severity: 'error', message: log.trim() || 'build failed' });
  }
  return { ok: false, diagnostics, log };
}
