// The Train tab of the MNIST demo: settings and what they cost the board, the run, and what came out of it.
import { useStore } from '../../../../state/store';
import { selectTrainReport } from '../../../../state/selectors';
import { ArchitectureFit } from './ArchitectureFit';
import { CollectedDigits } from './CollectedDigits';
import { ConfusionMatrix } from './ConfusionMatrix';
import { FloatInt8Card } from './FloatInt8Card';
import { Misclassified } from './Misclassified';
import { TrainCurves } from './TrainCurves';
import { TrainProgress } from './TrainProgress';
import { TrainSettings } from './TrainSettings';

export function TrainPanel() {
  const report = useStore(selectTrainReport);
  return (
    <section className="demo-panel train" aria-label="Train an MNIST model">
      <div className="panel-title">Train · MLP on MNIST, TF.js in a worker</div>
      <TrainSettings />
      <ArchitectureFit />
      <TrainProgress />
      <TrainCurves />
      {report && (
        <>
          <FloatInt8Card report={report} />
          <ConfusionMatrix confusion={report.evaluation.confusion} perClass={report.evaluation.perClass} />
          <Misclassified report={report} />
        </>
      )}
      <CollectedDigits />
    </section>
  );
}
