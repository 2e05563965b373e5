import { lazy, Suspense, useRef, useState } from 'react';
import { BoardPanel } from '../ui/board/BoardPanel';
import { SerialConsole } from '../ui/board/SerialConsole';
import { DemoPicker } from '../ui/controls/DemoPicker';
import { RunControls } from '../ui/controls/RunControls';
import { DemoPanel, useDemoPanel } from '../ui/demos/DemoPanel';
import { Intro } from '../ui/help/Intro';
import { FleetStatus } from '../ui/fleet/FleetStatus';
import { CompactBoard } from '../ui/layout/CompactBoard';
import type { PartName } from '../ui/layout/parts';
import { OfflineStatus } from '../ui/offline/OfflineStatus';
import { UpdateNotice } from '../ui/offline/UpdateNotice';
import { LessonsButton } from '../ui/lessons/LessonsButton';
import { LessonsPanel } from '../ui/lessons/LessonsPanel';
import { useLessonsPanelOpen } from '../ui/lessons/useLessons';
import { ShareBanner } from '../ui/share/ShareBanner';
import { ShareButton } from '../ui/share/ShareButton';
import { preferences } from '../services/preferences';

// Monaco loads only in the full view: the embeddable board view stays light.
const EditorPane = lazy(() => import('../ui/editor/EditorPane'));
// The Model tab (and its .tflite reader) loads when it is first opened.
const ModelTab = lazy(() => import('../ui/model/ModelTab'));

export type View = 'full' | 'board';

function SidePane() {
  const panel = useDemoPanel();
  const [chosen, setTab] = useState<'panel' | 'train' | 'device' | 'model' | 'editor'>('panel');
  // A demo without a Train or Device tab shows its panel where that tab was; one without a panel, its sources.
  const fallback = (chosen === 'train' && !panel?.Train) || (chosen === 'device' && !panel?.Device);
  const tab = fallback ? 'panel' : chosen === 'panel' && !panel ? 'editor' : chosen;
  const showPanel = panel && tab === 'panel';
  return (
    <div className="side-pane">
      <div className="side-tabs" role="tablist">
        {panel && (
          <button
            role="tab"
            aria-selected={tab === 'panel'}
            className={tab === 'panel' ? 'active' : ''}
            onClick={() => setTab('panel')}
          >
            {panel.title}
          </button>
        )}
        {panel?.Train && (
          <button
            role="tab"
            aria-selected={tab === 'train'}
            data-testid="tab-train"
            className={tab === 'train' ? 'active' : ''}
            onClick={() => setTab('train')}
          >
            Train
          </button>
        )}
        {panel?.Device && (
          <button
            role="tab"
            aria-selected={tab === 'device'}
            data-testid="tab-device"
            className={tab === 'device' ? 'active' : ''}
            onClick={() => setTab('device')}
          >
            Device
          </button>
        )}
        <button
          role="tab"
          aria-selected={tab === 'model'}
          data-testid="tab-model"
          className={tab === 'model' ? 'active' : ''}
          onClick={() => setTab('model')}
          // A file dragged over the tab opens it, so it can be dropped there.
          onDragEnter={(e) => e.dataTransfer.types.includes('Files') && setTab('model')}
        >
          Model
        </button>
        <button
          role="tab"
          aria-selected={tab === 'editor'}
          data-testid="editor-tab"
          className={tab === 'editor' ? 'active' : ''}
          onClick={() => setTab('editor')}
        >
          Firmware source
        </button>
      </div>
      {showPanel ? (
        <DemoPanel />
      ) : tab === 'train' && panel?.Train ? (
        <panel.Train />
      ) : tab === 'device' && panel?.Device ? (
        <panel.Device />
      ) : tab === 'model' ? (
        <Suspense fallback={<div className="demo-panel loading">Loading the model tab…</div>}>
          <ModelTab />
        </Suspense>
      ) : (
        <Suspense fallback={<div className="editor-pane loading">Loading editor…</div>}>
          <EditorPane />
        </Suspense>
      )}
    </div>
  );
}

/** `parts`: what the board view shows (`?parts=`; undefined: the demo's default set). The full view ignores it. */
export function App({ view, parts }: { view: View; parts?: PartName[] }) {
  // An embedded board never shows the intro; the full page shows it on the first visit.
  const [intro, setIntro] = useState(() => view === 'full' && !preferences.introSeen());
  const topbar = useRef<HTMLElement>(null);
  const lessonsButton = useRef<HTMLButtonElement>(null);
  const lessonsOpen = useLessonsPanelOpen() && view === 'full';
  return (
    <div className={`app view-${view}${lessonsOpen ? ' lessons-open' : ''}`}>
      <header className="topbar" ref={topbar}>
        <div className="brand">
          tinyml<span>-sim</span>
        </div>
        <DemoPicker />
        <RunControls />
        <FleetStatus />
        {/* One group, so a narrow bar wraps it whole rather than leaving the ? alone on a line. */}
        <div className="topbar-end">
          <OfflineStatus />
          {view === 'full' && <LessonsButton ref={lessonsButton} />}
          {view === 'full' && <ShareButton />}
          {view === 'full' && (
            <button
              type="button"
              className="about"
              data-testid="about"
              aria-label="About tinyml-sim"
              title="About tinyml-sim"
              onClick={() => setIntro(true)}
            >
              ?
            </button>
          )}
        </div>
      </header>
      <UpdateNotice />
      <ShareBanner />
      {intro && (
        <Intro
          onClose={() => {
            preferences.markIntroSeen();
            setIntro(false);
            // The dialog hands focus back to what opened it, the "?"; on a first visit nothing did, and the next Tab
            // would skip the top bar: start at its first control instead.
            const bar = topbar.current!;
            if (!bar.contains(document.activeElement)) bar.querySelector<HTMLElement>('select, button')?.focus();
          }}
        />
      )}
      {lessonsOpen && <LessonsPanel onClose={() => lessonsButton.current?.focus()} />}
      <main className="workspace">
        {view === 'board' ? (
          <CompactBoard requested={parts} />
        ) : (
          <>
            <div className="board-column">
              <BoardPanel />
              <SerialConsole />
            </div>
            <SidePane />
          </>
        )}
      </main>
    </div>
  );
}
