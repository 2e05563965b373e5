// Before training: what the chosen architecture costs the selected board — int8 flash, planned arena, estimated
// latency and the fits verdict — from the same planner (the TS graph twin), cycle model and fits check the
// Inference tab uses, with the rest of the firmware's memory as the running firmware reports it.
import { useMemo } from 'react';
import { boardById } from '../../../../ml/cycles/boards';
import { estimateLatency } from '../../../../ml/cycles/cycleModel';
import { fitsBoard, needsWithModel } from '../../../../ml/cycles/fits';
import { architectureFootprint } from '../../../../ml/train/footprint';
import { parseHidden } from '../../../../ml/train/settings';
import { useStore } from '../../../../state/store';
import {
  selectFirmwareCodeBytes,
  selectKernel,
  selectTargetBoardId,
  selectTrainForm,
} from '../../../../state/selectors';
import { useTelemetry } from '../../useTelemetry';
import { BoardPicker } from '../../../target/BoardPicker';

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;

export function ArchitectureFit() {
  const form = useStore(selectTrainForm);
  const board = boardById(useStore(selectTargetBoardId));
  const kernel = useStore(selectKernel);
  const codeBytes = useStore(selectFirmwareCodeBytes);
  const firmwareModel = useTelemetry('mnist.model');
  const hidden = parseHidden(form.hidden);
  const key = hidden.ok ? hidden.value.join(',') : '';
  const footprint = useMemo(() => (key ? architectureFootprint(key.split(',').map(Number)) : undefined), [key]);
  if (!footprint) return null;
  const latency = estimateLatency(footprint.ops, board, kernel);
  const verdict = firmwareModel && fitsBoard(board, needsWithModel(firmwareModel.totals, codeBytes, footprint));
  return (
    <div className="arch-fit" data-testid="arch-fit">
      <BoardPicker />
      <dl className="arch-figures">
        <div>
          <dt>int8 model in flash</dt>
          <dd data-testid="arch-flash" data-bytes={footprint.flashBytes}>
            {bytes(footprint.flashBytes)}
          </dd>
        </div>
        <div>
          <dt>arena (SRAM, planned)</dt>
          <dd data-testid="arch-arena" data-bytes={footprint.arenaBytes}>
            {bytes(footprint.arenaBytes)}
          </dd>
        </div>
        <div>
          <dt>multiply-accumulates</dt>
          <dd>{footprint.macs.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>estimated latency on {board.name}</dt>
          <dd data-testid="arch-latency" data-ms={latency.ms.toFixed(3)}>
            {latency.ms.toFixed(2)} ms <small>(cycle model, an estimate)</small>
          </dd>
        </div>
      </dl>
      {verdict ? (
        <div
          className={`verdict ${verdict.fits ? 'fits' : 'nofit'}`}
          data-testid="arch-verdict"
          data-fits={String(verdict.fits)}
        >
          {verdict.fits
            ? `Fits the ${board.name}: flash ${bytes(verdict.flash.needed)} of ${bytes(verdict.flash.available)}, SRAM ${bytes(verdict.sram.needed)} of ${bytes(verdict.sram.available)}`
            : `Does not fit the ${board.name}: ${[!verdict.flash.fits && `flash needs ${bytes(verdict.flash.needed)} of ${bytes(verdict.flash.available)}`, !verdict.sram.fits && `SRAM needs ${bytes(verdict.sram.needed)} of ${bytes(verdict.sram.available)}`].filter(Boolean).join(', ')}`}
        </div>
      ) : (
        <div className="verdict" data-testid="arch-verdict">
          The fits verdict needs the running MNIST firmware’s memory report (start the board).
        </div>
      )}
    </div>
  );
}
