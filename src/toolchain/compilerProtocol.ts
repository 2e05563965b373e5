// Messages between the page and the in-browser compiler worker.
import type { Diagnostic } from './diagnostics';

export type ToCompilerWorker = { type: 'compile'; id: number; files: Record<string, string>; sdkUrl: string };

export type FromCompilerWorker =
  | { type: 'progress'; phase: 'download' | 'compile'; done: number; total: number }
  | {
      type: 'result';
      id: number;
      ok: boolean;
      wasm?: ArrayBuffer;
      diagnostics: Diagnostic[];
      log: string;
      ms: number;
      cached: boolean;
    };
