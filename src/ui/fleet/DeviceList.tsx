// The fleet's devices as the instructor sees them: online or last seen, the app and model each slot holds, the
// update agent's state and result, and the last figures its telemetry carried. Rows can be picked as a campaign's
// target.
import * as v from 'valibot';
import { LessonProgressSchema, type DeviceRow } from '../../fleet/protocol';
import { useStore } from '../../state/store';
import { LWM2M_STATES, resultName } from '../demos/device/lwm2m';

const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString());

/** A numeric field of the last report of `type`, if the device sent one. */
function lastFigure(row: DeviceRow, type: string, field: string): string {
  const value = (row.telemetry[type] as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'number' ? String(value) : '—';
}

/** The lesson the learner has open on that board and how far they are (the page's lesson.progress report). */
function Lesson({ row }: { row: DeviceRow }) {
  const parsed = v.safeParse(LessonProgressSchema, row.telemetry['lesson.progress']);
  if (!parsed.success) return <>—</>;
  const { title, done, steps } = parsed.output;
  return (
    <span data-testid="fleet-lesson" data-done={done} data-steps={steps} className={done === steps ? 'online' : ''}>
      {title} {done}/{steps}
    </span>
  );
}

/** The running model, marked confirmed or on trial (an unconfirmed primary reverts at the next boot). */
function Running({ row }: { row: DeviceRow }) {
  if (!row.version) return <>—</>;
  const primary = row.slots[0];
  const trial = primary?.version === row.version && !primary.confirmed;
  return (
    <span className={trial ? 'trial' : 'running'}>
      v{row.version}
      {primary?.version === row.version && (trial ? ' (trial)' : ' ✓')}
    </span>
  );
}

export function DeviceList({
  selected,
  onSelect,
}: {
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
}) {
  const devices = useStore((s) => s.fleetDevices);
  const rows = Object.values(devices).sort((a, b) => Number(b.online) - Number(a.online) || a.id.localeCompare(b.id));
  const online = rows.filter((r) => r.online).length;
  return (
    <section className="fleet-card" aria-label="Devices">
      <h2>
        Devices <small>{rows.length ? `${online} of ${rows.length} online` : 'none has joined yet'}</small>
      </h2>
      <div className="fleet-table-wrap">
        <table className="fleet-devices" data-testid="fleet-devices">
          <thead>
            <tr>
              <th aria-label="target" />
              <th>device</th>
              <th>online</th>
              <th>model</th>
              <th>update</th>
              <th>other slot</th>
              <th>app</th>
              <th>last prediction</th>
              <th>anomalies</th>
              <th>lesson</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const state = row.state === null ? '' : (LWM2M_STATES[row.state] ?? String(row.state));
              const result = row.result === null ? '' : resultName(row.result);
              return (
                <tr
                  key={row.id}
                  data-testid="fleet-device"
                  data-id={row.id}
                  data-online={String(row.online)}
                  data-version={row.version ?? ''}
                  data-state={state}
                  data-result={result}
                  className={row.online ? '' : 'offline'}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`target ${row.id}`}
                      checked={selected.has(row.id)}
                      onChange={(e) => onSelect(row.id, e.target.checked)}
                    />
                  </td>
                  <td className="mono">{row.id}</td>
                  <td>{row.online ? <span className="online">online</span> : `last seen ${time(row.lastSeen)}`}</td>
                  <td>
                    <Running row={row} />
                  </td>
                  <td title={row.status ?? undefined}>
                    {state ? `${state}${result && result !== 'initial' ? ` · ${result}` : ''}` : '—'}
                    {/* While the agent works, its status line says how far (e.g. "downloading 49%"). */}
                    {row.state !== null && row.state !== 0 && row.status && (
                      <small className="muted"> {row.status.replace(/^OTA: /, '')}</small>
                    )}
                  </td>
                  <td>{row.slots[1]?.version ? `v${row.slots[1].version}` : '—'}</td>
                  <td>{row.app ?? '—'}</td>
                  <td>{lastFigure(row, 'mnist.inference', 'prediction')}</td>
                  <td>{lastFigure(row, 'anomaly.sample', 'count')}</td>
                  <td>
                    <Lesson row={row} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
