// 10,000 mutated images fed to the TS reader (src/ota/image.ts) and the C++ reader (wasm/ota/src/image.cc, built
// to wasm): bit flips, header fields and TLV lengths set to edge and random values, truncation, extension, TLVs
// swapped within an area or moved to the other, and re-digested variants that reach the policy checks. Both must
// give the same verdict (and, when ok, the same info); the C++ reader must never read outside the image nor more
// often than its documented bound.
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { buildImage, inspectImage, type InspectPolicy } from '../../../src/ota/image';
import {
  HEADER_FIELDS,
  MAX_TLVS_PER_AREA,
  PAYLOAD_TYPES,
  READER_CHUNK_BYTES,
  TLV_TYPES,
  VERDICT_CODES,
  verdictNumber,
  type VerdictCode,
} from '../../../src/ota/imageFormat';
import { FACTORY_KEY_HASH } from '../../../src/ota/factoryKey';
import { nobleSigner } from '../../../src/ota/signers';
import { buildOtaTest, OtaDriver } from './otaWasm';

const IMAGES = 10_000;

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}
type Rng = ReturnType<typeof rng>;

interface Tlv {
  start: number; // offset of the TLV header
  end: number;
  type: number;
}
interface Layout {
  protStart: number;
  unprotStart: number;
  end: number;
  prot: Tlv[];
  unprot: Tlv[];
}

/** Where the areas and TLVs of a (possibly mutated) image are, as far as they can be followed; bounded. */
function layout(b: Uint8Array): Layout | undefined {
  if (b.length < 32) return undefined;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const protStart = dv.getUint16(8, true) + dv.getUint32(12, true);
  const unprotStart = protStart + dv.getUint16(10, true);
  if (unprotStart + 4 > b.length) return undefined;
  const end = Math.min(b.length, unprotStart + dv.getUint16(unprotStart + 2, true));
  const walk = (from: number, to: number) => {
    const out: Tlv[] = [];
    for (let off = from; off + 4 <= to && out.length < 2 * MAX_TLVS_PER_AREA;) {
      const next = off + 4 + dv.getUint16(off + 2, true);
      if (next > to) break;
      out.push({ start: off, end: next, type: dv.getUint16(off, true) });
      off = next;
    }
    return out;
  };
  return { protStart, unprotStart, end, prot: walk(protStart + 4, unprotStart), unprot: walk(unprotStart + 4, end) };
}

/** Recomputes the SHA256 TLV, so the mutation reaches the checks after the digest. */
function redigest(b: Uint8Array): Uint8Array {
  const l = layout(b);
  const sha = l?.unprot.find((t) => t.type === TLV_TYPES.sha256 && t.end - t.start === 36);
  if (l && sha && l.unprotStart <= b.length) b.set(sha256(b.subarray(0, l.unprotStart)), sha.start + 4);
  return b;
}

const edge = (r: Rng, current: number, bits: number) =>
  r.pick([0, 1, 2 ** bits - 1, current + 1, current - 1, current + 4, current - 4, r.int(2 ** bits), r.int(64)]) &
  (2 ** bits - 1);

function setField(b: Uint8Array, off: number, bits: number, value: number) {
  if (off + bits / 8 > b.length) return;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (bits === 8) b[off] = value;
  else if (bits === 16) dv.setUint16(off, value, true);
  else dv.setUint32(off, value >>> 0, true);
}
const getField = (b: Uint8Array, off: number, bits: number) => {
  if (off + bits / 8 > b.length) return 0;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return bits === 8 ? b[off] : bits === 16 ? dv.getUint16(off, true) : dv.getUint32(off, true);
};

const HEADER_BITS: Record<keyof typeof HEADER_FIELDS, number> = {
  magic: 32,
  loadAddr: 32,
  hdrSize: 16,
  protectTlvSize: 16,
  imgSize: 32,
  flags: 32,
  verMajor: 8,
  verMinor: 8,
  verRevision: 16,
  verBuild: 32,
  pad1: 32,
};

type Mutator = (b: Uint8Array, r: Rng) => Uint8Array;
const MUTATORS: Record<string, Mutator> = {
  bitFlip: (b, r) => {
    if (b.length) b[r.int(b.length)] ^= 1 << r.int(8);
    return b;
  },
  byte: (b, r) => {
    if (b.length) b[r.int(b.length)] = r.int(256);
    return b;
  },
  headerField: (b, r) => {
    const name = r.pick(Object.keys(HEADER_FIELDS) as (keyof typeof HEADER_FIELDS)[]);
    const off = HEADER_FIELDS[name];
    const bits = HEADER_BITS[name];
    setField(b, off, bits, edge(r, getField(b, off, bits), bits));
    return b;
  },
  tlvLength: (b, r) => {
    const l = layout(b);
    if (!l) return b;
    const lengths = [l.protStart + 2, l.unprotStart + 2, ...[...l.prot, ...l.unprot].map((t) => t.start + 2)];
    const off = r.pick(lengths);
    setField(b, off, 16, edge(r, getField(b, off, 16), 16));
    return b;
  },
  tlvType: (b, r) => {
    const l = layout(b);
    const all = l ? [...l.prot, ...l.unprot] : [];
    if (all.length) setField(b, r.pick(all).start, 16, r.pick([...Object.values(TLV_TYPES), r.int(0x10000), 0xa2]));
    return b;
  },
  truncate: (b, r) => b.slice(0, r.int(b.length)),
  extend: (b, r) => Uint8Array.from([...b, ...Array.from({ length: 1 + r.int(64) }, () => r.int(256))]),
  swapTlvs: (b, r) => {
    const l = layout(b);
    const area = l && r.pick([l.prot, l.unprot]);
    if (!area || area.length < 2) return b;
    const i = r.int(area.length);
    const j = (i + 1 + r.int(area.length - 1)) % area.length;
    const [x, y] = [area[Math.min(i, j)], area[Math.max(i, j)]];
    return Uint8Array.from([
      ...b.subarray(0, x.start),
      ...b.subarray(y.start, y.end),
      ...b.subarray(x.end, y.start),
      ...b.subarray(x.start, x.end),
      ...b.subarray(y.end),
    ]);
  },
  moveTlvAcross: (b, r) => {
    // Moves a protected TLV to the end of the unprotected area (or back), keeping both area sizes consistent.
    const l = layout(b);
    if (!l || l.end !== b.length) return b;
    const toUnprot = r.next() < 0.5;
    const from = toUnprot ? l.prot : l.unprot;
    if (!from.length) return b;
    const t = r.pick(from);
    const n = t.end - t.start;
    const piece = b.subarray(t.start, t.end);
    const out = toUnprot
      ? Uint8Array.from([...b.subarray(0, t.start), ...b.subarray(t.end), ...piece])
      : Uint8Array.from([
          ...b.subarray(0, l.unprotStart),
          ...piece,
          ...b.subarray(l.unprotStart, t.start),
          ...b.subarray(t.end),
        ]);
    const dv = new DataView(out.buffer);
    const prot = dv.getUint16(10, true) + (toUnprot ? -n : n);
    dv.setUint16(10, prot, true);
    dv.setUint16(l.protStart + 2, prot, true);
    const uStart = l.protStart + prot;
    dv.setUint16(uStart + 2, dv.getUint16(uStart + 2, true) + (toUnprot ? n : -n), true);
    return out;
  },
  protectedValue: (b, r) => {
    // A new security counter, target or payload type, re-digested: reaches the policy checks.
    const l = layout(b);
    const t = l && r.pick(l.prot);
    if (!t) return b;
    for (let off = t.start + 4; off < t.end; off++)
      b[off] = r.next() < 0.5 ? r.int(256) : r.pick([0, 1, 2, 3, 5, 0x61, 0x6e, 0x2d]);
    return redigest(b);
  },
};
const MUTATOR_NAMES = Object.keys(MUTATORS);

let driver: OtaDriver;
beforeAll(async () => {
  driver = await OtaDriver.load((await buildOtaTest()).wasm);
}, 300_000);

describe('10,000 mutated images, TS reader against C++ reader', () => {
  it('give the same verdict for each, with no trap and a bounded number of reads', async () => {
    const signer = nobleSigner(sha256(new TextEncoder().encode('fuzz key')));
    const other = nobleSigner(sha256(new TextEncoder().encode('another key')));
    const body = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);
    const bases = await Promise.all([
      buildImage(
        {
          version: { major: 1, minor: 0, revision: 2, build: 3 },
          securityCounter: 5,
          target: 'mnist',
          payloadType: PAYLOAD_TYPES.nnModelV1,
          body: body(200),
        },
        signer,
      ),
      buildImage(
        {
          version: { major: 2, minor: 1, revision: 0, build: 9 },
          securityCounter: 9,
          target: 'anomaly',
          payloadType: PAYLOAD_TYPES.anomalyBlobV1,
          body: body(64),
        },
        other,
      ),
      buildImage(
        {
          version: { major: 0, minor: 0, revision: 0, build: 0 },
          securityCounter: 0,
          target: 'mnist',
          payloadType: PAYLOAD_TYPES.nnModelV1,
          body: body(0),
        },
        signer,
      ),
    ]);
    const policies: InspectPolicy[] = [
      { trustedKeyHashes: [signer.keyHash, FACTORY_KEY_HASH], minSecurityCounter: 5, target: 'mnist' },
      { trustedKeyHashes: [other.keyHash], minSecurityCounter: 3, target: 'anomaly', payloadTypes: [2] },
      { trustedKeyHashes: [signer.keyHash, other.keyHash] },
      { trustedKeyHashes: [FACTORY_KEY_HASH], payloadTypes: [1] },
      { trustedKeyHashes: [other.keyHash, signer.keyHash], minSecurityCounter: 1, target: 'mnist' },
    ];
    const r = rng(0x07a5eed);
    const counts = new Map<VerdictCode, number>();
    const mismatches: string[] = [];
    let maxReads = 0;
    for (let n = 0; n < IMAGES; n++) {
      const base = r.pick(bases);
      const policy = r.pick(policies);
      let image: Uint8Array = base.slice();
      const applied: string[] = [];
      for (let k = 1 + r.int(3); k > 0; k--) {
        const name = r.pick(MUTATOR_NAMES);
        applied.push(name);
        image = MUTATORS[name](image, r);
      }
      if (r.next() < 0.25) image = redigest(image);
      const ts = inspectImage(image, policy);
      const cpp = driver.inspect(image, policy);
      const code: VerdictCode = ts.ok ? 'ok' : ts.code;
      counts.set(code, (counts.get(code) ?? 0) + 1);
      const bound = 3 + 2 * MAX_TLVS_PER_AREA + 6 + Math.ceil(image.length / READER_CHUNK_BYTES);
      maxReads = Math.max(maxReads, cpp.reads);
      const problems = [
        cpp.verdict !== verdictNumber(code) && `TS ${code}, C++ ${VERDICT_CODES[cpp.verdict] ?? cpp.verdict}`,
        cpp.outOfRange > 0 && `${cpp.outOfRange} reads outside the image`,
        cpp.reads > bound && `${cpp.reads} reads (bound ${bound})`,
      ].filter(Boolean);
      if (ts.ok && cpp.info) {
        const {
          version,
          securityCounter,
          target,
          payloadType,
          headerSize,
          bodyOffset,
          bodySize,
          hashedSize,
          imageSize,
          digest,
          keyHash,
          signatureRaw,
        } = ts.info;
        const want = {
          version,
          securityCounter,
          target,
          payloadType,
          headerSize,
          bodyOffset,
          bodySize,
          hashedSize,
          imageSize,
          digest,
          keyHash,
          signatureRaw,
        };
        if (!isDeepStrictEqual(want, cpp.info)) problems.push('info differs');
      }
      if (problems.length)
        mismatches.push(`#${n} [${applied.join(', ')}] ${problems.join('; ')}${ts.ok ? '' : ` — ${ts.message}`}`);
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    // Every verdict a reader can reach on bytes shows up, so the comparison covers each check.
    const reachable = VERDICT_CODES.filter((c) => c !== 'signatureInvalid' && c !== 'flashReadError');
    expect(
      reachable.filter((c) => (counts.get(c) ?? 0) < 5),
      JSON.stringify(Object.fromEntries(counts)),
    ).toEqual([]);
    expect(maxReads).toBeGreaterThan(3);
  }, 300_000);
});

describe('the C++ reader on named faults', () => {
  const signer = nobleSigner(sha256(new TextEncoder().encode('named faults')));
  const image = () =>
    buildImage(
      {
        version: { major: 4, minor: 3, revision: 2, build: 1 },
        securityCounter: 6,
        target: 'anomaly',
        payloadType: PAYLOAD_TYPES.anomalyBlobV1,
        body: Uint8Array.from({ length: 100 }, (_, i) => i),
      },
      signer,
    );
  const policy = { trustedKeyHashes: [signer.keyHash], minSecurityCounter: 6, target: 'anomaly' };

  it('accepts the image and reports what the TS reader reports', async () => {
    const b = await image();
    const { verdict, info } = driver.inspect(b, policy);
    expect(VERDICT_CODES[verdict]).toBe('ok');
    expect(info).toMatchObject({
      version: { major: 4, minor: 3, revision: 2, build: 1 },
      securityCounter: 6,
      target: 'anomaly',
      payloadType: 2,
      bodyOffset: 32,
      bodySize: 100,
      imageSize: b.length,
    });
  });

  it('refuses a tampered body byte (digest mismatch), another key (unknown key) and a lower counter', async () => {
    const b = await image();
    const tampered = b.slice();
    tampered[32 + 50] ^= 0x04;
    expect(VERDICT_CODES[driver.inspect(tampered, policy).verdict]).toBe('digestMismatch');
    const other = nobleSigner(sha256(new TextEncoder().encode('a stranger')));
    expect(
      VERDICT_CODES[driver.inspect(b, { ...policy, trustedKeyHashes: [other.keyHash, FACTORY_KEY_HASH] }).verdict],
    ).toBe('unknownKey');
    expect(VERDICT_CODES[driver.inspect(b, { ...policy, minSecurityCounter: 7 }).verdict]).toBe(
      'securityCounterTooLow',
    );
    expect(VERDICT_CODES[driver.inspect(b, { ...policy, target: 'mnist' }).verdict]).toBe('wrongTarget');
    expect(VERDICT_CODES[driver.inspect(b, { ...policy, payloadTypes: [PAYLOAD_TYPES.nnModelV1] }).verdict]).toBe(
      'unsupportedPayload',
    );
  });

  it('reports a flash read error at whichever read it happens', async () => {
    const b = await image();
    const { reads } = driver.inspect(b, policy);
    expect(reads).toBeGreaterThan(5);
    for (let n = 0; n < reads; n++)
      expect(VERDICT_CODES[driver.inspect(b, policy, n).verdict], `read ${n}`).toBe('flashReadError');
    expect(VERDICT_CODES[driver.inspect(b, policy, reads).verdict]).toBe('ok');
  });

  it('reads a large body in 128-byte chunks, within its bound', async () => {
    const big = await buildImage(
      {
        version: { major: 1, minor: 0, revision: 0, build: 0 },
        securityCounter: 1,
        target: 'mnist',
        payloadType: 1,
        body: new Uint8Array(60_000).fill(7),
      },
      signer,
    );
    const r = driver.inspect(big, { trustedKeyHashes: [signer.keyHash] });
    expect(VERDICT_CODES[r.verdict]).toBe('ok');
    expect(r.reads).toBeLessThanOrEqual(3 + 2 * MAX_TLVS_PER_AREA + 6 + Math.ceil(big.length / READER_CHUNK_BYTES));
    expect(r.readBytes).toBeLessThan(big.length + 200);
  });
});
