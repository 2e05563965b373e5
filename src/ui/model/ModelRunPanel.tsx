// Run an imported .tflite on the board (docs/model-runner.md): "Run on board" signs the model's package as an image
// and installs it on the model-runner demo's board over the air; an input file (raw int8 or float32 tensor, .npy,
// or an image resized to the input's shape) goes to the firmware, which answers with top-k and the host time.
import { useState } from 'react';
import {
  imageToInput,
  isImageFile,
  ModelInputError,
  tensorFileToInput,
  type PixelConvention,
} from '../../ml/modelInputs';
import type { ImportedModel } from '../../ml/tflite';
import { RUNNER_DEMO, runnerInputSpec, runOnBoard, sendModelInput } from '../../services/modelRun';
import { useStore } from '../../state/store';
import { selectAppName } from '../../state/selectors';
import { decodeImage } from './decodeImage';
import { RunnerResult } from './RunnerResult';

export function ModelRunPanel({ model }: { model: ImportedModel }) {
  const app = useStore(selectAppName);
  const note = useStore((s) => s.deployNote);
  const ota = useStore((s) => s.ota);
  const [convention, setConvention] = useState<PixelConvention>('unit');
  const [inputNote, setInputNote] = useState<{ error: boolean; text: string }>();
  const [starting, setStarting] = useState(false);
  const spec = runnerInputSpec(model);
  const onRunner = app === RUNNER_DEMO;
  const busy = starting || (ota !== undefined && ota.state !== 0);

  const run = async () => {
    setStarting(true);
    try {
      await runOnBoard(model);
    } finally {
      setStarting(false);
    }
  };

  const chooseInput = async (file: File | undefined) => {
    if (!file || typeof spec === 'string') return;
    try {
      const input = isImageFile(file.name)
        ? imageToInput(await decodeImage(file, file.name), spec, convention)
        : tensorFileToInput(file.name, new Uint8Array(await file.arrayBuffer()), spec);
      sendModelInput(input, spec);
      setInputNote({ error: false, text: `Sent ${file.name} (${input.length.toLocaleString('en-US')} int8 values)` });
    } catch (e) {
      if (!(e instanceof ModelInputError)) throw e;
      setInputNote({ error: true, text: e.message });
    }
  };

  return (
    <section className="model-run" aria-label="Run the model on the board">
      <h3>Run it on the board</h3>
      <div className="model-run-actions">
        <button
          type="button"
          data-testid="model-run"
          disabled={busy || typeof spec === 'string'}
          onClick={() => void run()}
        >
          Run on board
        </button>
        <span className="hint">
          {onRunner
            ? `Board: model runner${ota?.running ? `, running v${ota.running}` : ', no model installed'}`
            : 'Opens the Model runner demo and installs the model over the air'}
        </span>
      </div>
      {note && onRunner && (
        <p className="deploy-note" data-testid="model-run-status">
          {note}
          {ota?.state ? ` · ${ota.status}` : ''}
        </p>
      )}
      {typeof spec === 'string' ? (
        <p className="model-run-error">{spec}</p>
      ) : (
        <div className="model-input">
          <label>
            Input file{' '}
            <input
              type="file"
              data-testid="model-input-file"
              disabled={!onRunner || !ota?.running}
              accept=".bin,.raw,.i8,.int8,.f32,.float32,.npy,image/*"
              onChange={(e) => {
                void chooseInput(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          <label>
            Image pixels{' '}
            <select
              data-testid="model-input-convention"
              value={convention}
              onChange={(e) => setConvention(e.target.value as PixelConvention)}
            >
              <option value="unit">0..255 → [0, 1]</option>
              <option value="range">0..255 → the input&apos;s quantized range</option>
            </select>
          </label>
          <p className="hint">
            Input [{spec.shape.join(', ')}] int8, scale {spec.scale.toPrecision(4)}, zero point {spec.zeroPoint}: a raw
            int8 or float32 tensor of exactly its size, a .npy array, or an image (resized to its height and width).
          </p>
          {inputNote && (
            <p className={inputNote.error ? 'model-run-error' : 'hint'} data-testid="model-input-note">
              {inputNote.text}
            </p>
          )}
        </div>
      )}
      {onRunner && <RunnerResult />}
    </section>
  );
}
