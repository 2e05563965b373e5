// Regenerates the shared int8 golden vectors (wasm/tests/nn/golden/nn_golden.bin) from src/ml/golden/generate.ts.
// Run: npx tsx scripts/gen-nn-golden.ts   (deterministic: same seed, same bytes)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GOLDEN_FILE, buildGoldenCases } from '../src/ml/golden/generate';
import { encodeGolden } from '../src/ml/golden/format';

const root = new URL('..', import.meta.url).pathname;
const cases = buildGoldenCases();
const bytes = encodeGolden(cases);
const path = join(root, GOLDEN_FILE);
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, bytes);
console.log(`wrote ${GOLDEN_FILE}: ${cases.length} cases, ${bytes.length} bytes`);
