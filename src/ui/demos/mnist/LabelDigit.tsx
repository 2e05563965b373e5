// After an inference: "that was a 4" — the firmware's 28×28 input goes into the user's data set with that label.
import { useEffect, useState } from 'react';
import { labelDigit, loadDataset } from '../../../services/training';
import type { MnistInferenceReport } from '../../../shared/telemetry/reports';
import { useStore } from '../../../state/store';
import { selectDataset } from '../../../state/selectors';

export function LabelDigit({ inference }: { inference: MnistInferenceReport }) {
  const dataset = useStore(selectDataset);
  // Which inference was labelled, and as what: one label per inference.
  const [saved, setSaved] = useState<{ seq: number; digit: number } | undefined>();
  useEffect(() => void loadDataset(), []);
  const done = saved?.seq === inference.seq ? saved : undefined;
  if (dataset.problem) return <p className="train-error">{dataset.problem}</p>;
  return (
    <div className="label-digit">
      <span id="label-digit-title">That was a:</span>
      <div role="group" aria-labelledby="label-digit-title" data-testid="label-digit" className="label-buttons">
        {Array.from({ length: 10 }, (_, d) => (
          <button
            key={d}
            type="button"
            data-digit={d}
            disabled={!!done}
            aria-pressed={done?.digit === d}
            aria-label={`Keep this input as a ${d}`}
            onClick={() => void labelDigit(inference.input, d).then(() => setSaved({ seq: inference.seq, digit: d }))}
          >
            {d}
          </button>
        ))}
      </div>
      <small aria-live="polite">
        {done
          ? `Kept as a ${done.digit}: ${dataset.count.toLocaleString('en-US')} digit${dataset.count === 1 ? '' : 's'} in your data set (Train tab).`
          : 'Pick the digit you drew to keep this input for training.'}
      </small>
    </div>
  );
}
