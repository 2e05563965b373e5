// In-browser firmware compiler: @yowasp/clang (LLVM in wasm) and binaryen, loaded only when this worker starts,
// i.e. on the first Compile. Links the user's files against the prebuilt SDK archives; results are cached by hash.
// Heavy modules are imported dynamically: binaryen has a top-level await, and a module worker drops messages that
// arrive before its onmessage handler is installed.
import type { ClangCommands } from './clangCommands';
import type { FromCompilerWorker, ToCompilerWorker } from './compilerProtocol';
import type { Sdk } from './firmwareBuilder';
import { hashFiles } from './hash';
import type { SdkManifest } from '../shared/manifests';

const post = (m: FromCompilerWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

let clang: Promise<ClangCommands> | undefined;
let sdk: Promise<{ sdk: Sdk; hash: string }> | undefined;
const cache = new Map<string, { wasm: Uint8Array; log: string; diagnostics: FromCompilerWorker & { type: 'result' } }>();

function loadCompiler(): Promise<ClangCommands> {
  clang ??= import('@yowasp/clang').then(async (mod) => {
    const commands = mod.commands as unknown as ClangCommands;
    // A no-op run makes the package fetch and compile its ~100 MB of LLVM now, reporting progress as it goes.
    await mod.commands['clang++'](['--version'], {}, {
      stdout: null,
      stderr: null,
      fetchProgress: ({ doneLength, totalLength }) => post({ type: 'progress', phase: 'download', done: doneLength, total: totalLength }),
    });
    return commands;
  });
  return clang;
}

function loadSdk(url: string): Promise<{ sdk: Sdk; hash: string }> {
  sdk ??= (async () => {
    const manifest = (await (await fetch(`${url}/sdk.json`)).json()) as SdkManifest;
    const libraries: Record<string, Uint8Array> = {};
    for (const lib of manifest.libraries) {
      const res = await fetch(`${url}/${lib}`);
      if (!res.ok) throw new Error(`SDK library ${lib}: HTTP ${res.status}`);
      libraries[lib] = new Uint8Array(await res.arrayBuffer());
    }
    return { sdk: { headers: manifest.headers, libraries }, hash: manifest.hash };
  })();
  return sdk;
}

async function compile(msg: ToCompilerWorker): Promise<void> {
  const t0 = performance.now();
  try {
    const [commands, { sdk: kit, hash: sdkHash }] = await Promise.all([loadCompiler(), loadSdk(msg.sdkUrl)]);
    const key = await hashFiles(msg.files, [sdkHash]);
    const hit = cache.get(key);
    if (hit) {
      post({ ...hit.diagnostics, id: msg.id, wasm: hit.wasm.slice().buffer, ms: performance.now() - t0, cached: true });
      return;
    }
    post({ type: 'progress', phase: 'compile', done: 0, total: 1 });
    const { buildFirmware } = await import('./firmwareBuilder');
    const r = await buildFirmware(commands, kit, msg.files);
    const result: FromCompilerWorker & { type: 'result' } = {
      type: 'result',
      id: msg.id,
      ok: r.ok,
      diagnostics: r.diagnostics,
      log: r.log,
      ms: performance.now() - t0,
      cached: false,
    };
    if (r.ok) {
      cache.set(key, { wasm: r.wasm, log: r.log, diagnostics: result });
      post({ ...result, wasm: r.wasm.slice().buffer });
    } else post(result);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'result', id: msg.id, ok: false, diagnostics: [{ file: '', line: 0, column: 0, severity: 'error', message }], log: message, ms: performance.now() - t0, cached: false });
  }
}

self.onmessage = (e: MessageEvent<ToCompilerWorker>) => void compile(e.data);
