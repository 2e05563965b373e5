// The trained model as float32 (TF.js) and as int8 (the bit-exact TS engine, i.e. what the firmware computes):
// held-out accuracy, agreement, flash and arena bytes, estimated latency on the selected board.
import { boardById } from '../../../../ml/cycles/boards';
import { estimateLatency } from '../../../../ml/cycles/cycleModel';
import type { TrainOutcome } from '../../../../ml/train/protocol';
import { layerWidths } from '../../../../ml/train/settings';
import { useStore } from '../../../../state/store';
import { selectKernel, selectTargetBoardId } from '../../../../state/selectors';

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;

export function FloatInt8Card({ report }: { report: TrainOutcome }) {
  const board = boardById(useStore(selectTargetBoardId));
  const kernel = useStore(selectKernel);
  const e = report.evaluation;
  const widths = layerWidths(784, report.settings.hidden, 10);
  const params = widths.slice(1).reduce((a, units, i) => a + units * widths[i]! + units, 0);
  const latency = estimateLatency(e.footprint.ops, board, kernel);
  return (
    <div className="float-int8" data-testid="train-accuracy" data-float={e.floatAccuracy} data-int8={e.int8Accuracy}>
      <table>
        <caption>
          {widths.join('-')} on the 2,000 held-out digits{' '}
          <small data-testid="train-weights" data-sha256={report.weightsSha256} title={report.weightsSha256}>
            weights SHA-256 {report.weightsSha256.slice(0, 12)}…
          </small>
        </caption>
        <thead>
          <tr>
            <th />
            <th scope="col">float32 (TF.js)</th>
            <th scope="col">int8 (as the firmware runs it)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">accuracy</th>
            <td>{pct(e.floatAccuracy)}</td>
            <td>{pct(e.int8Accuracy)}</td>
          </tr>
          <tr>
            <th scope="row">same prediction</th>
            <td colSpan={2}>{pct(e.agreement)} of the digits</td>
          </tr>
          <tr>
            <th scope="row">flash</th>
            <td>{bytes(params * 4)}</td>
            <td>{bytes(e.footprint.flashBytes)}</td>
          </tr>
          <tr>
            <th scope="row">arena (SRAM)</th>
            <td>—</td>
            <td>{bytes(e.footprint.arenaBytes)}</td>
          </tr>
          <tr>
            <th scope="row">latency on {board.name}</th>
            <td>
              <small>not modelled</small>
            </td>
            <td>
              {latency.ms.toFixed(2)} ms <small>(estimate)</small>
            </td>
          </tr>
        </tbody>
      </table>
      <small>
        The float column is the trained model as float32 weights; the board runs the int8 one, whose arena and latency
        come from the same planner and cycle model as the Inference tab.
      </small>
    </div>
  );
}
