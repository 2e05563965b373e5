import { describe, expect, it } from 'vitest';
import { parseDiagnostics } from './diagnostics';

describe('parseDiagnostics', () => {
  it('reads errors and warnings at file:line:column, dropping the virtual folder', () => {
    const stderr = [
      '/src/main.cpp:7:5: error: use of undeclared identifier \'lcdd\'',
      '    7 |     lcdd.cls();',
      '      |     ^',
      '/src/util.h:2:9: warning: unused variable \'x\' [-Wunused-variable]',
      '/sdk/mbed/include/C12832.h:40:10: note: candidate function not viable',
      '2 errors generated.',
    ].join('\n');
    expect(parseDiagnostics(stderr, '/src/')).toEqual([
      { file: 'main.cpp', line: 7, column: 5, severity: 'error', message: "use of undeclared identifier 'lcdd'" },
      { file: 'util.h', line: 2, column: 9, severity: 'warning', message: "unused variable 'x' [-Wunused-variable]" },
      { file: 'sdk/mbed/include/C12832.h', line: 40, column: 10, severity: 'note', message: 'candidate function not viable' },
    ]);
  });
  it('treats fatal errors as errors and keeps linker errors without a location', () => {
    const d = parseDiagnostics("/src/a.cpp:1:10: fatal error: 'nope.h' file not found\nwasm-ld: error: undefined symbol: foo\n", '/src/');
    expect(d.map((x) => [x.severity, x.file, x.message])).toEqual([
      ['error', 'a.cpp', "'nope.h' file not found"],
      ['error', '', 'linker: undefined symbol: foo'],
    ]);
  });
});
