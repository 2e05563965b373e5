// The asyncify pass treats libnn.a as never suspending (NEVER_SUSPENDS in src/toolchain/asyncify.ts). That holds
// while its sources can reach nothing that yields: they include only libnn's own headers and the C/C++ library,
// declare no host imports and use no simulator ABI. A change that breaks this fails here rather than corrupting a
// suspended firmware's stack at run time.
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTree, sdkHeaders, WASM_DIR } from '../../../scripts/firmwareSources';
import { NEVER_SUSPENDS } from '../../../src/toolchain/asyncify';
import { abiUses, codeOnly } from '../cSource';

const nnSources = readTree(join(WASM_DIR, 'nn'), /\.(cc|cpp|c|h)$/);
const nnHeaders = new Set(
  Object.keys(nnSources)
    .filter((p) => p.startsWith('include/nn/'))
    .map((p) => basename(p)),
);
const otherSdkHeaders = new Set(
  Object.keys(sdkHeaders())
    .filter((p) => !p.startsWith('nn/'))
    .map((p) => basename(p)),
);

/** Includes that may lead outside libnn and the C/C++ library. */
function foreignIncludes(source: string): string[] {
  return [...source.matchAll(/^\s*#\s*include\s*([<"])([^>"]+)[>"]/gm)]
    .filter(([, kind, path]) => {
      const name = basename(path!);
      if (kind === '"') return !nnHeaders.has(name) || (path!.includes('/') && !path!.startsWith('nn/'));
      return otherSdkHeaders.has(name);
    })
    .map(([line]) => line!.trim());
}

describe('libnn never suspends', () => {
  it('is in the asyncify remove-list', () => {
    expect(NEVER_SUSPENDS).toContain('nn::*');
  });

  it('tells a foreign include from its own', () => {
    expect(foreignIncludes('#include "nn/tensor.h"\n#include <cstdint>\n#include "op.h"\n')).toEqual([]);
    expect(foreignIncludes('#include "mbed.h"\n#include <sim_abi.h>\n#include "mbed/op.h"\n')).toEqual([
      '#include "mbed.h"',
      '#include <sim_abi.h>',
      '#include "mbed/op.h"',
    ]);
  });

  for (const [file, text] of Object.entries(nnSources)) {
    it(`${file} includes only libnn and the C/C++ library, and declares no host import`, () => {
      expect(foreignIncludes(text)).toEqual([]);
      expect(abiUses(text)).toEqual([]);
      expect(codeOnly(text)).not.toMatch(/import_(module|name)/);
    });
  }
});
