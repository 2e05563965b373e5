// Choosing a .tflite file: a labelled button over the file input (drag and drop goes to the whole tab), what is
// being read, and why the last file was refused.
import { useRef } from 'react';
import { importModelFile } from '../../services/modelImport';
import { useStore } from '../../state/store';
import { selectModelError, selectModelImporting } from '../../state/selectors';

export function ModelImport() {
  const input = useRef<HTMLInputElement>(null);
  const importing = useStore(selectModelImporting);
  const error = useStore(selectModelError);
  return (
    <div className="model-import">
      <div className="model-import-row">
        <button type="button" className="primary" onClick={() => input.current!.click()}>
          Open a .tflite model…
        </button>
        <input
          ref={input}
          type="file"
          accept=".tflite"
          hidden
          data-testid="model-file"
          aria-label="int8 .tflite model file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // The same file chosen again must import again.
            e.target.value = '';
            if (file) void importModelFile(file);
          }}
        />
        <span className="model-import-hint">
          or drop one here. An int8 model from the TFLite converter; it is read in this page and never uploaded.
        </span>
      </div>
      <div className="model-status" role="status">
        {importing ? `Reading ${importing}…` : ''}
      </div>
      <div className="model-errors" role="alert" data-testid="model-errors">
        {error}
      </div>
    </div>
  );
}
