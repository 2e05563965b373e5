// The firmware editor: file tabs, Monaco, Compile & Run (in-browser clang), build progress, and the problems list.
import { useCallback, useRef } from 'react';
import { useStore } from '../../state/store';
import { selectActiveFile, selectBuildMs, selectBuildPhase, selectDiagnostics, selectDownloadProgress, selectEdited, selectFiles } from '../../state/selectors';
import { compileAndRun, restoreDemo } from '../../services/session';
import type { Diagnostic } from '../../toolchain/diagnostics';
import { CodeEditor } from './CodeEditor';
import { SaveNotices } from './SaveNotices';

function BuildStatus() {
  const phase = useStore(selectBuildPhase);
  const progress = useStore(selectDownloadProgress);
  const ms = useStore(selectBuildMs);
  const diagnostics = useStore(selectDiagnostics);
  if (phase === 'downloading') {
    return (
      <div className="build-status" data-testid="build-status">
        <span>Loading the compiler (first use only)…</span>
        <progress data-testid="compiler-progress" max={1} value={progress} />
      </div>
    );
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const text = {
    idle: '',
    compiling: 'Compiling…',
    succeeded: `Built in ${((ms ?? 0) / 1000).toFixed(1)} s${warnings ? `, ${warnings} warning(s)` : ''} — running`,
    failed: `Build failed: ${errors} error(s). The previous firmware keeps running.`,
  }[phase];
  return (
    <div className={`build-status ${phase}`} data-testid="build-status" data-phase={phase} data-ms={ms === undefined ? undefined : Math.round(ms)}>
      {text}
    </div>
  );
}

function Problems({ reveal }: { reveal: (d: Diagnostic) => void }) {
  const diagnostics = useStore(selectDiagnostics).filter((d) => d.severity !== 'note');
  if (!diagnostics.length) return null;
  return (
    <ul className="problems" data-testid="problems" aria-label="Problems">
      {diagnostics.map((d, i) => (
        <li key={i} className={d.severity}>
          <button type="button" onClick={() => reveal(d)}>
            <span className="sev">{d.severity}</span> {d.file ? `${d.file}:${d.line}:${d.column}` : ''} {d.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

export default function EditorPane() {
  const files = useStore(selectFiles);
  const active = useStore(selectActiveFile);
  const edited = useStore(selectEdited);
  const phase = useStore(selectBuildPhase);
  const busy = phase === 'downloading' || phase === 'compiling';
  const revealRef = useRef<(d: Diagnostic) => void>(() => {});
  const onReveal = useCallback((fn: (d: Diagnostic) => void) => (revealRef.current = fn), []);
  const reveal = (d: Diagnostic) => {
    if (d.file in files) useStore.getState().setActiveFile(d.file);
    setTimeout(() => revealRef.current(d), 0);
  };

  return (
    <section className="editor-pane" aria-label="Firmware editor">
      <div className="editor-toolbar">
        <div className="tabs" role="tablist">
          {Object.keys(files)
            .sort()
            .map((path) => (
              <button key={path} role="tab" aria-selected={path === active} className={path === active ? 'tab active' : 'tab'} onClick={() => useStore.getState().setActiveFile(path)}>
                {path}
              </button>
            ))}
        </div>
        <div className="editor-actions">
          {edited && (
            <button type="button" data-testid="restore-demo" onClick={() => void restoreDemo()} title="Discard your edits and return to the demo as shipped">
              Restore demo
            </button>
          )}
          <button type="button" className="primary" data-testid="compile-run" disabled={busy} onClick={() => void compileAndRun()}>
            {busy ? 'Compiling…' : '⚙ Compile & Run'}
          </button>
        </div>
      </div>
      <SaveNotices />
      {edited && phase === 'idle' && <div className="edited-note">Edited sources restored from this browser. Compile & Run to run them.</div>}
      <BuildStatus />
      <CodeEditor onReveal={onReveal} />
      <Problems reveal={reveal} />
    </section>
  );
}
