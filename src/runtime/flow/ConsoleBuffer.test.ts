import { describe, expect, it } from 'vitest';
import { ConsoleBuffer } from './ConsoleBuffer';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('ConsoleBuffer', () => {
  it('hands out output in order, in pieces as large as the page has room for', () => {
    const b = new ConsoleBuffer(64);
    b.push(enc('hello '));
    b.push(enc('world\n'));
    expect(dec(b.take(8)?.bytes)).toBe('hello wo');
    expect(b.take(100)).toEqual({ bytes: enc('rld\n'), droppedBytes: 0 });
    expect(b.take(100)).toBeUndefined();
  });

  it('keeps the newest output when full, from a line start, and counts every byte it dropped', () => {
    const b = new ConsoleBuffer(40);
    let written = 0;
    for (let i = 0; i < 1000; i++) {
      const line = enc(`line ${i}\n`);
      written += line.length;
      b.push(line);
    }
    const chunk = b.take(1000)!;
    const text = dec(chunk.bytes);
    expect(text.endsWith('line 999\n')).toBe(true);
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .every((l) => /^line \d+$/.test(l)),
    ).toBe(true);
    expect(chunk.droppedBytes + chunk.bytes.length).toBe(written);
    expect(b.take(1000)).toBeUndefined();
  });

  it('keeps the tail of a single write larger than itself', () => {
    const b = new ConsoleBuffer(16);
    b.push(enc(`${'x'.repeat(100)}\nthe end\n`));
    const chunk = b.take(100)!;
    expect(dec(chunk.bytes)).toBe('the end\n');
    expect(chunk.droppedBytes).toBe(101);
  });
});
