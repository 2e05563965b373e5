// The target board and kernel variant the memory and latency figures are for (shared by Inference, Train, Model).
import { type Board, BOARDS } from '../../ml/cycles/boards';
import { useStore } from '../../state/store';
import { selectKernel, selectTargetBoardId } from '../../state/selectors';

/** "Cortex-M4 @ 100 MHz". */
export const coreAndClock = (b: Board) =>
  `${b.core.replace('cortex-m', 'Cortex-M').replace('plus', '+')} @ ${b.clockHz / 1e6} MHz`;

export function BoardPicker() {
  const boardId = useStore(selectTargetBoardId);
  const kernel = useStore(selectKernel);
  return (
    <div className="target-row">
      <label>
        Board{' '}
        <select
          data-testid="board-select"
          value={boardId}
          onChange={(e) => useStore.getState().setTargetBoard(e.target.value)}
        >
          {BOARDS.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} — {coreAndClock(b)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kernels{' '}
        <select value={kernel} onChange={(e) => useStore.getState().setKernel(e.target.value as typeof kernel)}>
          <option value="reference">reference C</option>
          <option value="cmsis-nn">CMSIS-NN (DSP/SIMD)</option>
        </select>
      </label>
    </div>
  );
}
