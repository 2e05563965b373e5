// The Model runner demo's panel: pick an int8 .tflite here (or in the Model tab) to run it on the board, feed it
// input files or a drawing, and read its top-k and host time (docs/model-runner.md).
import { useState } from 'react';
import { importTflite, TfliteError, type ImportedModel } from '../../../ml/tflite';
import { useTelemetry } from '../useTelemetry';
import { ModelRunPanel } from '../../model/ModelRunPanel';
import { RunnerResult } from '../../model/RunnerResult';
import { InkPad } from './InkPad';

export function RunnerPanel() {
  const [imported, setImported] = useState<{ name: string; model: ImportedModel }>();
  const [error, setError] = useState<string>();
  const installed = useTelemetry('model_runner.model');

  const choose = async (file: File | undefined) => {
    if (!file) return;
    try {
      setImported({ name: file.name, model: importTflite(new Uint8Array(await file.arrayBuffer())) });
      setError(undefined);
    } catch (e) {
      if (!(e instanceof TfliteError)) throw e;
      setError(`${file.name}: ${e.message}`);
    }
  };

  return (
    <section className="demo-panel runner" aria-label="Model runner">
      <div className="panel-title">Model runner · any int8 model on the board</div>
      <p className="runner-installed" data-testid="runner-installed">
        {installed?.status === 'installed'
          ? `Installed: v${installed.version}, input [${installed.input.shape.join(', ')}], ${installed.layers.length} ops, ${installed.totals.macs.toLocaleString('en-US')} MACs`
          : `No model installed${installed ? ` (${installed.reason})` : ''}`}
      </p>
      <label className="runner-model-file">
        Model (.tflite){' '}
        <input
          type="file"
          accept=".tflite"
          data-testid="runner-model-file"
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {error && (
        <p className="model-run-error" role="alert">
          {error}
        </p>
      )}
      {imported ? <ModelRunPanel model={imported.model} /> : <RunnerResult />}
      <InkPad />
    </section>
  );
}
