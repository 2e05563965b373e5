// Turns clang's text diagnostics into structured records for editor markers and the problems list.

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

const LINE = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const LINKER = /^wasm-ld: (error|warning): (.*)$/;

/** `stripPrefix` removes the virtual source folder so files read as the user named them. */
export function parseDiagnostics(stderr: string, stripPrefix = ''): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    const m = LINE.exec(line);
    if (m) {
      const file = m[1].startsWith(stripPrefix) ? m[1].slice(stripPrefix.length) : m[1];
      out.push({
        file: file.replace(/^\/+/, ''),
        line: Number(m[2]),
        column: Number(m[3]),
        severity: m[4] === 'fatal error' ? 'error' : (m[4] as Severity),
        message: m[5],
      });
      continue;
    }
    const l = LINKER.exec(line);
    if (l) out.push({ file: '', line: 0, column: 0, severity: l[1] as Severity, message: `linker: ${l[2]}` });
  }
  return out;
}
