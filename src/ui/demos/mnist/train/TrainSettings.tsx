// The run's settings (architecture, epochs, batch size, learning rate, the user's digits or not) and Start/Stop.
import { useState } from 'react';
import { settingsFromForm, startTraining, stopTraining } from '../../../../services/training';
import { useStore } from '../../../../state/store';
import { selectDataset, selectTrainForm, selectTraining } from '../../../../state/selectors';
import type { TrainForm } from '../../../../state/workbenchSlice';
import { parseHidden } from '../../../../ml/train/settings';

function Field({
  label,
  field,
  testId,
  inputMode,
}: {
  label: string;
  field: keyof Omit<TrainForm, 'includeCollected'>;
  testId?: string;
  inputMode: 'numeric' | 'decimal';
}) {
  const value = useStore((s) => s.trainForm[field]);
  const training = useStore(selectTraining);
  return (
    <label className="train-field">
      {label}
      <input
        type="text"
        inputMode={inputMode}
        data-testid={testId}
        value={value}
        disabled={training}
        onChange={(e) => useStore.getState().setTrainForm({ [field]: e.target.value })}
      />
    </label>
  );
}

export function TrainSettings() {
  const form = useStore(selectTrainForm);
  const training = useStore(selectTraining);
  const dataset = useStore(selectDataset);
  const [stopping, setStopping] = useState(false);
  const parsed = settingsFromForm();
  const hiddenProblem = parseHidden(form.hidden);
  return (
    <form
      className="train-settings"
      onSubmit={(e) => {
        e.preventDefault();
        setStopping(false);
        void startTraining();
      }}
    >
      <label className="train-field arch">
        Hidden layers
        <input
          type="text"
          data-testid="arch-hidden"
          value={form.hidden}
          disabled={training}
          aria-invalid={!hiddenProblem.ok}
          aria-describedby="train-settings-error"
          spellCheck={false}
          onChange={(e) => useStore.getState().setTrainForm({ hidden: e.target.value })}
        />
        <small>784 → {hiddenProblem.ok ? hiddenProblem.value.join(' → ') : '…'} → 10</small>
      </label>
      <Field label="Epochs" field="epochs" testId="train-epochs" inputMode="numeric" />
      <Field label="Batch size" field="batchSize" testId="train-batch" inputMode="numeric" />
      <Field label="Learning rate" field="learningRate" testId="train-lr" inputMode="decimal" />
      <label className="train-check">
        <input
          type="checkbox"
          data-testid="train-include-collected"
          checked={form.includeCollected}
          disabled={training || !!dataset.problem}
          onChange={(e) => useStore.getState().setTrainForm({ includeCollected: e.target.checked })}
        />
        add my {dataset.count.toLocaleString('en-US')} labelled digits to the 8,000 training digits
      </label>
      <div className="train-actions">
        <button type="submit" data-testid="train-start" disabled={training || !parsed.ok}>
          Train
        </button>
        <button
          type="button"
          data-testid="train-stop"
          disabled={!training || stopping}
          onClick={() => {
            setStopping(true);
            stopTraining();
          }}
        >
          {training && stopping ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      <div id="train-settings-error" className="train-error" data-testid="train-settings-error" role="alert">
        {parsed.ok ? '' : parsed.message}
      </div>
    </form>
  );
}
