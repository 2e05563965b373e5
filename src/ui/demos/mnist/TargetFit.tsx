// Memory totals next to a real board's flash and SRAM, the fits verdict, and the estimated latency on that board.
import { boardById } from '../../../ml/cycles/boards';
import type { LatencyEstimate } from '../../../ml/cycles/cycleModel';
import type { FitVerdict } from '../../../ml/cycles/fits';
import { useStore } from '../../../state/store';
import { selectTargetBoardId } from '../../../state/selectors';
import { Explain } from '../../help/Explain';
import { BoardPicker } from './BoardPicker';
import type { ModelTotals } from '../../../shared/telemetry/reports';

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const NAIVE_FIRST_LAYER = 784 + 128 * 784 + 128;

function UsageBar({
  label,
  used,
  available,
  explain,
}: {
  label: string;
  used: number;
  available: number;
  explain: React.ReactNode;
}) {
  const pct = Math.min(100, (used / available) * 100);
  return (
    <div className="usage" title={`${used.toLocaleString('en-US')} of ${available.toLocaleString('en-US')} bytes`}>
      <span>
        {label} {explain}
      </span>
      <div className="usage-track">
        <div className={`usage-fill ${used > available ? 'over' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <span>
        {kb(used)} / {kb(available)}
      </span>
    </div>
  );
}

export function TargetFit({
  totals,
  verdict,
  latency,
}: {
  totals: ModelTotals;
  verdict: FitVerdict;
  latency: LatencyEstimate;
}) {
  const boardId = useStore(selectTargetBoardId);
  const board = boardById(boardId);
  return (
    <div className="target-fit">
      <div className="memory-totals">
        <div>
          Model in flash{' '}
          <strong data-testid="memory-flash" data-bytes={totals.flash_model_bytes}>
            {totals.flash_model_bytes.toLocaleString('en-US')} B
          </strong>{' '}
          <Explain id="model-flash" label="the model in flash" doc="mnist.md" section="memory-figures">
            The model’s const data as the firmware reports it: int8 weights, int32 biases, float scales and zero points.
            Exact.
          </Explain>
        </div>
        <div>
          Model in SRAM (arena){' '}
          <strong data-testid="memory-sram" data-bytes={totals.arena_bytes}>
            {totals.arena_bytes.toLocaleString('en-US')} B
          </strong>{' '}
          <Explain id="arena" label="the arena" doc="mnist.md" section="memory-figures">
            The activation buffers the planner laid out (layers reuse each other’s bytes) plus per-layer persistent data
            such as requantization multipliers and shifts. Exact.
          </Explain>
        </div>
        <div>
          Preprocessing buffers <strong>{totals.preprocess_bytes.toLocaleString('en-US')} B</strong>{' '}
          <small>(the original demo kept a 230,400-byte float canvas)</small>{' '}
          <Explain id="preprocess" label="the preprocessing buffers" doc="mnist.md" section="the-firmware">
            The 1-bit 240×240 canvas the touch screen draws into, the pen's path it is re-inked from to scale, and the
            20×20 and 28×28 images made from it before each inference. Exact.
          </Explain>
        </div>
        <div>
          Heap{' '}
          <strong data-testid="memory-heap" data-used={totals.heap_used} data-free={totals.heap_free}>
            {totals.heap_used.toLocaleString('en-US')} B used, {totals.heap_free.toLocaleString('en-US')} B free
          </strong>{' '}
          <small>(what the simulated board's SRAM leaves after stack and static data)</small>{' '}
          <Explain id="heap" label="the heap figure" doc="mnist.md" section="memory-figures">
            Heap allocated now and still free, as the firmware’s mbed_stats_heap_get() reports them. Exact; the two
            together are what the board’s SRAM leaves after the stack and the static data.
          </Explain>
        </div>
        <div className="naive">
          Naive first layer, 1 byte per input, weight and output: 784 + 128×784 + 128 ={' '}
          {NAIVE_FIRST_LAYER.toLocaleString('en-US')} B{' '}
          <Explain id="naive" label="the naive first-layer figure" doc="mnist.md" section="memory-figures">
            The 2018 talk’s back-of-the-envelope figure for the first layer alone, as if its 784 inputs, 128×784 weights
            and 128 outputs all sat in RAM. On the device the weights stay in flash and only the small arena is RAM:
            compare the model’s flash and arena figures.
          </Explain>
        </div>
      </div>
      <BoardPicker />
      <UsageBar
        label="Flash"
        used={verdict.flash.needed}
        available={verdict.flash.available}
        explain={
          <Explain id="flash" label="the flash bar" doc="mnist.md" section="memory-figures">
            Model data plus firmware code. The code is the size of the WebAssembly code section, a stand-in for the
            Thumb-2 code a Cortex-M build would have: Thumb-2 for the same sources is usually smaller, and the
            simulator’s suspension instrumentation makes the WebAssembly larger.
          </Explain>
        }
      />
      <UsageBar
        label="SRAM"
        used={verdict.sram.needed}
        available={verdict.sram.available}
        explain={
          <Explain id="sram" label="the SRAM bar" doc="mnist.md" section="memory-figures">
            Static RAM (arena, buffers, driver state) plus the stack and heap high-water marks. An upper bound: the
            static part still counts a few KB of const data (LCD font, strings) that stay in flash on a microcontroller,
            because the WebAssembly build does not show where read-only data ends.
          </Explain>
        }
      />
      <div
        className={`verdict ${verdict.fits ? 'fits' : 'nofit'}`}
        data-testid="fit-verdict"
        data-fits={String(verdict.fits)}
      >
        {verdict.fits
          ? `Fits the ${board.name}`
          : `Does not fit the ${board.name}: ${!verdict.flash.fits ? 'flash' : ''}${!verdict.flash.fits && !verdict.sram.fits ? ' and ' : ''}${!verdict.sram.fits ? 'SRAM' : ''} too small`}
      </div>
      <div className="latency">
        Estimated latency on {board.name}:{' '}
        <strong data-testid="latency-estimate" data-ms={latency.ms.toFixed(3)}>
          {latency.ms.toFixed(2)} ms
        </strong>{' '}
        <small>
          ({Math.round(latency.cycles).toLocaleString('en-US')} cycles, cycle model — an estimate, not a measurement)
        </small>{' '}
        <Explain id="latency" label="the latency estimate" doc="cycle-model.md" section="the-model">
          For each layer, its multiply-accumulates times the cycles per MAC of its kind (convolution, depthwise, fully
          connected, …) on this core and kernel choice, plus its requantized outputs and a per-layer overhead, divided
          by the board’s clock. Calibrated on the published MLPerf Tiny latencies; the firmware does not run on this
          core here.
        </Explain>
      </div>
    </div>
  );
}
