// The current campaign live (counts per execution state as the manager publishes them), with Cancel, and the
// earlier campaigns in a line each.
import { type CampaignSummary, type Counts } from '../../fleet/protocol';
import { cancelCampaign } from '../../services/fleetInstructor';
import { useStore } from '../../state/store';

const COUNTS: [keyof Counts, string][] = [
  ['queued', 'queued'],
  ['inProgress', 'in progress'],
  ['succeeded', 'succeeded'],
  ['failed', 'failed'],
  ['timedOut', 'timed out'],
  ['rejected', 'rejected'],
  ['canceled', 'cancelled'],
];

const STATE_TEXT: Record<CampaignSummary['state'], string> = {
  IN_PROGRESS: 'in progress',
  COMPLETED: 'completed',
  ABORTED: 'aborted',
  CANCELED: 'cancelled',
};

function Current({ c }: { c: CampaignSummary }) {
  const failed = c.counts.failed + c.counts.timedOut + c.counts.rejected;
  const done = c.total - c.counts.queued - c.counts.inProgress;
  return (
    <div
      className={`campaign-state state-${c.state}`}
      data-testid="campaign-state"
      data-id={c.id}
      data-state={c.state}
      data-succeeded={c.counts.succeeded}
      data-failed={failed}
      data-total={c.total}
      role="status"
    >
      <div className="campaign-head">
        <strong>
          v{c.version} · {STATE_TEXT[c.state]}
        </strong>
        <span className="muted">
          {c.id} · {done} of {c.total} done · started {new Date(c.createdAt).toLocaleTimeString()}
        </span>
        <button
          type="button"
          data-testid="campaign-cancel"
          disabled={c.state !== 'IN_PROGRESS'}
          onClick={() => void cancelCampaign(c.id)}
        >
          Cancel
        </button>
      </div>
      <progress max={Math.max(1, c.total)} value={done} aria-label="Executions done" />
      <dl className="campaign-counts">
        {COUNTS.map(([key, label]) => (
          <div key={key} data-count={key} className={c.counts[key] ? `nonzero count-${key}` : `count-${key}`}>
            <dt>{label}</dt>
            <dd>{c.counts[key]}</dd>
          </div>
        ))}
      </dl>
      {c.reason && <p className="campaign-reason">{c.reason}</p>}
    </div>
  );
}

export function CampaignList() {
  const campaigns = useStore((s) => s.campaigns);
  const [current, ...earlier] = [...campaigns].sort((a, b) => b.createdAt - a.createdAt);
  return (
    <section className="fleet-card" aria-label="Campaigns">
      <h2>Campaign</h2>
      {current ? <Current c={current} /> : <p className="muted">No campaign yet.</p>}
      {earlier.length > 0 && (
        <ul className="campaign-history" data-testid="campaign-history">
          {earlier.map((c) => (
            <li key={c.id} data-state={c.state}>
              v{c.version} · {STATE_TEXT[c.state]} · {c.counts.succeeded}/{c.total} succeeded
              {c.reason ? ` · ${c.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
