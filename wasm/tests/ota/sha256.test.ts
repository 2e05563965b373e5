// ota::Sha256 (wasm/ota/src/sha256.cc) built to wasm and run: the FIPS 180-4 examples (NIST CSRC "Examples with
// Intermediate Values", SHA-256; the 448- and 896-bit messages and one million 'a' of the NIST test suite), fed in
// one piece and split at every boundary that matters to the block buffer. DER→raw of the C++ side is checked here
// too, against the TS conversion.
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { derToRaw, rawToDer } from '../../../src/ota/der';
import { toHex } from '../../../src/ota/keys';
import { buildOtaTest, OtaDriver } from './otaWasm';

const ascii = (s: string) => new TextEncoder().encode(s);
const VECTORS: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
];
const MILLION_A = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
/** Update sizes that straddle the 64-byte block buffer in every way: single bytes, one short, exact, one over. */
const SPLITS = [[1], [3], [55], [56], [63], [64], [65], [7, 57], [0, 1, 64, 2]];

let driver: OtaDriver;
let log: string;
beforeAll(async () => {
  const build = await buildOtaTest();
  log = build.log;
  driver = await OtaDriver.load(build.wasm);
}, 300_000);

describe('ota::Sha256 in wasm', () => {
  it('compiles without warnings', () => {
    expect(log).not.toMatch(/warning:/);
  });

  it.each(VECTORS)('hashes "%s" as FIPS 180-4 gives', (message, digest) => {
    expect(toHex(driver.sha256OneShot(ascii(message)))).toBe(digest);
    for (const pieces of SPLITS) expect(toHex(driver.sha256(ascii(message), pieces)), `pieces ${pieces}`).toBe(digest);
  });

  it("hashes one million 'a' (fed as 15,625 updates of 64 bytes, and as 1,000 of 1,000)", () => {
    expect(toHex(driver.sha256Repeated(ascii('a'.repeat(64)), 15_625))).toBe(MILLION_A);
    expect(toHex(driver.sha256Repeated(ascii('a'.repeat(1000)), 1000))).toBe(MILLION_A);
    expect(toHex(driver.sha256(ascii('a'.repeat(50_000)), [777]))).toBe(toHex(sha256(ascii('a'.repeat(50_000)))));
  });

  it('pads correctly at every length around the block and length-field boundaries', () => {
    for (let n = 0; n <= 130; n++) {
      const m = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(toHex(driver.sha256(m, [5, 11])), `length ${n}`).toBe(toHex(sha256(m)));
    }
  });
});

describe('ota::DerToRaw in wasm', () => {
  it('gives the same r‖s as the TS conversion, for real signatures and edge values', () => {
    const secret = p256.utils.randomSecretKey();
    const raws = Array.from({ length: 50 }, (_, i) => p256.sign(ascii(`m${i}`), secret));
    const half = (fill: number, first: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? first : fill));
    raws.push(
      Uint8Array.from([...half(0, 0), ...half(0, 0)].map((_, i) => (i === 31 || i === 63 ? 1 : 0))), // r = s = 1
      Uint8Array.from([...half(0xff, 0xff), ...half(0x01, 0x7f)]), // high bit set (a 0x00 pad) and not
    );
    for (const raw of raws) {
      const der = rawToDer(raw);
      expect(derToRaw(der)).toEqual(raw);
      expect(driver.derToRaw(der)).toEqual(raw);
    }
  });

  it('refuses the same malformed encodings as the TS side', () => {
    const good = rawToDer(p256.sign(ascii('x'), p256.utils.randomSecretKey()));
    const variants: Uint8Array[] = [
      good.subarray(0, good.length - 1),
      Uint8Array.from([...good, 0]),
      Uint8Array.from([0x31, ...good.subarray(1)]),
      Uint8Array.from([0x30, 6, 0x02, 1, 0, 0x02, 1, 1]), // r = 0
      Uint8Array.from([0x30, 6, 0x02, 1, 0x80, 0x02, 1, 1]), // negative r
      Uint8Array.from([0x30, 7, 0x02, 2, 0, 1, 0x02, 1, 1]), // non-minimal r
      Uint8Array.from([0x30, 6, 0x04, 1, 1, 0x02, 1, 1]), // not an INTEGER
    ];
    for (let i = 0; i < good.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const b = good.slice();
        b[i] ^= bit;
        variants.push(b);
      }
    }
    for (const v of variants) expect(driver.derToRaw(v), toHex(v)).toEqual(derToRaw(v));
    expect(variants.slice(0, 7).map((v) => derToRaw(v))).toEqual(Array(7).fill(undefined));
  });
});
