// State of the in-browser compiler: download progress, the last build's diagnostics and timing.
import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../toolchain/diagnostics';

export type BuildPhase = 'idle' | 'downloading' | 'compiling' | 'succeeded' | 'failed';

export interface BuildSlice {
  buildPhase: BuildPhase;
  /** 0..1 while the compiler downloads. */
  downloadProgress: number;
  diagnostics: Diagnostic[];
  buildLog: string;
  buildMs?: number;
  setBuildPhase(phase: BuildPhase, progress?: number): void;
  setBuildResult(ok: boolean, diagnostics: Diagnostic[], log: string, ms: number): void;
  clearDiagnostics(): void;
}

export const createBuildSlice: StateCreator<BuildSlice, [], [], BuildSlice> = (set) => ({
  buildPhase: 'idle',
  downloadProgress: 0,
  diagnostics: [],
  buildLog: '',
  setBuildPhase: (buildPhase, progress) => set(progress === undefined ? { buildPhase } : { buildPhase, downloadProgress: progress }),
  setBuildResult: (ok, diagnostics, buildLog, buildMs) => set({ buildPhase: ok ? 'succeeded' : 'failed', diagnostics, buildLog, buildMs }),
  clearDiagnostics: () => set({ diagnostics: [], buildLog: '', buildPhase: 'idle' }),
});
