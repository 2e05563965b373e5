import { useStore } from '../../state/store';
import { selectOpenFailure } from '../../state/selectors';
import { firmware, retryOpen } from '../../services/session';

/** Shown over the board when a demo (or the demo list) could not be fetched; Retry tries the same again. */
export function OpenFailurePanel() {
  const failure = useStore(selectOpenFailure);
  if (!failure) return null;
  return (
    <div className="open-failure" data-testid="open-failure" role="alert">
      <div className="open-failure-title">Could not load</div>
      <p className="hardfault-message">{failure.message}</p>
      {firmware.hasFirmware && <p className="hardfault-hint">The board keeps running what it ran before.</p>}
      <div className="open-failure-actions">
        <button type="button" className="primary" data-testid="open-retry" onClick={() => void retryOpen()}>
          Retry
        </button>
        {firmware.hasFirmware && (
          <button type="button" onClick={() => useStore.getState().setOpenFailure(undefined)}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
