import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CSV_LIMITS,
  CsvTraceParser,
  describeCsvResult,
  parseCsvTrace,
  parseIsoTime,
  type CsvParseResult,
} from './parseCsvTrace';
import { Rng } from './random';

function ok(r: CsvParseResult) {
  if (!r.ok) throw new Error(`expected ok, got ${describeCsvResult(r).join('; ')}`);
  return r;
}
function bad(r: CsvParseResult) {
  if (r.ok) throw new Error('expected errors');
  return r;
}

describe('parseCsvTrace', () => {
  it('reads ISO timestamps with a header, CRLF, a BOM, quotes, blank and comment lines', () => {
    const r = ok(
      parseCsvTrace(
        '\ufefftimestamp,value\r\n# comment\r\n2013-12-02 21:15:00,73.9\r\n\r\n"2013-12-02 21:20:00", "74.5"\r\n',
      ),
    );
    expect(r.trace.header).toEqual(['timestamp', 'value']);
    expect(r.trace.timeFormat).toBe('iso');
    expect(Array.from(r.trace.v)).toEqual([73.9, 74.5]);
    expect(r.trace.t[0]).toBe(Date.UTC(2013, 11, 2, 21, 15) / 1000);
    expect(r.trace.t[1] - r.trace.t[0]).toBe(300);
    expect(r.warnings).toEqual([]);
  });

  it('reads numeric seconds without a header', () => {
    const r = ok(parseCsvTrace('0,1\n1.5,2\n3e0,-4.25\n'));
    expect(Array.from(r.trace.t)).toEqual([0, 1.5, 3]);
    expect(Array.from(r.trace.v)).toEqual([1, 2, -4.25]);
    expect(r.trace.header).toBeNull();
  });

  it('understands time zones, fractions, T separators and dates alone', () => {
    expect(parseIsoTime('2014-01-07T02:00:00Z')).toBe(Date.UTC(2014, 0, 7, 2) / 1000);
    expect(parseIsoTime('2014-01-07T03:00:00+01:00')).toBe(Date.UTC(2014, 0, 7, 2) / 1000);
    expect(parseIsoTime('2014-01-07 02:00:00.250000')).toBe(Date.UTC(2014, 0, 7, 2) / 1000 + 0.25);
    expect(parseIsoTime('2014-01-07')).toBe(Date.UTC(2014, 0, 7) / 1000);
    expect(parseIsoTime('2014-01-07 02:00')).toBe(Date.UTC(2014, 0, 7, 2) / 1000);
    expect(parseIsoTime('2014-02-30 00:00:00')).toMatch(/day 30/);
    expect(parseIsoTime('2014-13-01')).toMatch(/month 13/);
    expect(parseIsoTime('2014-01-01 24:00')).toMatch(/hour 24/);
  });

  it('rejects malformed rows with line numbers, several at once, and applies nothing', () => {
    const r = bad(parseCsvTrace('timestamp,value\n0,1\n1,abc\n2\n3,4,5\n4,NaN\n5,\nxx,6\n7,8\n'));
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(r.errors[0].message).toMatch(/"abc" is not a finite number/);
    expect(r.errors[1].message).toMatch(/expected 2 fields.*found 1/);
    expect(r.errors[2].message).toMatch(/found 3/);
    expect(r.errors[4].message).toMatch(/empty value/);
    expect(r.errors[5].message).toMatch(/"xx" is not a timestamp/);
    expect('trace' in r).toBe(false);
  });

  it('caps the error list and counts the rest', () => {
    const lines = ['t,v', ...Array.from({ length: 100 }, (_, i) => `${i},x`)];
    const r = bad(parseCsvTrace(lines.join('\n')));
    expect(r.errors).toHaveLength(CSV_LIMITS.maxErrors);
    expect(r.errorCount).toBe(100);
    expect(describeCsvResult(r).at(-1)).toBe('… and 80 more errors');
  });

  it('refuses mixed timestamp formats, empty files and single rows', () => {
    expect(bad(parseCsvTrace('0,1\n2013-12-02 21:15:00,2\n')).errors[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/line 1 set the format/),
    });
    expect(bad(parseCsvTrace('')).errors[0].message).toBe('no data rows');
    expect(bad(parseCsvTrace('timestamp,value\n')).errors[0].message).toBe('no data rows');
    expect(bad(parseCsvTrace('0,1\n')).errors[0].message).toMatch(/only one data row/);
    expect(bad(parseCsvTrace('a,b,c\n0,1\n1,2')).errors[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/header has 3 columns/),
    });
  });

  it('accepts a timestamp that steps back, with a warning naming the line', () => {
    const r = ok(
      parseCsvTrace(
        't,v\n2014-01-07 02:50:00,1\n2014-01-07 02:55:00,2\n2014-01-07 02:00:00,3\n2014-01-07 02:00:00,4\n',
      ),
    );
    expect(r.trace.v).toHaveLength(4);
    expect(r.warnings).toEqual([
      { line: 4, message: expect.stringMatching(/steps back by 55 min from line 3/) },
      { line: 5, message: expect.stringMatching(/repeats line 4/) },
    ]);
  });

  it('parses the NAB machine-temperature trace: 22,695 rows, one clock jump warned at its line', () => {
    const text = readFileSync(
      new URL('../../../../shared/data/nab/machine_temperature_system_failure.csv', import.meta.url),
      'utf8',
    );
    const r = ok(parseCsvTrace(text));
    expect(r.trace.v).toHaveLength(22_695);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].line).toBe(10_151); // header is line 1, row 10,149 (0-based) is line 10,151
    expect(r.warnings[0].message).toMatch(/55 min/);
  });
});

// ---- property test: thousands of randomly corrupted files ------------------------------------------------------

function validCsv(rng: Rng): string {
  const iso = rng.next() < 0.5;
  const rows: string[] = rng.next() < 0.5 ? ['timestamp,value'] : [];
  const n = rng.int(2, 40);
  const t0 = Date.UTC(2014, 0, 1) + rng.int(0, 1000) * 60_000;
  for (let i = 0; i < n; i++) {
    const t = iso ? new Date(t0 + i * 300_000).toISOString().replace('T', ' ').slice(0, 19) : String(i * 300);
    rows.push(`${t},${(20 + rng.next() * 10).toFixed(rng.int(0, 6))}`);
  }
  return rows.join(rng.next() < 0.3 ? '\r\n' : '\n') + (rng.next() < 0.5 ? '\n' : '');
}

const JUNK = [
  ',',
  '"',
  'x',
  '.',
  '-',
  ' ',
  '\n',
  '\r',
  'e',
  '9',
  '\u0000',
  'é',
  ':',
  'T',
  'Z',
  '+',
  '#',
  '\t',
  'NaN',
  'Infinity',
  '1e999',
  '💥',
];

function corrupt(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const pos = () => rng.int(0, Math.max(1, text.length));
  switch (rng.int(0, 10)) {
    case 0: {
      const p = pos();
      return text.slice(0, p) + text.slice(p + 1);
    }
    case 1: {
      const p = pos();
      return text.slice(0, p) + rng.pick(JUNK) + text.slice(p);
    }
    case 2: {
      const p = pos();
      return text.slice(0, p) + rng.pick(JUNK) + text.slice(p + 1);
    }
    case 3:
      lines[rng.int(0, lines.length)] = Array.from({ length: rng.int(0, 12) }, () => rng.pick(JUNK)).join('');
      return lines.join('\n');
    case 4: {
      const i = rng.int(0, lines.length);
      lines.splice(i, 0, lines[rng.int(0, lines.length)]);
      return lines.join('\n');
    }
    case 5: {
      const i = rng.int(0, lines.length);
      const j = rng.int(0, lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 6:
      return text.slice(0, pos());
    case 7: {
      const i = rng.int(0, lines.length);
      lines[i] = lines[i].replace(/,.*$/, `,${rng.pick(['', 'NaN', 'Infinity', '-', '1.2.3', '0x10', '12abc'])}`);
      return lines.join('\n');
    }
    case 8: {
      const i = rng.int(0, lines.length);
      lines[i] += `,${rng.pick(['1', '', 'x'])}`;
      return lines.join('\n');
    }
    default:
      return Array.from({ length: rng.int(0, 200) }, () => String.fromCharCode(rng.int(0, 0x3000))).join('');
  }
}

describe('parseCsvTrace on randomly corrupted input (seeded)', () => {
  it('never throws; always a complete trace or line-numbered errors', () => {
    const rng = new Rng(20240611);
    let accepted = 0;
    let rejected = 0;
    for (let iter = 0; iter < 5000; iter++) {
      let text = validCsv(rng);
      const rounds = rng.int(1, 5);
      for (let k = 0; k < rounds; k++) text = corrupt(text, rng);
      const lineCount = text.split(/\r\n|\n|\r/).length;
      let r: CsvParseResult;
      try {
        r = parseCsvTrace(text);
      } catch (e) {
        throw new Error(`parser threw on case ${iter}: ${String(e)}\n${JSON.stringify(text)}`, { cause: e });
      }
      for (const w of r.warnings)
        if (!(Number.isInteger(w.line) && w.line >= 1 && w.line <= lineCount && w.message))
          throw new Error(`bad warning in case ${iter}`);
      if (r.ok) {
        accepted++;
        const { t, v } = r.trace;
        if (t.length < 2 || t.length !== v.length) throw new Error(`case ${iter}: incomplete trace`);
        for (let i = 0; i < t.length; i++)
          if (!Number.isFinite(t[i]) || !Number.isFinite(v[i])) throw new Error(`case ${iter}: non-finite row ${i}`);
      } else {
        rejected++;
        if (r.errors.length < 1 || r.errors.length > CSV_LIMITS.maxErrors || r.errorCount < r.errors.length)
          throw new Error(`case ${iter}: bad error list`);
        for (const e of r.errors) {
          if (!(Number.isInteger(e.line) && e.line >= 1 && e.line <= lineCount && e.message.length > 0)) {
            throw new Error(
              `case ${iter}: error without a valid line number: ${JSON.stringify(e)} (of ${lineCount} lines)`,
            );
          }
        }
        if ('trace' in r) throw new Error(`case ${iter}: rejected result carries a trace`);
      }
    }
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(2000);
  });
});

describe('CsvTraceParser (chunks, as a file streams in)', () => {
  it('gives exactly what parseCsvTrace gives the whole text, however the text is cut', () => {
    const rng = new Rng(777);
    const chunked = (text: string) => {
      const p = new CsvTraceParser();
      for (let at = 0; at < text.length;) {
        const n = rng.int(1, 40);
        p.push(text.slice(at, at + n));
        at += n;
      }
      return p.finish();
    };
    for (let iter = 0; iter < 1500; iter++) {
      let text = validCsv(rng);
      if (iter % 2) text = corrupt(text, rng);
      if (iter % 7 === 0) text = `\ufeff${text.replace(/\n/g, '\r')}`; // old Mac line ends and a BOM, cut between \r and \n too
      expect(chunked(text), `case ${iter}: ${JSON.stringify(text.slice(0, 200))}`).toEqual(parseCsvTrace(text));
    }
    const crlf = 'timestamp,value\r\n0,1\r\n300,2\r\n';
    const p = new CsvTraceParser();
    for (const ch of crlf) p.push(ch);
    expect(p.finish()).toEqual(parseCsvTrace(crlf));
  });

  it('stops at the row limit without reading the rest', () => {
    const p = new CsvTraceParser();
    const row = '1,2\n';
    p.push('0,1\n');
    p.push(row.repeat(CSV_LIMITS.maxRows));
    expect(p.rows).toBe(CSV_LIMITS.maxRows);
    const r = bad(p.finish());
    expect(r.errors[0].message).toMatch(/too many rows/);
  });
});
