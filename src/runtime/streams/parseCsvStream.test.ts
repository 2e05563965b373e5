import { describe, expect, it } from 'vitest';
import { parseCsvStream, type CsvProgress } from './parseCsvStream';
import { parseCsvTrace } from './parseCsvTrace';

/** A byte stream in chunks of `size` bytes (cutting multi-byte characters too). */
function chunks(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) c.close();
      else c.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

describe('parseCsvStream', () => {
  it('parses a streamed file exactly as the whole text, reporting progress up to the total', async () => {
    const rows = ['timestamp,value # é'];
    for (let i = 0; i < 5000; i++) rows.push(`${i * 300},${(20 + Math.sin(i / 30)).toFixed(3)}`);
    const text = `\ufeff${rows.join('\r\n')}`;
    const bytes = new TextEncoder().encode(text);
    const progress: CsvProgress[] = [];
    let clock = 0;
    const r = await parseCsvStream(
      chunks(bytes, 777),
      bytes.length,
      (p) => progress.push(p),
      () => (clock += 40),
    );
    expect(r).toEqual(parseCsvTrace(text));
    expect(r.ok && r.trace.v.length).toBe(5000);
    expect(progress.length).toBeGreaterThan(10);
    expect(
      progress.every((p, i) => p.totalBytes === bytes.length && (i === 0 || p.bytes >= progress[i - 1].bytes)),
    ).toBe(true);
    expect(progress.at(-1)!.bytes).toBe(bytes.length);
  });

  it('rejects a malformed streamed file with line numbers', async () => {
    const bytes = new TextEncoder().encode('timestamp,value\n0,20.5\n300,warm\n600,21\n900,\n');
    const r = await parseCsvStream(chunks(bytes, 5), bytes.length, () => {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.line)).toEqual([3, 5]);
  });
});
