import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type View } from './app/App';
import { joinWorkshop, WORKSHOP_DEMO } from './services/fleet';
import { flushSave, launch, leavePage } from './services/session';
import { initPostedReadings } from './services/postedReadings';
import { initStreams } from './services/streams';
import { visitorData } from './services/visitorData';
import { allowWorkersInOpaqueOrigin } from './services/opaqueOrigin';
import './ui/styles.css';

const params = new URLSearchParams(location.search);
const root = createRoot(document.getElementById('root')!);

if (params.get('view') === 'instructor') {
  // The instructor's page runs no board; it loads apart, so the board page never downloads its MQTT client.
  void Promise.all([import('./ui/fleet/InstructorPage'), import('./services/fleetInstructor')]).then(
    ([{ InstructorPage }, { startInstructor }]) => {
      root.render(
        <StrictMode>
          <InstructorPage />
        </StrictMode>,
      );
      void startInstructor();
    },
  );
} else {
  const view: View = params.get('view') === 'board' ? 'board' : 'full';
  // A board view inside a frame is an embed (docs/embed.md): the embed API talks to its parent, and the page
  // neither reads nor writes this browser's saved projects, readings or signing key.
  const embedded = view === 'board' && window.parent !== window;
  const workshop = params.get('workshop');
  const code = params.get('code');
  root.render(
    <StrictMode>
      <App view={view} />
    </StrictMode>,
  );
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void flushSave());
  addEventListener('pagehide', leavePage);
  initStreams();
  if (embedded) {
    visitorData.refuse();
    allowWorkersInOpaqueOrigin();
    void import('./services/embedBoard').then(({ startEmbed }) => startEmbed(params.get('origin')));
  } else initPostedReadings();
  // A workshop board runs the demo whose model the fleet updates, unless the link names another.
  void launch({
    demo: params.get('demo') ?? (workshop ? WORKSHOP_DEMO : undefined),
    persist: !embedded,
  });
  if (workshop && code !== null) void joinWorkshop(workshop, code);
}
