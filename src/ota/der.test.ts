import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { derToRaw, rawToDer } from './der';
import { fromHex, toHex } from './keys';

describe('ECDSA signature encodings', () => {
  it('encodes r‖s as DER by hand-checked rules: minimal integers, a 0x00 before a set high bit', () => {
    const raw = new Uint8Array(64);
    raw[31] = 0x01; // r = 1
    raw[32] = 0x80; // s = 0x80 followed by 31 zero bytes
    const der = rawToDer(raw);
    expect(toHex(der)).toBe(`3026020101022100${'80'}${'00'.repeat(31)}`);
    expect(derToRaw(der)).toEqual(raw);
  });

  it('agrees with @noble/curves on DER for real signatures', () => {
    const secret = p256.utils.randomSecretKey();
    for (let i = 0; i < 100; i++) {
      const msg = new TextEncoder().encode(`message ${i}`);
      const der = p256.sign(msg, secret, { format: 'der' });
      const raw = p256.sign(msg, secret);
      expect(rawToDer(raw)).toEqual(der);
      expect(derToRaw(der)).toEqual(raw);
    }
  });

  it('refuses what is not a strict DER P-256 signature', () => {
    for (const hex of [
      '3006020100020101', // r = 0
      '3006020180020101', // negative r
      '300702020001020101', // non-minimal r
      '3006040101020101', // not an INTEGER
      '300602010102010100', // trailing byte
      '3106020101020101', // not a SEQUENCE
      `3027020101022200${'ff'.repeat(33)}`, // s has 33 value bytes
    ])
      expect(derToRaw(fromHex(hex)), hex).toBeUndefined();
    expect(() => rawToDer(new Uint8Array(63))).toThrow(/expected 64 bytes/);
  });
});
