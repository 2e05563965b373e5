// The hand-written kernel cases on the TS engine (both FullyConnected kernels), and the file the C++ side reads.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ops from '../kernels/ops';
import { decodeGolden, encodeGolden } from './format';
import { HAND_CASES, HAND_FILE } from './handCases';
import { runGoldenCase } from './runner';

const path = join(new URL('../../../', import.meta.url).pathname, HAND_FILE);
const fresh = encodeGolden(HAND_CASES);
if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, fresh);

describe('hand-written kernel cases', () => {
  it('cover every op the engine has', () => {
    const engineOps = Object.entries(ops)
      .filter(([, v]) => typeof v === 'function' && v.prototype instanceof ops.Op)
      .map(([name]) => name)
      .filter((name) => !/Op$/.test(name));
    expect(new Set(HAND_CASES.map((c) => c.op))).toEqual(new Set(engineOps));
  });

  it.each(HAND_CASES.map((c) => [c.name, c] as const))('%s gives the values worked out by hand', (_name, c) => {
    const want = c.tensors.filter((t) => t.role === 'expected').map((t) => Array.from(t.data));
    for (const kernel of ['reference', 'simd'] as const)
      expect(runGoldenCase(c, kernel).map((d) => Array.from(d))).toEqual(want);
  });

  it('are the file the C++ tests read (regenerate with npx tsx scripts/gen-nn-golden.ts)', () => {
    expect(existsSync(path), `missing ${HAND_FILE}`).toBe(true);
    const committed = new Uint8Array(readFileSync(path));
    expect(Buffer.compare(Buffer.from(committed), Buffer.from(fresh)), 'hand-case file is stale: regenerate it').toBe(
      0,
    );
    expect(decodeGolden(committed).map((c) => c.name)).toEqual(HAND_CASES.map((c) => c.name));
  });
});
