// Where the run is: phase, epoch and batch, elapsed time and the time left (from the pace so far).
import { useStore } from '../../../../state/store';
import {
  selectTrainMessage,
  selectTrainPhase,
  selectTrainProgress,
  selectTrainReport,
} from '../../../../state/selectors';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

const PHASE_TEXT = {
  idle: 'Not trained yet.',
  loading: 'Loading TF.js and the 10,000 digits…',
  training: 'Training…',
  quantizing: 'Quantizing to int8 and evaluating on the 2,000 held-out digits…',
  done: 'Done.',
  'nothing-trained': '',
  failed: '',
} as const;

export function TrainProgress() {
  const phase = useStore(selectTrainPhase);
  const message = useStore(selectTrainMessage);
  const p = useStore(selectTrainProgress);
  const report = useStore(selectTrainReport);
  const epochs = p?.epochs ?? 0;
  const fraction = p ? (p.epoch - 1 + p.batch / p.batches) / p.epochs : 0;
  const left = p && fraction > 0 ? p.elapsedMs / fraction - p.elapsedMs : undefined;
  // After a run, the epoch shown is the last complete one (a stopped run keeps that one).
  const epoch = phase === 'done' && report ? report.epochs.length : (p?.epoch ?? 0);
  const done = phase === 'done' && report && !report.stopped ? 1 : fraction;
  return (
    <div className="train-progress-wrap">
      <div
        className="train-progress"
        data-testid="train-progress"
        data-epoch={epoch}
        data-epochs={phase === 'done' && report ? report.settings.epochs : epochs}
        data-phase={phase}
        data-epoch-ms={
          phase === 'done' && report?.epochs.length
            ? (report.epochs.reduce((a, e) => a + e.ms, 0) / report.epochs.length).toFixed(0)
            : undefined
        }
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(done * 100)}
      >
        <div className="train-progress-fill" style={{ width: `${done * 100}%` }} />
      </div>
      <div className="train-progress-text" aria-live="polite">
        {message ??
          (p && phase === 'training'
            ? `Epoch ${p.epoch} of ${p.epochs}, batch ${p.batch} of ${p.batches} · ${seconds(p.elapsedMs)} elapsed${left !== undefined ? `, about ${seconds(left)} left` : ''}`
            : phase === 'done' && report
              ? `${report.stopped ? `Stopped: kept epoch ${report.epochs.length} of ${report.settings.epochs}.` : `Trained ${report.epochs.length} epoch${report.epochs.length === 1 ? '' : 's'}`} on ${report.trainDigits.toLocaleString('en-US')} digits in ${seconds(report.epochs.reduce((a, e) => a + e.ms, 0))}.`
              : PHASE_TEXT[phase])}
      </div>
    </div>
  );
}
