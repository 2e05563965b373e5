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

export const CSV_LIMITS = {
  maxErrors: 20,
  maxWarnings: 20,
  maxRows: 2_000_000,
  maxChars: 200_000_000,
  maxLineChars: 1000,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
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
  if (typeof text !== 'string') return new CsvTraceParser().reject('input is not text');
  const parser = new CsvTraceParser();
  parser.push(text);
  return parser.finish();
}

/**
 * The same parser fed in chunks (e.g. a File's stream, decoded): push() the text in pieces of any size, then
 * finish(). Lines may be split anywhere across chunks; the result is exactly parseCsvTrace() of the whole text.
 */
export class CsvTraceParser {
  private readonly errors: CsvIssue[] = [];
  private readonly warnings: CsvIssue[] = [];
  private errorCount = 0;
  private warningCount = 0;
  private readonly t: number[] = [];
  private readonly v: number[] = [];
  private header: string[] | null = null;
  private format: 'iso' | 'seconds' | undefined;
  private formatLine = 0;
  private seenFirst = false;
  private prevLine = 0;
  private lineNo = 0;
  private chars = 0;
  /** The unfinished last line of the text so far (a trailing \r waits: it may be half of \r\n). */
  private carry = '';
  /** No more rows are read (too many rows or characters); the result is an error. */
  private stopped = false;

  /** Rows read so far. */
  get rows(): number {
    return this.t.length;
  }

  push(chunk: string): void {
    if (this.stopped) return;
    if (this.chars === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    this.chars += chunk.length;
    if (this.chars > CSV_LIMITS.maxChars) {
      this.error(1, `file too large (more than ${CSV_LIMITS.maxChars} characters)`);
      this.stopped = true;
      return;
    }
    const text = this.carry + chunk;
    const re = /\r\n|\n|\r(?!$)/g;
    let from = 0;
    for (let m = re.exec(text); m && !this.stopped; m = re.exec(text)) {
      this.line(text.slice(from, m.index));
      from = m.index + m[0].length;
    }
    this.carry = this.stopped ? '' : text.slice(from);
  }

  finish(): CsvParseResult {
    if (!this.stopped) {
      const last = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
      this.line(last);
      if (this.carry.endsWith('\r')) this.line('');
      this.carry = '';
    }
    if (this.errorCount === 0 && this.t.length < 2) {
      this.error(
        Math.max(1, this.lineNo),
        this.t.length === 0 ? 'no data rows' : 'only one data row; a trace needs at least 2',
      );
    }
    if (this.errorCount > 0) return this.failure();
    const trace: CsvTrace = {
      t: Float64Array.from(this.t),
      v: Float64Array.from(this.v),
      timeFormat: this.format ?? 'seconds',
      header: this.header,
    };
    return { ok: true, trace, warnings: this.warnings, warningCount: this.warningCount };
  }

  /** A result that rejects the input as a whole with one message on line 1. */
  reject(message: string): CsvParseResult {
    this.error(1, message);
    return this.failure();
  }

  private failure(): CsvParseResult {
    return {
      ok: false,
      errors: this.errors,
      errorCount: this.errorCount,
      warnings: this.warnings,
      warningCount: this.warningCount,
    };
  }

  private error(line: number, message: string): void {
    if (this.errorCount++ < CSV_LIMITS.maxErrors) this.errors.push({ line, message });
  }

  private warn(line: number, message: string): void {
    if (this.warningCount++ < CSV_LIMITS.maxWarnings) this.warnings.push({ line, message });
  }

  private line(raw: string): void {
    const lineNo = ++this.lineNo;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (raw.length > CSV_LIMITS.maxLineChars) {
      this.error(lineNo, `line too long (${raw.length} characters)`);
      this.seenFirst = true;
      return;
    }
    const fields = raw.split(',').map(unquote);
    const first = !this.seenFirst;
    this.seenFirst = true;

    if (first) {
      const timeOk = parseNumber(fields[0]) !== undefined || typeof parseIsoTime(fields[0]) === 'number';
      const valueOk = fields.length > 1 && parseNumber(fields[1]) !== undefined;
      if (!timeOk && !valueOk) {
        if (fields.length !== 2)
          this.error(lineNo, `header has ${fields.length} columns; expected 2 (timestamp,value)`);
        this.header = fields;
        return;
      }
    }
    if (fields.length !== 2) {
      this.error(lineNo, `expected 2 fields (timestamp,value), found ${fields.length}`);
      return;
    }
    if (this.t.length >= CSV_LIMITS.maxRows) {
      this.error(lineNo, `too many rows (at most ${CSV_LIMITS.maxRows})`);
      this.stopped = true;
      return;
    }
    const [ts, vs] = fields;
    const rowFormat = parseNumber(ts) !== undefined ? 'seconds' : 'iso';
    let time: number | undefined;
    let rowOk = true;
    if (rowFormat === 'seconds') time = parseNumber(ts);
    else {
      const r = parseIsoTime(ts);
      if (typeof r === 'string') {
        this.error(lineNo, ts === '' ? 'empty timestamp' : r);
        rowOk = false;
      } else time = r;
    }
    if (time !== undefined) {
      if (this.format === undefined) {
        this.format = rowFormat;
        this.formatLine = lineNo;
      } else if (this.format !== rowFormat) {
        this.error(
          lineNo,
          `timestamp "${clip(ts)}" is ${rowFormat === 'iso' ? 'a date' : 'a number of seconds'}, but line ${this.formatLine} set the format to ${this.format === 'iso' ? 'dates' : 'seconds'}`,
        );
        rowOk = false;
      }
    }
    const value = parseNumber(vs);
    if (value === undefined) {
      this.error(lineNo, vs === '' ? 'empty value' : `value "${clip(vs)}" is not a finite number`);
      rowOk = false;
    }
    if (!rowOk || time === undefined || value === undefined) return;
    const { t, v } = this;
    if (t.length > 0) {
      const dt = time - t[t.length - 1];
      if (dt < 0)
        this.warn(
          lineNo,
          `timestamp steps back by ${formatDuration(dt)} from line ${this.prevLine} (clock jump: replayed as one nominal interval)`,
        );
      else if (dt === 0)
        this.warn(lineNo, `timestamp repeats line ${this.prevLine} (replayed as one nominal interval)`);
    }
    t.push(time);
    v.push(value);
    this.prevLine = lineNo;
  }
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
