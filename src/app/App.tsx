import { lazy, Suspense } from 'react';
import { BoardPanel } from '../ui/board/BoardPanel';
import { SerialConsole } from '../ui/board/SerialConsole';
import { DemoPicker } from '../ui/controls/DemoPicker';
import { RunControls } from '../ui/controls/RunControls';

// Monaco loads only in the full view: the embeddable board view stays light.
const EditorPane = lazy(() => import('../ui/editor/EditorPane'));

export type View = 'full' | 'board';

export function App({ view }: { view: View }) {
  return (
    <div className={`app view-${view}`}>
      <header className="topbar">
        <div className="brand">
          tinyml<span>-sim</span>
        </div>
        <DemoPicker />
        <RunControls />
      </header>
      <main className="workspace">
        <div className="board-column">
          <BoardPanel />
          <SerialConsole />
        </div>
        {view === 'full' && (
          <Suspense fallback={<div className="editor-pane loading">Loading editor…</div>}>
            <EditorPane />
          </Suspense>
        )}
      </main>
    </div>
  );
}
