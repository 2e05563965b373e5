// The model on every board profile: SRAM and flash needed against what the board has, whether it fits and by how
// much, and the estimated latency with each kernel variant.
import { boardById } from '../../ml/cycles/boards';
import { useStore } from '../../state/store';
import { selectTargetBoardId } from '../../state/selectors';
import { coreAndClock } from '../target/BoardPicker';
import { kb } from '../target/UsageBar';
import type { ModelReport } from '../../ml/tflite/report';
import { marginText } from './fitMargin';

export function BoardTable({ boards }: { boards: ModelReport['boards'] }) {
  const selected = useStore(selectTargetBoardId);
  return (
    <div className="model-section">
      <div className="model-section-title" id="model-boards-title">
        Every board profile{' '}
        <small>
          (estimated latency in ms with reference and CMSIS-NN-like kernels: cycle-model estimates for each board’s
          Cortex-M core)
        </small>
      </div>
      <div className="layers-scroll">
        <table className="layers model-boards" data-testid="model-boards" aria-labelledby="model-boards-title">
          <thead>
            <tr>
              <th>board</th>
              <th>SRAM need / has</th>
              <th>flash need / has</th>
              <th>fits</th>
              <th>ref. ms</th>
              <th>CMSIS-NN ms</th>
            </tr>
          </thead>
          <tbody>
            {boards.map(({ boardId, boardName, fit, latencyMs }) => (
              <tr
                key={boardId}
                data-testid="model-board"
                data-board={boardId}
                data-fits={String(fit.fits)}
                className={boardId === selected ? 'selected' : undefined}
              >
                <td>
                  {boardName} <small>{coreAndClock(boardById(boardId))}</small>
                </td>
                <td className={fit.sram.fits ? '' : 'short'}>
                  {kb(fit.sram.needed)} / {kb(fit.sram.available)} <small>{marginText(fit.sram)}</small>
                </td>
                <td className={fit.flash.fits ? '' : 'short'}>
                  {kb(fit.flash.needed)} / {kb(fit.flash.available)} <small>{marginText(fit.flash)}</small>
                </td>
                <td className={fit.fits ? 'fits' : 'short'}>{fit.fits ? 'yes' : 'no'}</td>
                <td>{latencyMs.reference.toFixed(1)}</td>
                <td>{latencyMs['cmsis-nn'].toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
