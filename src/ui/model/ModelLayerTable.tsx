// One row per operator of the .tflite graph: shapes, MACs, weight and quantization-parameter bytes, the output's
// arena bytes and its lifetime — a bar from the op that writes it to the last op that reads it, on the op-index
// axis (as TFLite Micro's memory-planner visualisations draw buffer lifetimes).
import type { LayerRow } from '../../ml/tflite/report';
import { lifetimeSpan } from './memoryChart';

const shape = (s: number[]) => (s.length ? s.join('×') : 'scalar');
const n = (x: number) => x.toLocaleString('en-US');

export function ModelLayerTable({ layers, ops }: { layers: LayerRow[]; ops: number }) {
  return (
    <div className="model-section">
      <div className="model-section-title" id="model-layers-title">
        Per layer <small>(arena lifetime: ops 0–{ops - 1})</small>
      </div>
      <div className="layers-scroll model-layers-scroll">
        <table className="layers model-layers" data-testid="model-layers" aria-labelledby="model-layers-title">
          <thead>
            <tr>
              <th>#</th>
              <th>op</th>
              <th>in → out</th>
              <th>MACs</th>
              <th title="int8 weights in flash">weights B</th>
              <th title="bias, scales, zero points">qparams B</th>
              <th title="the output tensor's bytes in the arena">output B</th>
              <th title={`from its first to its last use, ops 0–${ops - 1}`}>lifetime</th>
            </tr>
          </thead>
          <tbody>
            {layers.map((l) => {
              const span = lifetimeSpan(l.firstUse, l.lastUse, ops);
              return (
                <tr key={l.operatorIndex} data-testid="model-layer" data-op={l.op} data-macs={l.macs}>
                  <td>{l.operatorIndex}</td>
                  <td>
                    {l.op}
                    {l.kernel ? <small> {l.kernel}</small> : null}
                  </td>
                  <td className="shapes">
                    <span>{shape(l.inputShape)} →</span> <span>{shape(l.outputShape)}</span>
                  </td>
                  <td>{n(l.macs)}</td>
                  <td>{n(l.weightBytes)}</td>
                  <td>{n(l.quantParamBytes)}</td>
                  <td>{n(l.outputBytes)}</td>
                  <td className="lifetime-cell">
                    <div
                      className="lifetime"
                      role="img"
                      aria-label={`live from op ${l.firstUse} to op ${l.lastUse}`}
                      title={`ops ${l.firstUse}–${l.lastUse}`}
                    >
                      <span style={{ left: `${span.start * 100}%`, width: `${span.width * 100}%` }} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
