// Shown while a newer build's service worker waits: Reload lets it take over (the edits are saved as they are typed).
import { useState } from 'react';
import { applyUpdate } from '../../services/offline';
import { useStore } from '../../state/store';

export function UpdateNotice() {
  const ready = useStore((s) => s.updateReady);
  const [dismissed, setDismissed] = useState(false);
  if (!ready || dismissed) return null;
  return (
    <div className="update-notice" data-testid="update-ready" role="status">
      <span>A new version of tinyml-sim is ready.</span>
      <button type="button" className="primary" data-testid="update-reload" onClick={applyUpdate}>
        Reload
      </button>
      <button
        type="button"
        data-testid="update-later"
        aria-label="Later"
        title="Later"
        onClick={() => setDismissed(true)}
      >
        ×
      </button>
    </div>
  );
}
