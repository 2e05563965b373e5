// The board as a deployed device: its two model slots, the update agent's LwM2M state and result, the updates it
// finished, and the update server's buttons (docs/ota.md). Deploy signs the Train tab's model with this browser's
// key and offers it; the device downloads, checks, tries and confirms it — or refuses it and keeps its model.
import { useStore } from '../../../state/store';
import { selectAnomalyRetrain, selectAppName, selectTrainedModel } from '../../../state/selectors';
import {
  cancelDeploy,
  deployModel,
  previousVersion,
  rollBack,
  saveImage,
  setUpdateLink,
  type Deployable,
} from '../../../services/deploy';
import { KEY_SLOTS } from '../../../runtime';
import { formatSimTime } from '../../../shared/format';
import { Explain } from '../../help/Explain';
import { LWM2M_STATES, resultName } from './lwm2m';
import { SlotsTable } from './SlotsTable';

const KEY_NAMES: Record<number, string> = {
  [KEY_SLOTS.factory]: 'factory',
  [KEY_SLOTS.owner]: 'owner',
  [KEY_SLOTS.workshop]: 'workshop',
};

export function DevicePanel() {
  const ota = useStore((s) => s.ota);
  const history = useStore((s) => s.updateHistory);
  const note = useStore((s) => s.deployNote);
  const linkConnected = useStore((s) => s.linkConnected);
  const app = useStore(selectAppName);
  const network = useStore(selectTrainedModel);
  const regression = useStore(selectAnomalyRetrain);
  const trained: Deployable | undefined =
    app === 'mnist' && network
      ? { demo: 'mnist', artefact: network.artefact }
      : app === 'anomaly' && regression?.ok
        ? { demo: 'anomaly', retrain: regression.result }
        : undefined;
  const trainFirst =
    app === 'anomaly'
      ? 'Retrain the regression in the Train tab'
      : app === 'model_runner'
        ? 'Run a .tflite on the board from the Model runner tab'
        : 'Train a model in the Train tab';
  const state = ota ? LWM2M_STATES[ota.state] : undefined;
  const busy = ota !== undefined && ota.state !== 0;
  const previous = ota && previousVersion();
  const progress = ota && ota.state === 1 && ota.download_size > 0 ? ota.downloaded_bytes / ota.download_size : 0;

  return (
    <section className="demo-panel device" aria-label="Device: model updates">
      <div className="panel-title">
        Device · over-the-air model updates{' '}
        <Explain id="ota" label="over-the-air updates" doc="ota.md" section="on-the-device-download-swap-trial-confirm">
          The page plays the update server: it signs a model image with this browser&apos;s key and offers it to the
          board. The board&apos;s update agent downloads it block by block, checks its SHA-256 and signature (in the
          secure element), swaps it in for a trial, runs its self-test and confirms it — or swaps the old model back.
        </Explain>
      </div>
      <div
        className="ota-state"
        data-testid="ota-state"
        data-state={state ?? ''}
        data-result={ota ? resultName(ota.result) : ''}
        role="status"
      >
        <span>
          State <strong>{state ?? '—'}</strong>
        </span>
        <span>
          Last result <strong>{ota ? resultName(ota.result) : '—'}</strong>
        </span>
        <span className="ota-line">{ota?.status ?? 'waiting for the board'}</span>
      </div>
      {ota?.state === 1 && <progress className="ota-progress" max={1} value={progress} aria-label="Download" />}
      <div className="model-version" data-testid="model-version" data-version={ota?.running ?? ''}>
        Running model <strong>{ota?.running ? `v${ota.running}` : 'none'}</strong>
        {ota?.running && (
          <small>
            {' '}
            · signed with the {KEY_NAMES[ota.running_key_slot ?? -1] ?? 'an unknown'} key · digest {ota.running_digest}{' '}
            · security counter {ota.security_counter}
          </small>
        )}
      </div>
      {ota && <SlotsTable ota={ota} />}
      <div className="device-actions">
        <button
          type="button"
          data-testid="deploy"
          disabled={!trained || busy}
          title={trained ? undefined : `${trainFirst} first`}
          onClick={() => trained && void deployModel(trained)}
        >
          Deploy the trained model
        </button>
        <button
          type="button"
          data-testid="deploy-tampered"
          disabled={!trained || busy}
          onClick={() => trained && void deployModel(trained, { tampered: true })}
        >
          Deploy a tampered copy
        </button>
        <button
          type="button"
          data-testid="deploy-failing-selftest"
          disabled={!trained || busy}
          onClick={() => trained && void deployModel(trained, { failingSelfTest: true })}
        >
          Deploy with a failing self-test
        </button>
        <button
          type="button"
          data-testid="save-image"
          disabled={!trained}
          title="Sign the trained model as the next version and save the image file (a workshop's instructor uploads it)"
          onClick={() => trained && void saveImage(trained)}
        >
          Save image
        </button>
        <button type="button" data-testid="rollback" disabled={!previous || busy} onClick={rollBack}>
          {previous ? `Roll back to v${previous}` : 'Roll back'}
        </button>
        <button type="button" data-testid="cancel-deploy" disabled={!busy} onClick={cancelDeploy}>
          Cancel
        </button>
        <label className="link-toggle">
          <input
            type="checkbox"
            data-testid="update-link"
            checked={linkConnected}
            onChange={(e) => setUpdateLink(e.target.checked)}
          />{' '}
          Network link up
        </label>
      </div>
      {!trained && <p className="hint">{trainFirst} to deploy it.</p>}
      {note && <p className="deploy-note">{note}</p>}
      <h3>Update history</h3>
      {history.length === 0 ? (
        <p className="hint">No update yet.</p>
      ) : (
        <ol className="update-history" data-testid="update-history">
          {history.map((h, i) => (
            <li key={`${h.atUs}-${i}`} data-result={resultName(h.result)}>
              <span className="at">{formatSimTime(h.atUs)}</span> <strong>{resultName(h.result)}</strong>{' '}
              <span>{h.status}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
