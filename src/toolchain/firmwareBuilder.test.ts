// buildFirmware with the real compiler: an edit recompiles only the files it touches.
import { commands } from '@yowasp/clang';
import { describe, expect, it } from 'vitest';
import type { ClangCommands } from './clangCommands';
import { buildFirmware } from './firmwareBuilder';
import { sdkForTest } from './testing/compileForTest';

/** The real clang, counting the translation units it compiles. */
function countingClang(): { clang: ClangCommands; compiled: string[] } {
  const real = commands as unknown as ClangCommands;
  const compiled: string[] = [];
  const clang: ClangCommands = {
    ar: real.ar,
    'clang++': (args, files, options) => {
      if (args.includes('-c')) compiled.push(args[args.indexOf('-c') + 1]!);
      return real['clang++'](args, files, options);
    },
  };
  return { clang, compiled };
}

const files = {
  'main.cpp': '#include "mbed.h"\n#include "util.h"\nint main() { printf("%d\\n", twice(21)); }\n',
  'util.cpp': '#include "util.h"\nint twice(int x) { int unused; return 2 * x; }\n',
  'util.h': 'int twice(int x);\n',
};

describe('buildFirmware', () => {
  it('recompiles only the edited file, and again every file when a header changes; warnings stay listed', async () => {
    const sdk = sdkForTest();
    const { clang, compiled } = countingClang();
    const first = await buildFirmware(clang, sdk, files);
    expect(first.ok).toBe(true);
    expect(compiled).toEqual(['/src/main.cpp', '/src/util.cpp']);
    const warning = first.diagnostics.find((d) => d.file === 'util.cpp' && d.severity === 'warning');
    expect(warning?.message).toMatch(/unused/);

    compiled.length = 0;
    const edited = await buildFirmware(clang, sdk, { ...files, 'main.cpp': files['main.cpp'].replace('21', '4') });
    expect(edited.ok).toBe(true);
    expect(compiled).toEqual(['/src/main.cpp']);
    expect(edited.diagnostics).toContainEqual(warning);

    compiled.length = 0;
    await buildFirmware(clang, sdk, { ...files, 'util.h': 'int twice(int x);  // doubles\n' });
    expect(compiled).toEqual(['/src/main.cpp', '/src/util.cpp']);
  });
});
