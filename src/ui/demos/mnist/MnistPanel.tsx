// The MNIST demo: the touch screen to draw on, and what the firmware reports about each inference.
import { useEffect, useState } from 'react';
import { boardById } from '../../../ml/cycles/boards';
import { estimateLatency, opsFromLayers } from '../../../ml/cycles/cycleModel';
import { fitsBoard, needsFromTotals } from '../../../ml/cycles/fits';
import { firmware } from '../../../services/session';
import { telemetryChannel } from '../../../services/channels';
import { useStore } from '../../../state/store';
import { selectFirmwareCodeBytes, selectKernel, selectTargetBoardId } from '../../../state/selectors';
import type { MnistInferenceReport } from '../../../shared/telemetry/reports';
import { useTelemetry } from '../useTelemetry';
import { Explain } from '../../help/Explain';
import { DigitCanvas } from './DigitCanvas';
import { InputImage } from './InputImage';
import { LabelDigit } from './LabelDigit';
import { LayerTable } from './LayerTable';
import { ScoreBars } from './ScoreBars';
import { TargetFit } from './TargetFit';

export function MnistPanel() {
  return (
    <section className="demo-panel mnist" aria-label="MNIST inference">
      <div className="panel-title">Touch screen · 240×240</div>
      <MnistDraw />
      <MnistMemory />
    </section>
  );
}

/**
 * The touch screen and the last inference. Compact (the board view's canvas part), it keeps the prediction, the
 * image the network saw and the scores, and leaves its Classify and Clear buttons out when the board is beside it.
 */
export function MnistDraw({ compact = false, boardBeside = false }: { compact?: boolean; boardBeside?: boolean }) {
  const inference = useShownInference();
  return (
    <div className="mnist-top">
      <div className="draw">
        <DigitCanvas />
        {!(compact && boardBeside) && (
          <div className="draw-actions">
            <button type="button" onClick={() => pressClick('BUTTON1')}>
              Classify (BUTTON1)
            </button>
            <button type="button" onClick={() => pressClick('BUTTON2')}>
              Clear (BUTTON2)
            </button>
          </div>
        )}
      </div>
      <div className="result">
        <div className="prediction" data-testid="prediction" data-digit={inference?.prediction ?? ''}>
          {inference ? inference.prediction : '–'}
        </div>
        <InputImage pixels={inference?.input} />
        <ScoreBars scores={inference?.scores} />
        {!compact && inference && <LabelDigit inference={inference} />}
        {!compact && inference?.host_us !== undefined && (
          <div className="host-time">
            host time per inference: <strong>{inference.host_us.toFixed(1)} µs</strong>{' '}
            <small>(WebAssembly on this computer — not device latency)</small>{' '}
            <Explain id="host-time" label="the host time" doc="mnist.md" section="the-firmware">
              How long this computer takes to run the network as WebAssembly, the mean of 64 runs. A microcontroller is
              far slower: see the estimated latency below.
            </Explain>
          </div>
        )}
      </div>
    </div>
  );
}

/** The model's memory and latency on the target board; the per-layer table unless compact (the memory part). */
export function MnistMemory({ compact = false }: { compact?: boolean }) {
  const model = useTelemetry('mnist.model');
  const inference = useShownInference();
  const board = boardById(useStore(selectTargetBoardId));
  const kernel = useStore(selectKernel);
  const codeBytes = useStore(selectFirmwareCodeBytes);
  const report = inference ?? model;
  if (!report) return null;
  const latency = estimateLatency(opsFromLayers(report.layers), board, kernel);
  return (
    <>
      <TargetFit
        totals={report.totals}
        verdict={fitsBoard(board, needsFromTotals(report.totals, codeBytes))}
        latency={latency}
      />
      {!compact && <LayerTable layers={report.layers} estimates={latency.ops} />}
    </>
  );
}

/** A short press of a board button, as if clicked. */
function pressClick(name: 'BUTTON1' | 'BUTTON2') {
  firmware.button(name, true);
  setTimeout(() => firmware.button(name, false), 30);
}

/** The newest inference, until the firmware clears its canvas (BUTTON2, a reset): then none. */
function useShownInference(): MnistInferenceReport | undefined {
  const current = () =>
    telemetryChannel.newer('mnist.inference', 'mnist.canvas')
      ? (telemetryChannel.latest.get('mnist.inference') as MnistInferenceReport)
      : undefined;
  const [inference, setInference] = useState(current);
  useEffect(() => {
    const offInference = telemetryChannel.subscribe('mnist.inference', () => setInference(current()));
    const offCanvas = telemetryChannel.subscribe('mnist.canvas', () => setInference(current()));
    return () => {
      offInference();
      offCanvas();
    };
  }, []);
  return inference;
}
