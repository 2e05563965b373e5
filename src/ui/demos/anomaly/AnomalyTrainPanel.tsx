// The anomaly demo's Train tab: the readings the device posted, kept in this browser, and the regression retrained
// from them — train and test MSE next to the running model's on the same readings.
import { useEffect } from 'react';
import { TRAIN_SHARE } from '../../../ml/anomaly/retrain';
import {
  clearReadings,
  READINGS_KEPT,
  refreshReadingsCount,
  retrainAnomalyModel,
} from '../../../services/postedReadings';
import { useStore } from '../../../state/store';
import { selectAnomalyRetrain, selectPostedReadings } from '../../../state/selectors';
import { useTelemetry } from '../useTelemetry';

const mse = (x: number | null) => (x === null ? '—' : x.toFixed(3));

export function AnomalyTrainPanel() {
  const readings = useStore(selectPostedReadings);
  const retrain = useStore(selectAnomalyRetrain);
  const model = useTelemetry('anomaly.model');
  const k = model && model.status !== 'rejected' ? model.k : undefined;
  useEffect(() => void refreshReadingsCount(), []);
  const r = retrain?.ok ? retrain.result : undefined;
  return (
    <section className="demo-panel train" aria-label="Retrain the anomaly model">
      <div className="panel-title">Train · the regression, from the device’s readings</div>
      <div className="section-title">
        Readings the device posted, kept in this browser:{' '}
        <strong data-testid="readings-count" data-count={readings.count}>
          {readings.count.toLocaleString('en-US')}
        </strong>{' '}
        <small className="hint">(the newest {READINGS_KEPT.toLocaleString('en-US')})</small>
      </div>
      {readings.problem ? (
        <p className="train-error" data-testid="readings-problem">
          {readings.problem}
        </p>
      ) : (
        <div className="train-actions">
          <button
            type="button"
            data-testid="anomaly-retrain"
            disabled={k === undefined || !readings.count}
            onClick={() => void retrainAnomalyModel(k!)}
          >
            Retrain{k !== undefined ? ` (k = ${k})` : ''}
          </button>
          <button
            type="button"
            data-testid="readings-clear"
            disabled={!readings.count}
            onClick={() => void clearReadings()}
          >
            Clear readings
          </button>
        </div>
      )}
      <p className="hint">
        Least squares on the last k readings (the running model’s k; no time-of-day terms), fitted on the first{' '}
        {TRAIN_SHARE * 100}% of the longest run of consecutive readings and tested on the rest. The running model is
        scored on the same readings from the predictions it made. The paper reports 0.249 (train) and 1.03 (test).
      </p>
      {retrain && !retrain.ok && (
        <p className="train-error" role="alert" data-testid="anomaly-retrain-error">
          {retrain.message}
        </p>
      )}
      {r && (
        <div
          className="float-int8"
          data-testid="anomaly-retrain-result"
          data-train-mse={r.trainMse}
          data-test-mse={r.testMse}
          data-running-train-mse={r.running.trainMse ?? ''}
          data-running-test-mse={r.running.testMse ?? ''}
        >
          <table>
            <caption>
              MSE (°C²) on {r.readings.toLocaleString('en-US')} readings: {r.trainReadings.toLocaleString('en-US')}{' '}
              train, {r.testReadings.toLocaleString('en-US')} test
            </caption>
            <thead>
              <tr>
                <th />
                <th scope="col">train</th>
                <th scope="col">test</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">retrained</th>
                <td>{mse(r.trainMse)}</td>
                <td>{mse(r.testMse)}</td>
              </tr>
              <tr>
                <th scope="row">running model</th>
                <td>{mse(r.running.trainMse)}</td>
                <td>{mse(r.running.testMse)}</td>
              </tr>
            </tbody>
          </table>
          <small>
            weights (oldest reading first) {r.model.weights.map((w) => w.toFixed(3)).join(', ')}; bias{' '}
            {r.model.bias.toFixed(3)} °C
          </small>
        </div>
      )}
    </section>
  );
}
