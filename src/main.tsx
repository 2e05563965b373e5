import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type View } from './app/App';
import { flushSave, launch, leavePage } from './services/session';
import { initPostedReadings } from './services/postedReadings';
import { initStreams } from './services/streams';
import './ui/styles.css';

const params = new URLSearchParams(location.search);
const view: View = params.get('view') === 'board' ? 'board' : 'full';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App view={view} />
  </StrictMode>,
);

addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void flushSave());
addEventListener('pagehide', leavePage);
initStreams();
initPostedReadings();
void launch({ demo: params.get('demo') ?? undefined });
