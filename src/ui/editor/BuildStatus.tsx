// One line about the compiler: loading it (MB and %, from the network or this browser's cache), compiling (with
// Cancel), a build running for another project, and how the last build of this project ended.
import { useStore } from '../../state/store';
import {
  selectAppName,
  selectApps,
  selectBuildMs,
  selectBuildPhase,
  selectDiagnosticSummary,
  selectKeptBuilds,
  selectRunningBuild,
} from '../../state/selectors';
import { cancelBuild } from '../../services/session';
import { COMPILE_TIME_LIMIT_MS } from '../../services/compilerHost';
import type { CompilerLoad } from '../../state/buildSlice';
import type { DiagnosticSummary } from '../../toolchain/diagnostics';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const KEEPS_RUNNING = 'The previous firmware keeps running.';

function loadText({ done, total, source }: CompilerLoad): string {
  const pct = total ? Math.floor((100 * done) / total) : 0;
  const what =
    source === 'cache' ? "Loading the compiler from this browser's cache" : 'Downloading the compiler (first use only)';
  return `${what}: ${mb(done)} / ${mb(total)} MB (${pct}%)`;
}

function failedText(summary: DiagnosticSummary | undefined): string {
  const limit = summary?.errorLimitReached
    ? ' Clang stopped at its error limit ("too many errors emitted"), so there may be more after these: fix them and build again.'
    : '';
  return `Build failed: ${summary?.errors ?? 0} error(s).${limit} ${KEEPS_RUNNING}`;
}

function CancelButton() {
  return (
    <button type="button" data-testid="compile-cancel" onClick={cancelBuild}>
      Cancel
    </button>
  );
}

export function BuildStatus() {
  const running = useStore(selectRunningBuild);
  const appName = useStore(selectAppName);
  const apps = useStore(selectApps);
  const kept = useStore(selectKeptBuilds);
  const phase = useStore(selectBuildPhase);
  const ms = useStore(selectBuildMs);
  const summary = useStore(selectDiagnosticSummary);
  const title = (name: string) => apps.find((a) => a.name === name)?.title ?? name;

  if (running && running.project === appName) {
    return (
      <div className="build-status" data-testid="build-status" data-phase={running.load ? 'downloading' : 'compiling'}>
        {running.load ? (
          <>
            <span data-testid="compiler-load">{loadText(running.load)}</span>
            <progress
              data-testid="compiler-progress"
              max={1}
              value={running.load.total ? running.load.done / running.load.total : 0}
            />
          </>
        ) : (
          <span>{running.compiling ? 'Compiling…' : 'Preparing the build…'}</span>
        )}
        <CancelButton />
      </div>
    );
  }
  const warnings = summary?.warnings ?? 0;
  const text = {
    idle: '',
    succeeded: `Built in ${((ms ?? 0) / 1000).toFixed(1)} s${warnings ? `, ${warnings.toLocaleString('en')} warning(s)` : ''} — running`,
    failed: failedText(summary),
    cancelled: `Build cancelled. ${KEEPS_RUNNING}`,
    'timed-out': `Build stopped: compiling took longer than ${COMPILE_TIME_LIMIT_MS / 60_000} min, the limit for one build. ${KEEPS_RUNNING}`,
  }[phase];
  const others = kept.filter((p) => p !== appName);
  return (
    <>
      {running && (
        <div className="build-status" data-testid="background-build">
          <span>{`Building ${title(running.project)} in the background; it will run when you open ${title(running.project)}.`}</span>
          <CancelButton />
        </div>
      )}
      {others.map((p) => (
        <div key={p} className="build-status" data-testid="kept-build" data-project={p}>
          {`Your build of ${title(p)} finished while it was not open: it runs when you open ${title(p)}.`}
        </div>
      ))}
      <div
        className={`build-status ${phase}`}
        data-testid="build-status"
        data-phase={phase}
        data-ms={ms === undefined ? undefined : Math.round(ms)}
      >
        {text}
      </div>
    </>
  );
}
