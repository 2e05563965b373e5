// Starts the compiler worker on first use only: the default page never downloads the compiler.
import type { FromCompilerWorker, ToCompilerWorker } from '../toolchain/compilerProtocol';
import { useStore } from '../state/store';

type Result = Extract<FromCompilerWorker, { type: 'result' }>;

export class CompilerHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result) => void>();

  compile(files: Record<string, string>, sdkUrl: string): Promise<Result> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ type: 'compile', id, files, sdkUrl } satisfies ToCompilerWorker);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../toolchain/compiler.worker.ts', import.meta.url), { type: 'module', name: 'compiler' });
    worker.onmessage = (e: MessageEvent<FromCompilerWorker>) => {
      const msg = e.data;
      if (msg.type === 'progress') {
        const store = useStore.getState();
        if (msg.phase === 'download') store.setBuildPhase('downloading', msg.total ? msg.done / msg.total : 0);
        else store.setBuildPhase('compiling');
        return;
      }
      this.pending.get(msg.id)?.(msg);
      this.pending.delete(msg.id);
    };
    worker.onerror = (e) => {
      // A crashed compiler fails every waiting build clearly; the next compile starts a fresh worker.
      for (const [id, resolve] of this.pending) {
        resolve({ type: 'result', id, ok: false, diagnostics: [{ file: '', line: 0, column: 0, severity: 'error', message: `compiler crashed: ${e.message}` }], log: e.message, ms: 0, cached: false });
      }
      this.pending.clear();
      this.worker = undefined;
      worker.terminate();
    };
    this.worker = worker;
    return worker;
  }
}
