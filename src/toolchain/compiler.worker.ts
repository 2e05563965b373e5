// In-browser firmware compiler: @yowasp/clang (LLVM in wasm) and binaryen, loaded only when this worker starts,
// i.e. on the first Compile. Links the user's files against the prebuilt SDK archives; results are cached by hash.
// Heavy modules are imported dynamically: binaryen has a top-level await, and a module worker drops messages that
// arrive before its onmessage handler is installed.
import type { ClangCommands } from './clangCommands';
import { explainCompilerFailure } from './compilerErrors';
import { cachingFetch, openCompilerCache, type ResourceSource } from './compilerCache';
import type { FromCompilerWorker, ToCompilerWorker } from './compilerProtocol';
import { type Diagnostic, summarizeDiagnostics } from './diagnostics';
import type { Sdk } from './firmwareBuilder';
import { hashFiles } from './hash';
import { translationUnits } from './translationUnits';
import type { SdkManifest } from '../shared/manifests';

declare const __YOWASP_CLANG_VERSION__: string;

type Result = Extract<FromCompilerWorker, { type: 'result' }>;

const post = (m: FromCompilerWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);
/** The network as it was before the compiler's resources were routed through the cache (the SDK is not cached). */
const network = fetch.bind(globalThis);

let clang: Promise<ClangCommands> | undefined;
let sdk: Promise<{ sdk: Sdk; hash: string }> | undefined;
const cache = new Map<string, Omit<Result, 'id' | 'ms' | 'cached'> & { wasm: ArrayBuffer }>();

function loadCompiler(): Promise<ClangCommands> {
  clang ??= (async () => {
    let source: ResourceSource = 'cache';
    const resources = await openCompilerCache(__YOWASP_CLANG_VERSION__);
    // @yowasp/clang fetches with the global fetch as it finds it when first imported: route that through the cache.
    if (resources) globalThis.fetch = cachingFetch(resources, network, (s) => s === 'network' && (source = s));
    else source = 'network';
    const mod = await import('@yowasp/clang');
    // A no-op run makes the package fetch and compile its ~100 MB of LLVM now, reporting progress as it goes.
    await mod.commands['clang++'](
      ['--version'],
      {},
      {
        stdout: null,
        stderr: null,
        fetchProgress: ({ doneLength, totalLength }) =>
          post({ type: 'progress', phase: 'download', done: doneLength, total: totalLength, source }),
      },
    );
    return mod.commands as unknown as ClangCommands;
  })();
  return clang;
}

function loadSdk(url: string): Promise<{ sdk: Sdk; hash: string }> {
  sdk ??= (async () => {
    const manifest = (await (await network(`${url}/sdk.json`)).json()) as SdkManifest;
    const libraries: Record<string, Uint8Array> = {};
    for (const lib of manifest.libraries) {
      const res = await network(`${url}/${lib}`);
      if (!res.ok) throw new Error(`SDK library ${lib}: HTTP ${res.status}`);
      libraries[lib] = new Uint8Array(await res.arrayBuffer());
    }
    return { sdk: { headers: manifest.headers, libraries }, hash: manifest.hash };
  })();
  return sdk;
}

function failure(id: number, message: string, ms: number): Result {
  const diagnostics: Diagnostic[] = [{ file: '', line: 0, column: 0, severity: 'error', message }];
  return {
    type: 'result',
    id,
    ok: false,
    diagnostics,
    summary: summarizeDiagnostics(diagnostics, '').summary,
    ms,
    cached: false,
  };
}

async function compile(msg: ToCompilerWorker): Promise<void> {
  const t0 = performance.now();
  try {
    const [commands, { sdk: kit, hash: sdkHash }] = await Promise.all([loadCompiler(), loadSdk(msg.sdkUrl)]);
    const key = await hashFiles(msg.files, [sdkHash]);
    const hit = cache.get(key);
    if (hit) {
      post({ ...hit, id: msg.id, wasm: hit.wasm.slice(0), ms: performance.now() - t0, cached: true });
      return;
    }
    post({ type: 'progress', phase: 'compile' });
    const { buildFirmware } = await import('./firmwareBuilder');
    const r = await buildFirmware(commands, kit, msg.files);
    const { listed, summary } = summarizeDiagnostics(r.diagnostics, r.log);
    const result: Result = {
      type: 'result',
      id: msg.id,
      ok: r.ok,
      diagnostics: listed,
      summary,
      ms: performance.now() - t0,
      cached: false,
    };
    if (r.ok) {
      cache.set(key, { ...result, wasm: r.wasm.slice().buffer });
      post({ ...result, wasm: r.wasm.slice().buffer });
    } else post(result);
  } catch (e) {
    post(
      failure(
        msg.id,
        explainCompilerFailure(e instanceof Error ? e.message : String(e), translationUnits(msg.files)),
        performance.now() - t0,
      ),
    );
  }
}

self.onmessage = (e: MessageEvent<ToCompilerWorker>) => void compile(e.data);
