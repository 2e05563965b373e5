// files.ts — where the MNIST data and model artefacts live in the repository (Node only: scripts and tests).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeDigitSet, type DigitSet } from './dataset';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

export const MNIST_FILES = {
  train: root('data/mnist/train.bin.gz'),
  test: root('data/mnist/test.bin.gz'),
  artefact: root('src/ml/mnist/model.json'),
  floatWeights: root('src/ml/mnist/model-float.bin'),
  firmwareDir: root('wasm/apps/mnist'),
  doc: root('docs/mnist.md'),
};

export function loadDigitSet(which: 'train' | 'test'): DigitSet {
  return decodeDigitSet(readFileSync(MNIST_FILES[which]));
}
