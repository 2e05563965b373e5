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
/** An error without a location, e.g. `clang++: error: no such file` or a fatal error of the driver. */
const UNLOCATED = /^(?:clang\S*: )?(fatal error|error): (.*)$/;
/** Clang gives up after -ferror-limit errors (20 by default) and says so in one unlocated line. */
const ERROR_LIMIT = /too many errors emitted, stopping now/;

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
    if (l) {
      out.push({ file: '', line: 0, column: 0, severity: l[1] as Severity, message: `linker: ${l[2]}` });
      continue;
    }
    const u = UNLOCATED.exec(line);
    if (u && !ERROR_LIMIT.test(u[2])) out.push({ file: '', line: 0, column: 0, severity: 'error', message: u[2] });
  }
  return out;
}

/** What a build said, in numbers, when only the first `MAX_LISTED_DIAGNOSTICS` records travel to the page. */
export interface DiagnosticSummary {
  errors: number;
  warnings: number;
  /** Records (of any severity) left out of the list. */
  omitted: number;
  /** Clang stopped at its error limit: there may be more errors after the ones reported. */
  errorLimitReached: boolean;
}

/** The page lists and marks at most this many; a build can emit tens of thousands. */
export const MAX_LISTED_DIAGNOSTICS = 500;

/** Counts `diagnostics` and keeps the first `max`, errors before warnings before notes, each in source order. */
export function summarizeDiagnostics(
  diagnostics: Diagnostic[],
  log: string,
  max = MAX_LISTED_DIAGNOSTICS,
): { listed: Diagnostic[]; summary: DiagnosticSummary } {
  const rank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
  const listed =
    diagnostics.length <= max
      ? diagnostics
      : [...diagnostics].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, max);
  return {
    listed,
    summary: {
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      omitted: diagnostics.length - listed.length,
      errorLimitReached: ERROR_LIMIT.test(log),
    },
  };
}
