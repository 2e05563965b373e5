// The board's two model slots as its update agent reports them.
import { formatBytes } from '../../../shared/format';
import type { OtaStatusReport } from '../../../shared/telemetry/reports';

const SLOTS = [
  { id: 'primary', label: 'primary (runs)' },
  { id: 'secondary', label: 'secondary (download)' },
] as const;

export function SlotsTable({ ota }: { ota: OtaStatusReport }) {
  return (
    <table className="slots">
      <thead>
        <tr>
          <th scope="col">slot</th>
          <th scope="col">version</th>
          <th scope="col">body</th>
          <th scope="col">SHA-256</th>
          <th scope="col">checked</th>
          <th scope="col">state</th>
        </tr>
      </thead>
      <tbody>
        {SLOTS.map(({ id, label }, i) => {
          const slot = ota.slots[i];
          const state = slot?.pending
            ? 'waiting to be tried'
            : slot?.confirmed
              ? 'confirmed'
              : slot?.version
                ? 'kept'
                : 'empty';
          return (
            <tr
              key={id}
              data-testid={`slot-${id}`}
              data-version={slot?.version ?? ''}
              data-confirmed={String(slot?.confirmed ?? false)}
              data-digest={slot?.digest ?? ''}
            >
              <th scope="row">{label}</th>
              <td>{slot?.version ? `v${slot.version}` : '—'}</td>
              <td>{slot?.version ? formatBytes(slot.body_bytes) : '—'}</td>
              <td className="digest">{slot?.digest ? `${slot.digest}…` : '—'}</td>
              <td data-check={slot?.check ?? ''}>{slot?.check || '—'}</td>
              <td>{state}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
