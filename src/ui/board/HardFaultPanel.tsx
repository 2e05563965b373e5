import { useStore } from '../../state/store';
import { selectFault, selectLoadError, selectStatus } from '../../state/selectors';
import { firmware } from '../../services/session';

/** Shown over the board when the firmware trapped or could not load; Reset recovers. */
export function HardFaultPanel() {
  const status = useStore(selectStatus);
  const fault = useStore(selectFault);
  const loadError = useStore(selectLoadError);
  if (status !== 'faulted') return null;
  const message = loadError ?? fault?.message ?? 'unknown fault';
  return (
    <div className="hardfault" data-testid="hardfault" role="alert">
      <div className="hardfault-title">HardFault</div>
      <p className="hardfault-message">{message}</p>
      <p className="hardfault-hint">
        The board halted. Fix the firmware and compile again, or press Reset to restart it.
      </p>
      {firmware.hasFirmware && (
        <button type="button" onClick={() => firmware.reset()}>
          Reset board
        </button>
      )}
    </div>
  );
}
