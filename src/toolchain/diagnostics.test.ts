import { describe, expect, it } from 'vitest';
import { type Diagnostic, parseDiagnostics, summarizeDiagnostics } from './diagnostics';

describe('parseDiagnostics', () => {
  it('reads errors and warnings at file:line:column, dropping the virtual folder', () => {
    const stderr = [
      "/src/main.cpp:7:5: error: use of undeclared identifier 'lcdd'",
      '    7 |     lcdd.cls();',
      '      |     ^',
      "/src/util.h:2:9: warning: unused variable 'x' [-Wunused-variable]",
      '/sdk/mbed/include/C12832.h:40:10: note: candidate function not viable',
      '2 errors generated.',
    ].join('\n');
    expect(parseDiagnostics(stderr, '/src/')).toEqual([
      { file: 'main.cpp', line: 7, column: 5, severity: 'error', message: "use of undeclared identifier 'lcdd'" },
      { file: 'util.h', line: 2, column: 9, severity: 'warning', message: "unused variable 'x' [-Wunused-variable]" },
      {
        file: 'sdk/mbed/include/C12832.h',
        line: 40,
        column: 10,
        severity: 'note',
        message: 'candidate function not viable',
      },
    ]);
  });
  it('treats fatal errors as errors and keeps linker errors without a location', () => {
    const d = parseDiagnostics(
      "/src/a.cpp:1:10: fatal error: 'nope.h' file not found\nwasm-ld: error: undefined symbol: foo\n",
      '/src/',
    );
    expect(d.map((x) => [x.severity, x.file, x.message])).toEqual([
      ['error', 'a.cpp', "'nope.h' file not found"],
      ['error', '', 'linker: undefined symbol: foo'],
    ]);
  });
  it("keeps errors without a location, but not clang's error-limit line", () => {
    const d = parseDiagnostics(
      "clang++: error: no such file or directory: '/src/x.cpp'\nfatal error: too many errors emitted, stopping now [-ferror-limit=]\n20 errors generated.\n",
      '/src/',
    );
    expect(d).toEqual([
      { file: '', line: 0, column: 0, severity: 'error', message: "no such file or directory: '/src/x.cpp'" },
    ]);
  });
});

describe('summarizeDiagnostics', () => {
  const at = (severity: Diagnostic['severity'], line: number): Diagnostic => ({
    file: 'main.cpp',
    line,
    column: 1,
    severity,
    message: severity,
  });

  it('lists at most the cap, errors first, and counts everything', () => {
    const all = [...Array.from({ length: 10_000 }, (_, i) => at('warning', i + 1)), at('error', 7), at('note', 3)];
    const { listed, summary } = summarizeDiagnostics(all, '', 500);
    expect(listed).toHaveLength(500);
    expect(listed[0]).toEqual(at('error', 7));
    expect(listed[1]).toEqual(at('warning', 1));
    expect(summary).toEqual({ errors: 1, warnings: 10_000, omitted: 9_502, errorLimitReached: false });
  });

  it('says when clang stopped at its error limit', () => {
    const log =
      '/src/a.cpp:1:9: error: expected expression\nfatal error: too many errors emitted, stopping now [-ferror-limit=]\n';
    const { listed, summary } = summarizeDiagnostics(parseDiagnostics(log, '/src/'), log);
    expect(listed).toHaveLength(1);
    expect(summary).toEqual({ errors: 1, warnings: 0, omitted: 0, errorLimitReached: true });
  });
});
