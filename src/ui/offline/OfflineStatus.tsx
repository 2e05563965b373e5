// The top bar's offline indicator: whether this page would load and run its demos without a network. Not a live
// region: the install reports each of its files.
import { useStore } from '../../state/store';
import type { OfflineCopy } from '../../state/offlineSlice';

function describe(copy: OfflineCopy): { text: string; title: string } {
  switch (copy.phase) {
    case 'ready':
      return { text: 'Offline ready', title: `The app and its demos are kept in this browser (build ${copy.version})` };
    case 'saving': {
      const pct = copy.total ? Math.floor((100 * copy.done) / copy.total) : 0;
      return { text: `Saving for offline ${pct}%`, title: `${copy.done} of ${copy.total} files kept in this browser` };
    }
    case 'failed':
      return { text: 'Not saved for offline', title: copy.reason };
    case 'unavailable':
      return { text: 'Online only', title: `No offline copy: ${copy.reason}` };
  }
}

export function OfflineStatus() {
  const copy = useStore((s) => s.offline);
  const { text, title } = describe(copy);
  return (
    <div
      className={`offline-status phase-${copy.phase}`}
      data-testid="offline-ready"
      data-ready={String(copy.phase === 'ready')}
      data-phase={copy.phase}
      data-version={copy.phase === 'ready' ? copy.version : ''}
      title={title}
    >
      <span className="offline-dot" aria-hidden="true" />
      <span className="offline-text">{text}</span>
    </div>
  );
}
