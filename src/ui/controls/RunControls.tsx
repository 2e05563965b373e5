// Run controls: Stop, Reset, Pause/Resume, Step, pacing, and the virtual clock with its speed relative to real time.
// A narrow board view shows the buttons' symbols only: their words (`run-label`) stay for screen readers.
import { useStore } from '../../state/store';
import {
  selectBusy,
  selectPace,
  selectPausePending,
  selectSimTimeUs,
  selectSpeed,
  selectStatus,
} from '../../state/selectors';
import { firmware } from '../../services/session';
import { MAX_REALTIME_SPEED, type PaceMode } from '../../runtime';
import { formatSimTime, formatSpeed } from '../../shared/format';

const PACES: { label: string; mode: PaceMode }[] = [
  { label: '×0.1', mode: { kind: 'realtime', speed: 0.1 } },
  { label: '×1 real time', mode: { kind: 'realtime', speed: 1 } },
  { label: '×10', mode: { kind: 'realtime', speed: 10 } },
  { label: `×${MAX_REALTIME_SPEED}`, mode: { kind: 'realtime', speed: MAX_REALTIME_SPEED } },
  { label: 'Fast-forward', mode: { kind: 'fast' } },
];
const paceKey = (m: PaceMode) => (m.kind === 'fast' ? 'fast' : String(m.speed));
const STEP_US = 10_000;

export function RunControls() {
  const status = useStore(selectStatus);
  const simTimeUs = useStore(selectSimTimeUs);
  const speed = useStore(selectSpeed);
  const pace = useStore(selectPace);
  const busy = useStore(selectBusy);
  const pausePending = useStore(selectPausePending);
  const live = status === 'running' || status === 'paused';
  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      <button type="button" data-testid="stop" onClick={() => firmware.stop()} disabled={!live && status !== 'loading'}>
        ■ <span className="run-label">Stop</span>
      </button>
      <button type="button" data-testid="reset" onClick={() => firmware.reset()}>
        ↻ <span className="run-label">Reset</span>
      </button>
      {status === 'paused' ? (
        <button type="button" data-testid="resume" onClick={() => firmware.resume()}>
          ▶ <span className="run-label">Resume</span>
        </button>
      ) : (
        <button
          type="button"
          data-testid="pause"
          data-pending={pausePending}
          onClick={() => firmware.pause()}
          disabled={!live || pausePending}
        >
          ❚❚ <span className="run-label">{pausePending ? 'Pausing…' : 'Pause'}</span>
        </button>
      )}
      <button
        type="button"
        data-testid="step"
        onClick={() => firmware.step(STEP_US)}
        disabled={!live}
        title="Run 10 ms of virtual time, then pause"
      >
        Step<span className="run-label"> 10 ms</span>
      </button>
      <label className="pace">
        <span>Speed</span>
        <select
          data-testid="replay-speed"
          value={paceKey(pace)}
          onChange={(e) => firmware.setPace(PACES.find((p) => paceKey(p.mode) === e.target.value)!.mode)}
        >
          {PACES.map((p) => (
            <option key={paceKey(p.mode)} value={paceKey(p.mode)}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <div className="clock" aria-live="off">
        <span className="clock-label">virtual time</span>
        <span data-testid="sim-time" data-ms={Math.floor(simTimeUs / 1000)}>
          {formatSimTime(simTimeUs)}
        </span>
        <span
          className="speed"
          data-testid="speed-pct"
          title="Virtual time per real time, achieved over the last second"
        >
          {status !== 'running' ? status : busy ? 'busy' : formatSpeed(speed)}
        </span>
      </div>
      {busy && status === 'running' && (
        <p className="busy-note" data-testid="busy-note" role="status">
          The firmware is computing without calling the HAL: virtual time stands still, Pause waits for it — Stop ends
          it.
        </p>
      )}
    </div>
  );
}
