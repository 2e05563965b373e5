// files.ts — where the MNIST data and model artefacts live in the repository (Node only: scripts and tests).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeDigitSet, encodeDigitSet, NUM_CLASSES, toBytes, type DigitSet } from './dataset';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

export const MNIST_FILES = {
  train: root('data/mnist/train.bin.gz'),
  test: root('data/mnist/test.bin.gz'),
  artefact: root('src/ml/mnist/model.json'),
  floatWeights: root('src/ml/mnist/model-float.bin'),
  /** The generated model, built into the SDK's libmodels.a (the app links it, never recompiles it). */
  modelHeader: root('wasm/models/include/mnist_model.h'),
  modelSource: root('wasm/models/src/mnist_model.cpp'),
  doc: root('docs/mnist.md'),
};

/** How src/ml/codegen writes the MNIST model's C++ files (npm run train:mnist and the staleness test). */
export const MNIST_MODEL_SOURCE = {
  namespace: 'mnist_model',
  headerName: 'mnist_model.h',
  origin: 'src/ml/mnist/model.json',
  command: 'npm run train:mnist',
};

export function loadDigitSet(which: 'train' | 'test'): DigitSet {
  return decodeDigitSet(new Uint8Array(gunzipSync(readFileSync(MNIST_FILES[which]))));
}

/** The gzip-compressed file contents for a digit set. */
export function compressDigitSet(set: DigitSet): Uint8Array {
  return new Uint8Array(gzipSync(encodeDigitSet(set), { level: 9 }));
}

/** The `mnist` package's digits of one label as bytes (from its per-digit JSON file). */
export function readMnistPackageDigit(label: number): Uint8Array {
  const require = createRequire(import.meta.url);
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src/digits');
  const json = JSON.parse(readFileSync(join(digitsDir, `${label}.json`), 'utf8')) as { data: number[] };
  return toBytes(json.data);
}

/** All of the `mnist` package's digits, one byte array per label. */
export function readMnistPackage(): Uint8Array[] {
  return Array.from({ length: NUM_CLASSES }, (_, label) => readMnistPackageDigit(label));
}
