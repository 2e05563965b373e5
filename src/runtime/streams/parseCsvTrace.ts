// Parses a `timestamp,value` trace. Either the whole file is accepted (a complete trace, perhaps with warnings) or
// nothing is (a list of line-numbered errors): there is no partial result to apply by mistake. Never throws.
//
// Accepted input:
//  - lines ending in \n, \r\n or \r; a UTF-8 byte-order mark; blank lines and lines starting with '#' are skipped;
//  - an optional header: a first line whose first field is not a timestamp and whose second is not a number
//    (e.g. `timestamp,value`);
//  - rows of exactly two comma-separated fields, each optionally in double quotes, surrounding spaces ignored;
//  - timestamps either all ISO-like — `2013-12-02 21:15:00`, `2013-12-02T21:15:00.5Z`, `2013-12-02T21:15+01:00`,
//    `2013-12-02` (no zone means UTC) — or all plain numbers of seconds (`0`, `300`, `1.5e3`);
//  - values: finite decimal numbers (`73.9`, `-4`, `1e2`).
// A timestamp that steps backwards or repeats is accepted with a warning: real traces have clock jumps.

export interface CsvTrace {
  /** Timestamps in seconds (Unix seconds for ISO timestamps). */
  t: Float64Array;
  v: Float64Array;
  timeFormat: 'iso' | 'seconds';
  header: string[] | null;
}

export interface CsvIssue {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export type CsvParseResult =
  | { ok: true; trace: CsvTrace; warnings: CsvIssue[]; warningCount: number }
  | { ok: false; errors: CsvIssue[]; errorCount: number; warnings: CsvIssue[]; warningCount: number };

export const CSV_LIMITS = { maxErrors: 20, maxWarnings: 20, maxRows: 2_000_000, maxChars: 200_000_000, maxLineChars: 1000 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).trim() : f;
}

/** Seconds since the epoch for an ISO-like timestamp, or an error message. */
export function parseIsoTime(s: string): number | string {
  const m = ISO.exec(s);
  if (!m) return `"${clip(s)}" is not a timestamp (expected e.g. 2013-12-02 21:15:00 or seconds)`;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  const [hour, minute, second] = [+(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
  const frac = m[7] ? Number(`0.${m[7]}`) : 0;
  if (month < 1 || month > 12) return `month ${m[2]} out of range in "${clip(s)}"`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `day ${m[3]} out of range in "${clip(s)}"`;
  if (hour > 23) return `hour ${m[4]} out of range in "${clip(s)}"`;
  if (minute > 59) return `minute ${m[5]} out of range in "${clip(s)}"`;
  if (second > 59) return `second ${m[6]} out of range in "${clip(s)}"`;
  let offsetMin = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2) : 0;
    if (oh > 23 || om > 59) return `time zone ${zone} out of range in "${clip(s)}"`;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return ms / 1000 + frac - offsetMin * 60;
}

function parseNumber(s: string): number | undefined {
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function clip(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** "55 min", "2 h 5 min", "3.5 s". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${+s.toFixed(3)} s`;
  if (s < 3600) return `${+(s / 60).toFixed(2)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  return `${+(s / 86400).toFixed(2)} days`;
}

export function parseCsvTrace(text: string): CsvParseResult {
  const errors: CsvIssue[] = [];
  const warnings: CsvIssue[] = [];
  let errorCount = 0;
  let warningCount = 0;
  const error = (line: number, message: string) => {
    if (errorCount++ < CSV_LIMITS.maxErrors) errors.push({ line, message });
  };
  const warn = (line: number, message: string) => {
    if (warningCount++ < CSV_LIMITS.maxWarnings) warnings.push({ line, message });
  };
  const fail = (): CsvParseResult => ({ ok: false, errors, errorCount, warnings, warningCount });

  if (typeof text !== 'string') {
    error(1, 'input is not text');
    return fail();
  }
  if (text.length > CSV_LIMITS.maxChars) {
    error(1, `file too large (${text.length} characters; at most ${CSV_LIMITS.maxChars})`);
    return fail();
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);

  const t: number[] = [];
  const v: number[] = [];
  let header: string[] | null = null;
  let format: 'iso' | 'seconds' | undefined;
  let formatLine = 0;
  let seenFirst = false;
  let prevLine = 0;

  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const raw = lines[li];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (raw.length > CSV_LIMITS.maxLineChars) {
      error(lineNo, `line too long (${raw.length} characters)`);
      seenFirst = true;
      continue;
    }
    const fields = raw.split(',').map(unquote);
    const first = !seenFirst;
    seenFirst = true;

    if (first) {
      const timeOk = parseNumber(fields[0]) !== undefined || typeof parseIsoTime(fields[0]) === 'number';
      const valueOk = fields.length > 1 && parseNumber(fields[1]) !== undefined;
      if (!timeOk && !valueOk) {
        if (fields.length !== 2) error(lineNo, `header has ${fields.length} columns; expected 2 (timestamp,value)`);
        header = fields;
        continue;
      }
    }
    if (fields.length !== 2) {
      error(lineNo, `expected 2 fields (timestamp,value), found ${fields.length}`);
      continue;
    }
    if (t.length >= CSV_LIMITS.maxRows) {
      error(lineNo, `too many rows (at most ${CSV_LIMITS.maxRows})`);
      break;
    }
    const [ts, vs] = fields;
    const rowFormat = parseNumber(ts) !== undefined ? 'seconds' : 'iso';
    let time: number | undefined;
    let rowOk = true;
    if (rowFormat === 'seconds') time = parseNumber(ts);
    else {
      const r = parseIsoTime(ts);
      if (typeof r === 'string') {
        error(lineNo, ts === '' ? 'empty timestamp' : r);
        rowOk = false;
      } else time = r;
    }
    if (time !== undefined) {
      if (format === undefined) {
        format = rowFormat;
        formatLine = lineNo;
      } else if (format !== rowFormat) {
        error(lineNo, `timestamp "${clip(ts)}" is ${rowFormat === 'iso' ? 'a date' : 'a number of seconds'}, but line ${formatLine} set the format to ${format === 'iso' ? 'dates' : 'seconds'}`);
        rowOk = false;
      }
    }
    const value = parseNumber(vs);
    if (value === undefined) {
      error(lineNo, vs === '' ? 'empty value' : `value "${clip(vs)}" is not a finite number`);
      rowOk = false;
    }
    if (!rowOk || time === undefined || value === undefined) continue;
    if (t.length > 0) {
      const dt = time - t[t.length - 1];
      if (dt < 0) warn(lineNo, `timestamp steps back by ${formatDuration(dt)} from line ${prevLine} (clock jump: replayed as one nominal interval)`);
      else if (dt === 0) warn(lineNo, `timestamp repeats line ${prevLine} (replayed as one nominal interval)`);
    }
    t.push(time);
    v.push(value);
    prevLine = lineNo;
  }

  if (errorCount === 0 && t.length < 2) error(Math.max(1, lines.length), t.length === 0 ? 'no data rows' : 'only one data row; a trace needs at least 2');
  if (errorCount > 0) return fail();
  return { ok: true, trace: { t: Float64Array.from(t), v: Float64Array.from(v), timeFormat: format ?? 'seconds', header }, warnings, warningCount };
}

/** One line per issue, e.g. for a problems list: "line 12: value "abc" is not a finite number". */
export function describeCsvResult(r: CsvParseResult): string[] {
  const out: string[] = [];
  if (!r.ok) {
    for (const e of r.errors) out.push(`line ${e.line}: ${e.message}`);
    if (r.errorCount > r.errors.length) out.push(`… and ${r.errorCount - r.errors.length} more errors`);
  }
  for (const w of r.warnings) out.push(`line ${w.line}: warning: ${w.message}`);
  if (r.warningCount > r.warnings.length) out.push(`… and ${r.warningCount - r.warnings.length} more warnings`);
  return out;
}
