// State of the in-browser compiler: the build in progress (for whichever project started it) and the last build
// of the project on screen — its outcome, diagnostics and timing. A build belongs to the project it started in.
import type { StateCreator } from 'zustand';
import type { Diagnostic, DiagnosticSummary } from '../toolchain/diagnostics';

/** How the last build of the project on screen ended. */
export type BuildPhase = 'idle' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

/** Bytes of the compiler's resources read so far, from the network or this browser's cache. */
export interface CompilerLoad {
  done: number;
  total: number;
  source: 'cache' | 'network';
}

/** The build the compiler is working on: `load` while the compiler itself loads; `compiling` once clang runs. */
export interface RunningBuild {
  project: string;
  load?: CompilerLoad;
  compiling: boolean;
}

export interface BuildOutcome {
  ok: boolean;
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary;
  ms: number;
}

export interface BuildSlice {
  runningBuild?: RunningBuild;
  buildPhase: BuildPhase;
  diagnostics: Diagnostic[];
  diagnosticSummary?: DiagnosticSummary;
  buildMs?: number;
  /** Projects whose build finished while another project was on screen; it runs when they are opened. */
  keptBuilds: string[];
  startBuild(project: string): void;
  setCompilerLoad(load: CompilerLoad): void;
  setCompiling(): void;
  setBuildResult(outcome: BuildOutcome): void;
  setBuildStopped(reason: 'cancelled' | 'timed-out'): void;
  /** The build of `project` ended while another project was on screen. */
  setBuildKept(project: string, kept: boolean): void;
  /** `project` is opened: it shows its kept build's outcome, or nothing. */
  showProjectBuild(project: string, outcome?: BuildOutcome): void;
  clearDiagnostics(): void;
}

const cleared: Partial<BuildSlice> = {
  buildPhase: 'idle',
  diagnostics: [],
  diagnosticSummary: undefined,
  buildMs: undefined,
};

export const createBuildSlice: StateCreator<BuildSlice, [], [], BuildSlice> = (set) => ({
  buildPhase: 'idle',
  diagnostics: [],
  keptBuilds: [],
  startBuild: (project) => set({ runningBuild: { project, compiling: false } }),
  setCompilerLoad: (load) => set((s) => (s.runningBuild ? { runningBuild: { ...s.runningBuild, load } } : {})),
  setCompiling: () =>
    set((s) => (s.runningBuild ? { runningBuild: { project: s.runningBuild.project, compiling: true } } : {})),
  setBuildResult: ({ ok, diagnostics, summary, ms }) =>
    set({
      runningBuild: undefined,
      buildPhase: ok ? 'succeeded' : 'failed',
      diagnostics,
      diagnosticSummary: summary,
      buildMs: ms,
    }),
  setBuildStopped: (buildPhase) => set({ runningBuild: undefined, buildPhase }),
  setBuildKept: (project, kept) =>
    set((s) => ({
      runningBuild: undefined,
      keptBuilds: kept ? [...s.keptBuilds.filter((p) => p !== project), project] : s.keptBuilds,
    })),
  showProjectBuild: (project, outcome) => {
    set((s) => ({ keptBuilds: s.keptBuilds.filter((p) => p !== project) }));
    if (outcome)
      set({
        buildPhase: outcome.ok ? 'succeeded' : 'failed',
        diagnostics: outcome.diagnostics,
        diagnosticSummary: outcome.summary,
        buildMs: outcome.ms,
      });
    else set(cleared);
  },
  clearDiagnostics: () => set(cleared),
});
