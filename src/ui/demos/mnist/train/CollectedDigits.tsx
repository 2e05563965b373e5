// The digits the user labelled after inferences on the device, kept in IndexedDB: count, grid, clear, export.
import { useEffect, useState } from 'react';
import { clearDataset, exportDataset, listDataset, loadDataset } from '../../../../services/training';
import type { CollectedDigit } from '../../../../services/digitStorage';
import { useStore } from '../../../../state/store';
import { selectDataset } from '../../../../state/selectors';
import { DigitTile } from '../DigitTile';

export function CollectedDigits() {
  const dataset = useStore(selectDataset);
  const [shown, setShown] = useState<CollectedDigit[] | undefined>();
  useEffect(() => void loadDataset(), []);
  // The grid follows the count (a digit labelled or the set cleared while it is open).
  useEffect(() => {
    if (shown) void listDataset().then(setShown);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset.count]);
  return (
    <div className="collected">
      <div className="section-title">
        Data: the bundled 8,000 training / 2,000 held-out digits, plus yours:{' '}
        <strong data-testid="dataset-count" data-count={dataset.count}>
          {dataset.count.toLocaleString('en-US')} digit{dataset.count === 1 ? '' : 's'}
        </strong>
      </div>
      {dataset.problem ? (
        <p className="train-error" data-testid="dataset-problem">
          {dataset.problem}
        </p>
      ) : (
        <>
          <p className="hint">
            After an inference on the Inference tab, pick the digit you drew: the firmware’s 28×28 input is kept here
            with that label, in this browser.
          </p>
          <div className="train-actions">
            <button
              type="button"
              data-testid="dataset-view"
              aria-expanded={!!shown}
              onClick={() => (shown ? setShown(undefined) : void listDataset().then(setShown))}
            >
              {shown ? 'Hide' : 'View'}
            </button>
            <button
              type="button"
              data-testid="dataset-export"
              disabled={!dataset.count}
              onClick={() => void exportDataset()}
            >
              Export
            </button>
            <button
              type="button"
              data-testid="dataset-clear"
              disabled={!dataset.count}
              onClick={() => {
                if (confirm(`Delete your ${dataset.count} labelled digits from this browser?`)) void clearDataset();
              }}
            >
              Clear
            </button>
          </div>
          {shown && (
            <div className="digit-grid" data-testid="dataset-grid">
              {shown.length === 0 && <span className="hint">No digits yet.</span>}
              {shown.map((d, i) => (
                <DigitTile
                  key={i}
                  pixels={d.pixels}
                  caption={String(d.label)}
                  label={`your digit ${i + 1}, a ${d.label}`}
                />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
