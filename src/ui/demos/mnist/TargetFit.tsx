// Memory totals next to a real board's flash and SRAM, the fits verdict, and the estimated latency on that board.
import { BOARDS, boardById } from '../../../ml/cycles/boards';
import type { LatencyEstimate } from '../../../ml/cycles/cycleModel';
import type { FitVerdict } from '../../../ml/cycles/fits';
import { useStore } from '../../../state/store';
import { selectKernel, selectTargetBoardId } from '../../../state/selectors';
import type { ModelTotals } from '../../../shared/telemetry/reports';

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const NAIVE_FIRST_LAYER = 784 + 128 * 784 + 128;

function UsageBar({ label, used, available }: { label: string; used: number; available: number }) {
  const pct = Math.min(100, (used / available) * 100);
  return (
    <div className="usage" title={`${used.toLocaleString('en-US')} of ${available.toLocaleString('en-US')} bytes`}>
      <span>{label}</span>
      <div className="usage-track">
        <div className={`usage-fill ${used > available ? 'over' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <span>
        {kb(used)} / {kb(available)}
      </span>
    </div>
  );
}

export function TargetFit({ totals, verdict, latency }: { totals: ModelTotals; verdict: FitVerdict; latency: LatencyEstimate }) {
  const boardId = useStore(selectTargetBoardId);
  const kernel = useStore(selectKernel);
  const board = boardById(boardId);
  return (
    <div className="target-fit">
      <div className="memory-totals">
        <div>
          Model in flash{' '}
          <strong data-testid="memory-flash" data-bytes={totals.flash_model_bytes}>
            {totals.flash_model_bytes.toLocaleString('en-US')} B
          </strong>
        </div>
        <div>
          Model in SRAM (arena){' '}
          <strong data-testid="memory-sram" data-bytes={totals.arena_bytes}>
            {totals.arena_bytes.toLocaleString('en-US')} B
          </strong>
        </div>
        <div>
          Preprocessing buffers <strong>{totals.preprocess_bytes.toLocaleString('en-US')} B</strong>{' '}
          <small>(the original demo kept a 230,400-byte float canvas)</small>
        </div>
        <div>
          Heap{' '}
          <strong data-testid="memory-heap" data-used={totals.heap_used} data-free={totals.heap_free}>
            {totals.heap_used.toLocaleString('en-US')} B used, {totals.heap_free.toLocaleString('en-US')} B free
          </strong>{' '}
          <small>(what the simulated board's SRAM leaves after stack and static data)</small>
        </div>
        <div className="naive">
          Naive first layer, 1 byte per input, weight and output: 784 + 128×784 + 128 = {NAIVE_FIRST_LAYER.toLocaleString('en-US')} B
        </div>
      </div>
      <div className="target-row">
        <label>
          Board{' '}
          <select data-testid="board-select" value={boardId} onChange={(e) => useStore.getState().setTargetBoard(e.target.value)}>
            {BOARDS.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} — {b.core.replace('cortex-', 'Cortex-').replace('plus', '+')} @ {b.clockHz / 1e6} MHz
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
      <UsageBar label="Flash" used={verdict.flash.needed} available={verdict.flash.available} />
      <UsageBar label="SRAM" used={verdict.sram.needed} available={verdict.sram.available} />
      <div className={`verdict ${verdict.fits ? 'fits' : 'nofit'}`} data-testid="fit-verdict" data-fits={String(verdict.fits)}>
        {verdict.fits ? `Fits the ${board.name}` : `Does not fit the ${board.name}: ${!verdict.flash.fits ? 'flash' : ''}${!verdict.flash.fits && !verdict.sram.fits ? ' and ' : ''}${!verdict.sram.fits ? 'SRAM' : ''} too small`}
      </div>
      <div className="latency">
        Estimated latency on {board.name}:{' '}
        <strong data-testid="latency-estimate" data-ms={latency.ms.toFixed(3)}>
          {latency.ms.toFixed(2)} ms
        </strong>{' '}
        <small>
          ({Math.round(latency.cycles).toLocaleString('en-US')} cycles, cycle model — an estimate, not a measurement)
        </small>
      </div>
    </div>
  );
}
