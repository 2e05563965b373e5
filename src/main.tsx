import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type View } from './app/App';
import { joinWorkshop, WORKSHOP_DEMO } from './services/fleet';
import { flushSave, launch, leavePage } from './services/session';
import { lessonById, openLesson } from './services/lessons';
import { initPostedReadings } from './services/postedReadings';
import { initStreams } from './services/streams';
import { startOffline } from './services/offline';
import { allowWorkersInOpaqueOrigin } from './services/opaqueOrigin';
import { isSharedLink, openSharedLink } from './services/sharing';
import { visitorData } from './services/visitorData';
import { requestedParts } from './ui/layout/parts';
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
  // ?lesson=<id> opens the lesson and, unless the link names another, the demo the lesson is about.
  const lesson = view === 'full' ? params.get('lesson') : null;
  root.render(
    <StrictMode>
      <App view={view} parts={view === 'board' ? requestedParts(params) : undefined} />
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
  // The full page keeps the offline copy; an embedded board only reports one (it never downloads the editor).
  startOffline({ register: view === 'full' });
  // A workshop board runs the demo whose model the fleet updates, unless the link names another.
  const demo =
    params.get('demo') ?? (lesson ? lessonById(lesson)?.demo : undefined) ?? (workshop ? WORKSHOP_DEMO : undefined);
  if (embedded) void launch({ demo, persist: false });
  else {
    // A share link opens the project it carries, in a page that saves nothing until the visitor keeps it; a link
    // pasted into this tab's address bar changes only the fragment, which reloads nothing.
    void (isSharedLink() ? openSharedLink(demo) : launch({ demo }));
    addEventListener('hashchange', () => isSharedLink() && void openSharedLink(demo));
  }
  if (lesson) openLesson(lesson, { demoOpened: true });
  if (workshop && code !== null) void joinWorkshop(workshop, code);
}
