// Starts the compiler worker on first use only: the default page never downloads the compiler. One build at a time;
// Cancel and the time limit end a build by terminating the worker (clang cannot be interrupted inside wasm), and the
// next build starts a fresh one, which loads the compiler again from Cache Storage.
import type { FromCompilerWorker, ToCompilerWorker } from '../toolchain/compilerProtocol';
import { explainCompilerFailure } from '../toolchain/compilerErrors';
import { summarizeDiagnostics } from '../toolchain/diagnostics';
import { translationUnits } from '../toolchain/translationUnits';
import { useStore } from '../state/store';

export type CompileResult = Extract<FromCompilerWorker, { type: 'result' }>;
export type CompileOutcome = CompileResult | { type: 'stopped'; reason: 'cancelled' | 'timed-out' };

/** Longest a build may compile (after the compiler has loaded: a slow download does not count). */
export const COMPILE_TIME_LIMIT_MS = 120_000;

interface Job {
  id: number;
  units: string[];
  resolve(outcome: CompileOutcome): void;
  timer?: ReturnType<typeof setTimeout>;
}

export class CompilerHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private job: Job | undefined;

  constructor(private readonly timeLimitMs = COMPILE_TIME_LIMIT_MS) {}

  compile(files: Record<string, string>, sdkUrl: string): Promise<CompileOutcome> {
    if (this.job) throw new Error('CompilerHost: a build is already running');
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.job = { id, units: translationUnits(files), resolve };
      worker.postMessage({ type: 'compile', id, files, sdkUrl } satisfies ToCompilerWorker);
    });
  }

  /** Ends the running build at once; the firmware on the board is not touched. */
  cancel(): void {
    this.stop({ type: 'stopped', reason: 'cancelled' });
  }

  private stop(outcome: CompileOutcome): void {
    const job = this.job;
    if (!job) return;
    this.worker?.terminate();
    this.worker = undefined;
    this.finish(job, outcome);
  }

  private finish(job: Job, outcome: CompileOutcome): void {
    clearTimeout(job.timer);
    if (this.job === job) this.job = undefined;
    job.resolve(outcome);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../toolchain/compiler.worker.ts', import.meta.url), {
      type: 'module',
      name: 'compiler',
    });
    worker.onmessage = (e: MessageEvent<FromCompilerWorker>) => {
      const msg = e.data;
      const job = this.job;
      if (msg.type === 'progress') {
        const store = useStore.getState();
        if (msg.phase === 'download') store.setCompilerLoad({ done: msg.done, total: msg.total, source: msg.source });
        else {
          store.setCompiling();
          if (job && job.timer === undefined)
            job.timer = setTimeout(() => this.stop({ type: 'stopped', reason: 'timed-out' }), this.timeLimitMs);
        }
        return;
      }
      if (job?.id === msg.id) this.finish(job, msg);
    };
    worker.onerror = (e) => {
      // A crashed compiler fails the waiting build clearly; the next compile starts a fresh worker.
      const job = this.job;
      const message = explainCompilerFailure(`compiler crashed: ${e.message}`, job?.units ?? []);
      const diagnostics = [{ file: '', line: 0, column: 0, severity: 'error' as const, message }];
      this.worker = undefined;
      worker.terminate();
      if (job)
        this.finish(job, {
          type: 'result',
          id: job.id,
          ok: false,
          diagnostics,
          summary: summarizeDiagnostics(diagnostics, '').summary,
          ms: 0,
          cached: false,
        });
    };
    this.worker = worker;
    return worker;
  }
}
