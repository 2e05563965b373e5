// toPackage.ts — packageFromTflite: an imported .tflite model as a model package (src/ml/package) for the firmware's
// nn::LoadModel, with self-test vectors whose expected outputs the TS engine computes (docs/model-package.md).
import { writePackage } from '../package';
import type { TensorData } from '../kernels/tensor';
import { TfliteError } from './errors';
import type { ImportedModel } from './importer';

/** A repeatable input (a xorshift sequence) for each graph input, when the caller brings none. */
export function patternInputs(imported: ImportedModel, seed = 1): TensorData[] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  return imported.inputs.map((t) => {
    const n = t.data!.length;
    if (t.dtype === 'int8') return Int8Array.from({ length: n }, () => (next() & 0xff) - 128);
    if (t.dtype === 'int32') return Int32Array.from({ length: n }, () => next() | 0);
    return Float32Array.from({ length: n }, () => (next() / 2 ** 32) * 2 - 1);
  });
}

/**
 * The model package of an imported model. `selfTestInputs`: per vector, one array per graph input (default: one
 * pattern vector). Throws TfliteError when the model exceeds the package's limits (docs/model-package.md).
 */
export function packageFromTflite(
  imported: ImportedModel,
  selfTestInputs: readonly (readonly TensorData[])[] = [patternInputs(imported)],
): Uint8Array {
  try {
    return writePackage(imported.graph, { selfTestInputs, inputs: imported.inputs, outputs: imported.outputs });
  } catch (e) {
    throw new TfliteError(
      `the model does not fit a model package: ${(e as Error).message.replace(/^writePackage: /, '')}`,
    );
  }
}
