// Monaco bound to the project files: one model per file, the store's diagnostics shown as markers.
import { useEffect, useRef } from 'react';
import { monaco } from './monacoSetup';
import { useStore } from '../../state/store';
import { selectActiveFile, selectDiagnostics, selectFiles } from '../../state/selectors';
import { editFile } from '../../services/session';
import type { Diagnostic } from '../../toolchain/diagnostics';

const uriOf = (path: string) => monaco.Uri.parse(`file:///${path}`);
const languageOf = (path: string) => (/\.(c|h)$/.test(path) ? 'c' : 'cpp');
const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  note: monaco.MarkerSeverity.Info,
};

/** Squiggles past the first hundred in a file tell the user nothing more, and each costs Monaco on every edit. */
const MAX_MARKERS_PER_FILE = 100;

/** Returns the paths whose model it created. */
function syncModels(files: Record<string, string>): string[] {
  const created: string[] = [];
  for (const model of monaco.editor.getModels()) {
    const path = model.uri.path.slice(1);
    if (!(path in files)) model.dispose();
  }
  for (const [path, text] of Object.entries(files)) {
    const model = monaco.editor.getModel(uriOf(path));
    if (!model) {
      monaco.editor.createModel(text, languageOf(path), uriOf(path));
      created.push(path);
    } else if (model.getValue() !== text) model.setValue(text);
  }
  return created;
}

function setMarkers(paths: string[], diagnostics: Diagnostic[]): void {
  for (const path of paths) {
    const model = monaco.editor.getModel(uriOf(path));
    if (!model) continue;
    const markers = diagnostics
      .filter((d) => d.file === path && d.line > 0)
      .slice(0, MAX_MARKERS_PER_FILE)
      .map((d) => ({
        severity: SEVERITY[d.severity],
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.line,
        endColumn: model.getLineMaxColumn(Math.min(d.line, model.getLineCount())),
      }));
    monaco.editor.setModelMarkers(model, 'clang', markers);
  }
}

export function CodeEditor({ onReveal }: { onReveal: (fn: (d: Diagnostic) => void) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const files = useStore(selectFiles);
  const active = useStore(selectActiveFile);
  const diagnostics = useStore(selectDiagnostics);

  useEffect(() => {
    const ed = monaco.editor.create(host.current!, {
      theme: 'vs-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 4,
    });
    editor.current = ed;
    const sub = ed.onDidChangeModelContent(() => {
      const model = ed.getModel();
      if (model) editFile(model.uri.path.slice(1), model.getValue());
    });
    return () => {
      sub.dispose();
      ed.dispose();
    };
  }, []);

  // Markers are set when a build reports and when a file's model appears, not on every keystroke: Monaco moves
  // existing markers with the text itself.
  useEffect(() => {
    setMarkers(syncModels(files), useStore.getState().diagnostics);
    const model = active ? monaco.editor.getModel(uriOf(active)) : null;
    if (editor.current && model && editor.current.getModel() !== model) editor.current.setModel(model);
  }, [files, active]);

  useEffect(() => setMarkers(Object.keys(useStore.getState().files), diagnostics), [diagnostics]);

  useEffect(() => {
    onReveal((d) => {
      const ed = editor.current;
      if (!ed || d.line <= 0) return;
      ed.revealLineInCenter(d.line);
      ed.setPosition({ lineNumber: d.line, column: d.column });
      ed.focus();
    });
  }, [onReveal]);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
