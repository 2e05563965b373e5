// Messages between the page and the in-browser compiler worker.
import type { ResourceSource } from './compilerCache';
import type { Diagnostic, DiagnosticSummary } from './diagnostics';

export type ToCompilerWorker = { type: 'compile'; id: number; files: Record<string, string>; sdkUrl: string };

export type FromCompilerWorker =
  /** Loading the compiler: bytes read so far of its resources, from the network or this browser's cache. */
  | { type: 'progress'; phase: 'download'; done: number; total: number; source: ResourceSource }
  /** The compiler is loaded and clang runs now (the page's time limit starts here). */
  | { type: 'progress'; phase: 'compile' }
  | {
      type: 'result';
      id: number;
      ok: boolean;
      wasm?: ArrayBuffer;
      /** At most MAX_LISTED_DIAGNOSTICS records; `summary` counts all of them. */
      diagnostics: Diagnostic[];
      summary: DiagnosticSummary;
      ms: number;
      cached: boolean;
    };
