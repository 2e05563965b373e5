import { describe, expect, it } from 'vitest';
import { SERIAL_RX_CAPACITY, SimSerial } from './SimSerial';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SimSerial', () => {
  it('passes output through at once, byte for byte', () => {
    const s = new SimSerial();
    const out: string[] = [];
    s.addOutputListener((b) => out.push(new TextDecoder().decode(b)));
    s.write(bytes('H'));
    s.write(bytes('i'));
    expect(out).toEqual(['H', 'i']);
  });

  it('queues input for the firmware to read in pieces', () => {
    const s = new SimSerial();
    const waiting: number[] = [];
    s.addReceiveListener((n) => waiting.push(n));
    s.send(bytes('abc'));
    expect(s.readable).toBe(3);
    expect(new TextDecoder().decode(s.read(2))).toBe('ab');
    expect(new TextDecoder().decode(s.read(10))).toBe('c');
    expect(waiting).toEqual([3]);
  });

  it('drops and counts bytes beyond its capacity', () => {
    const s = new SimSerial();
    s.send(new Uint8Array(SERIAL_RX_CAPACITY + 5));
    expect(s.readable).toBe(SERIAL_RX_CAPACITY);
    expect(s.dropped).toBe(5);
  });
});
