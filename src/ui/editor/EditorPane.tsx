// The firmware editor: file tabs, Monaco, Compile & Run (in-browser clang), build progress, and the problems list.
import { useCallback, useRef } from 'react';
import { useStore } from '../../state/store';
import {
  selectActiveFile,
  selectBuildPhase,
  selectEdited,
  selectFiles,
  selectRunningBuild,
} from '../../state/selectors';
import { compileAndRun, restoreDemo } from '../../services/session';
import type { Diagnostic } from '../../toolchain/diagnostics';
import { BuildStatus } from './BuildStatus';
import { CodeEditor } from './CodeEditor';
import { ProblemsList } from './ProblemsList';
import { SaveNotices } from './SaveNotices';
import { ProjectFileActions, ProjectNotice } from '../share/ProjectFiles';

export default function EditorPane() {
  const files = useStore(selectFiles);
  const active = useStore(selectActiveFile);
  const edited = useStore(selectEdited);
  const phase = useStore(selectBuildPhase);
  const busy = useStore(selectRunningBuild) !== undefined;
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
              <button
                key={path}
                role="tab"
                aria-selected={path === active}
                className={path === active ? 'tab active' : 'tab'}
                onClick={() => useStore.getState().setActiveFile(path)}
              >
                {path}
              </button>
            ))}
        </div>
        <div className="editor-actions">
          <ProjectFileActions />
          {edited && (
            <button
              type="button"
              data-testid="restore-demo"
              onClick={() => void restoreDemo()}
              title="Discard your edits and return to the demo as shipped"
            >
              Restore demo
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="compile-run"
            disabled={busy}
            onClick={() => void compileAndRun()}
          >
            {busy ? 'Compiling…' : '⚙ Compile & Run'}
          </button>
        </div>
      </div>
      <SaveNotices />
      <ProjectNotice />
      {edited && phase === 'idle' && (
        <div className="edited-note">Edited sources restored from this browser. Compile & Run to run them.</div>
      )}
      <BuildStatus />
      {/* Monaco keeps Tab for indenting; its own way out (toggle tab focus mode) is otherwise undiscoverable. */}
      <p className="hint editor-keys" data-testid="editor-keys">
        Tab indents · <kbd>Ctrl+M</kbd>, then Tab, moves focus on (<kbd>Ctrl+Shift+M</kbd> on macOS); the same keys
        again make Tab indent
      </p>
      <CodeEditor onReveal={onReveal} />
      <ProblemsList reveal={reveal} />
    </section>
  );
}
