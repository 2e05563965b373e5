// The held-out digits the float model gets wrong (up to 60), each with its true digit and the prediction.
import { IMAGE_BYTES } from '../../../../ml/mnist/dataset';
import type { TrainOutcome } from '../../../../ml/train/protocol';
import { DigitTile } from '../DigitTile';

export function Misclassified({ report }: { report: TrainOutcome }) {
  const { misclassified } = report.evaluation;
  const shown = report.misclassifiedImages.length / IMAGE_BYTES;
  return (
    <div className="misclassified">
      <div className="section-title">
        Misclassified held-out digits: {misclassified.length.toLocaleString('en-US')}
        {shown < misclassified.length ? ` (first ${shown} shown)` : ''}
      </div>
      <div className="digit-grid" data-testid="misclassified" data-count={misclassified.length}>
        {misclassified.slice(0, shown).map((m, i) => (
          <DigitTile
            key={m.index}
            pixels={report.misclassifiedImages.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES)}
            caption={`${m.label}→${m.predicted}`}
            label={`a ${m.label} read as ${m.predicted}`}
          />
        ))}
      </div>
    </div>
  );
}
