// The Model runner demo's panel: pick an int8 .tflite here (or in the Model tab) to run it on the board, feed it
// input files or a drawing, and read its top-k and host time (docs/model-runner.md).
import { useState } from 'react';
import { useTelemetry } from '../useTelemetry';
import { ModelRunFromFile } from '../../model/ModelRunFromFile';
import { RunnerResult } from '../../model/RunnerResult';
import { InkPad } from './InkPad';

export function RunnerPanel() {
  const [file, setFile] = useState<Uint8Array>();
  const installed = useTelemetry('model_runner.model');

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
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (chosen) void chosen.arrayBuffer().then((b) => setFile(new Uint8Array(b)));
          }}
        />
      </label>
      {file ? <ModelRunFromFile bytes={file} /> : <RunnerResult />}
      <InkPad />
    </section>
  );
}
