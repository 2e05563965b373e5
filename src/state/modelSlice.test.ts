import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './store';
import type { ImportedModelFile } from './modelSlice';

const initial = useStore.getState();
const model = { fileName: 'kws.tflite', bytes: new Uint8Array(4) } as ImportedModelFile;
const other = { fileName: 'vww.tflite', bytes: new Uint8Array(8) } as ImportedModelFile;

describe('the model slice', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('a refused file keeps the previous model and says why', () => {
    const s = useStore.getState();
    s.startModelImport('kws.tflite');
    expect(useStore.getState().modelImporting).toBe('kws.tflite');
    s.finishModelImport(model);
    s.startModelImport('bad.tflite');
    s.failModelImport('bad.tflite: operator 3 (RESIZE_BILINEAR) is not supported');
    expect(useStore.getState()).toMatchObject({
      importedModel: model,
      modelImporting: undefined,
      modelError: 'bad.tflite: operator 3 (RESIZE_BILINEAR) is not supported',
    });
  });

  it('a good import replaces the model and clears the last error', () => {
    const s = useStore.getState();
    s.finishModelImport(model);
    s.failModelImport('bad');
    s.finishModelImport(other);
    expect(useStore.getState().importedModel).toBe(other);
    expect(useStore.getState().modelError).toBeUndefined();
  });
});
