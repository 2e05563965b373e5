// The model on the board chosen in the page (the same choice as the MNIST panels'): flash and SRAM bars, the fits
// verdict and the estimated latency with the chosen kernel variant.
import { boardById } from '../../ml/cycles/boards';
import { useStore } from '../../state/store';
import { selectKernel, selectTargetBoardId } from '../../state/selectors';
import { Explain } from '../help/Explain';
import { BoardPicker, coreAndClock } from '../target/BoardPicker';
import { UsageBar } from '../target/UsageBar';
import type { ModelReport } from '../../ml/tflite/report';
import { verdictText } from './fitMargin';

const KERNEL_LABELS = { reference: 'reference kernels', 'cmsis-nn': 'CMSIS-NN-like kernels' } as const;

export function ModelTarget({ report }: { report: ModelReport }) {
  const board = boardById(useStore(selectTargetBoardId));
  const kernel = useStore(selectKernel);
  const row = report.boards.find((b) => b.boardId === board.id)!;
  const ms = row.latencyMs[kernel];
  return (
    <div className="target-fit model-target">
      <BoardPicker />
      <UsageBar label="Flash" used={row.fit.flash.needed} available={row.fit.flash.available} />
      <UsageBar label="SRAM" used={row.fit.sram.needed} available={row.fit.sram.available} />
      <div
        className={`verdict ${row.fit.fits ? 'fits' : 'nofit'}`}
        data-testid="model-verdict"
        data-fits={String(row.fit.fits)}
      >
        {row.fit.fits ? `Fits the ${board.name}` : `Does not fit the ${board.name}: ${verdictText(row.fit)}`}
      </div>
      <div className="latency">
        Estimated latency on a {board.name} ({coreAndClock(board)}), {KERNEL_LABELS[kernel]}:{' '}
        <strong data-testid="model-latency" data-ms={ms.toFixed(3)}>
          {ms.toFixed(1)} ms
        </strong>{' '}
        <small>(cycle model of the Cortex-M core — an estimate, not a measurement, and not this computer’s time)</small>{' '}
        <Explain id="model-latency" label="the latency estimate" doc="cycle-model.md" section="the-model">
          Each op’s cost on this core from its type (convolution, depthwise, pointwise, pooling, fully connected, add),
          its MACs and its outputs, for reference or CMSIS-NN-like kernels, summed and divided by the board’s clock.
          Calibrated on published MLPerf Tiny and CMSIS-NN figures; the model does not run on this core here.
        </Explain>
      </div>
    </div>
  );
}
