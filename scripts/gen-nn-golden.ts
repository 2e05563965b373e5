// Regenerates the shared int8 golden vectors (wasm/tests/nn/golden/nn_golden.bin) from src/ml/golden/generate.ts,
// and the hand-written kernel cases (nn_hand.bin) from src/ml/golden/handCases.ts.
// Run: npx tsx scripts/gen-nn-golden.ts   (deterministic: same seed, same bytes)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GOLDEN_FILE, buildGoldenCases } from '../src/ml/golden/generate';
import { encodeGolden } from '../src/ml/golden/format';
import { HAND_CASES, HAND_FILE } from '../src/ml/golden/handCases';

const root = new URL('..', import.meta.url).pathname;
const cases = buildGoldenCases();
const bytes = encodeGolden(cases);
const path = join(root, GOLDEN_FILE);
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, bytes);
console.log(`wrote ${GOLDEN_FILE}: ${cases.length} cases, ${bytes.length} bytes`);
const hand = encodeGolden(HAND_CASES);
writeFileSync(join(root, HAND_FILE), hand);
console.log(`wrote ${HAND_FILE}: ${HAND_CASES.length} cases, ${hand.length} bytes`);
