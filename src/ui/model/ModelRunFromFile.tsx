// The Run panel for a .tflite file's bytes: imports it on the page's thread (the package and the self-test need the
// engine's Graph, which does not cross to a worker) once per file, and says why when the engine cannot run it.
import { useMemo } from 'react';
import { importTflite, TfliteError } from '../../ml/tflite';
import { ModelRunPanel } from './ModelRunPanel';

export function ModelRunFromFile({ bytes }: { bytes: Uint8Array }) {
  const imported = useMemo(() => {
    try {
      return importTflite(bytes);
    } catch (e) {
      if (e instanceof TfliteError) return e.message;
      throw e;
    }
  }, [bytes]);
  if (typeof imported === 'string')
    return (
      <p className="model-run-error" role="alert" data-testid="runner-model-error">
        {imported}
      </p>
    );
  return <ModelRunPanel model={imported} />;
}
