// Per-layer figures as the firmware reports them, plus the cycle model's estimate for the chosen board.
import type { OpEstimate } from '../../../ml/cycles/cycleModel';
import type { LayerReport } from '../../../shared/telemetry/reports';

const shape = (s: number[]) => s.join('×');
const n = (x: number) => x.toLocaleString('en-US');

export function LayerTable({ layers, estimates }: { layers: LayerReport[]; estimates: OpEstimate[] }) {
  return (
    <div className="layers-scroll">
      <table className="layers" data-testid="layer-table">
        <thead>
          <tr>
            <th>op</th>
            <th>in → out</th>
            <th>MACs</th>
            <th title="int8 weights in flash">weights B</th>
            <th title="bias, scales, zero points, multipliers">qparams B</th>
            <th title="activations in the arena">arena B</th>
            <th title="cycle-model estimate for the chosen board">est. cycles</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((l, i) => (
            <tr key={i}>
              <td>
                {l.op}
                {l.kernel ? <small> {l.kernel}</small> : null}
              </td>
              <td>
                {shape(l.input_shape)} → {shape(l.output_shape)}
              </td>
              <td>{n(l.macs)}</td>
              <td>{n(l.weight_bytes)}</td>
              <td>{n(l.qparam_bytes)}</td>
              <td>{n(l.arena_bytes)}</td>
              <td>{estimates[i] ? n(Math.round(estimates[i].cycles)) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
