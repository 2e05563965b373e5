// Writes and reads signed model images (layout: imageFormat.ts, docs/ota.md). inspectImage checks structure, digest
// and key hash in the order docs/ota.md gives, the order wasm/ota/src/image.cc follows, so both return the same
// verdict for the same bytes. The signature itself is checked apart (verifyImageSignature here, the secure element
// on the device).
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { derToRaw } from './der';
import {
  DIGEST_BYTES,
  HEADER_FIELDS as H,
  IMAGE_HEADER_SIZE,
  IMAGE_MAGIC,
  KEY_HASH_BYTES,
  MAX_TLVS_PER_AREA,
  PAYLOAD_TYPE_BYTES,
  PAYLOAD_TYPES,
  PROTECTED_TLVS,
  SEC_CNT_BYTES,
  SIGNATURE_DER_MAX_BYTES,
  SIGNATURE_DER_MIN_BYTES,
  TARGET_MAX_BYTES,
  TARGET_PATTERN,
  TLV_HEADER_SIZE,
  TLV_INFO_MAGIC,
  TLV_INFO_SIZE,
  TLV_PROT_INFO_MAGIC,
  TLV_TYPES,
  UNPROTECTED_TLVS,
  updateResultOf,
  type Lwm2mUpdateResult,
  type PayloadType,
  type TlvName,
  type VerdictCode,
} from './imageFormat';
import { bytesEqual, publicKeyHash, toHex } from './keys';
import type { Signer } from './signers';

export interface ImageVersion {
  major: number;
  minor: number;
  revision: number;
  build: number;
}

export interface ImageSpec {
  version: ImageVersion;
  securityCounter: number;
  target: string;
  payloadType: PayloadType;
  body: Uint8Array;
}

export interface ImageInfo {
  version: ImageVersion;
  securityCounter: number;
  target: string;
  payloadType: PayloadType;
  headerSize: number;
  bodyOffset: number;
  bodySize: number;
  /** Bytes the digest covers: header, body and protected TLVs. */
  hashedSize: number;
  /** Bytes of the whole image, unprotected TLVs included (anything after them is not part of it). */
  imageSize: number;
  digest: Uint8Array;
  keyHash: Uint8Array;
  /** As stored: DER. */
  signature: Uint8Array;
  /** r‖s, 64 bytes: what the secure element's Verify command takes. */
  signatureRaw: Uint8Array;
  body: Uint8Array;
}

export type ImageVerdict =
  | { ok: true; info: ImageInfo }
  | { ok: false; code: Exclude<VerdictCode, 'ok'>; message: string; updateResult: Lwm2mUpdateResult };

/** A version as MCUboot's imgtool writes it: major.minor.revision+build. */
export const versionText = (v: ImageVersion) => `${v.major}.${v.minor}.${v.revision}+${v.build}`;

export interface InspectPolicy {
  /** KEYHASHes of the keys this device trusts (publicKeyHash). */
  trustedKeyHashes: readonly Uint8Array[];
  /** The device's security counter: an image with a lower one is refused. */
  minSecurityCounter?: number;
  /** The app asking; an image for another target is refused. */
  target?: string;
  /** Payload types the app accepts (default: every known type). */
  payloadTypes?: readonly PayloadType[];
}

const KNOWN_PAYLOADS: readonly number[] = Object.values(PAYLOAD_TYPES);
const isU32 = (x: number) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
const isUint = (x: number, bits: number) => Number.isInteger(x) && x >= 0 && x < 2 ** bits;

function checkSpec(s: ImageSpec): string | undefined {
  const v = s.version;
  if (!isUint(v.major, 8) || !isUint(v.minor, 8) || !isUint(v.revision, 16) || !isU32(v.build))
    return `version ${v.major}.${v.minor}.${v.revision}+${v.build} does not fit u8.u8.u16+u32`;
  if (!isU32(s.securityCounter)) return `security counter must be a u32, got ${s.securityCounter}`;
  if (!TARGET_PATTERN.test(s.target)) return `target must be 1..${TARGET_MAX_BYTES} of [a-z0-9_-], got "${s.target}"`;
  if (!KNOWN_PAYLOADS.includes(s.payloadType)) return `unknown payload type ${s.payloadType}`;
  if (s.body.length > 0xffffffff) return `body of ${s.body.length} bytes does not fit ih_img_size (u32)`;
  return undefined;
}

/** The TLV area: info {magic, total bytes}, then {u16 type, u16 len, value} per entry. */
function tlvArea(magic: number, entries: readonly [TlvName, Uint8Array][]): Uint8Array {
  const size = TLV_INFO_SIZE + entries.reduce((n, [, v]) => n + TLV_HEADER_SIZE + v.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, magic, true);
  dv.setUint16(2, size, true);
  let off = TLV_INFO_SIZE;
  for (const [name, value] of entries) {
    dv.setUint16(off, TLV_TYPES[name], true);
    dv.setUint16(off + 2, value.length, true);
    out.set(value, off + TLV_HEADER_SIZE);
    off += TLV_HEADER_SIZE + value.length;
  }
  return out;
}

function littleEndian(x: number, bytes: 2 | 4): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (x >>> (8 * i)) & 0xff;
  return out;
}

/** A signed image of `spec.body`. */
export async function buildImage(spec: ImageSpec, signer: Signer): Promise<Uint8Array> {
  const problem = checkSpec(spec);
  if (problem) throw new Error(`buildImage: ${problem}`);
  const prot = tlvArea(TLV_PROT_INFO_MAGIC, [
    ['secCnt', littleEndian(spec.securityCounter, 4)],
    ['target', new TextEncoder().encode(spec.target)],
    ['payloadType', littleEndian(spec.payloadType, 2)],
  ]);
  const hashed = new Uint8Array(IMAGE_HEADER_SIZE + spec.body.length + prot.length);
  const dv = new DataView(hashed.buffer);
  dv.setUint32(H.magic, IMAGE_MAGIC, true);
  dv.setUint16(H.hdrSize, IMAGE_HEADER_SIZE, true);
  dv.setUint16(H.protectTlvSize, prot.length, true);
  dv.setUint32(H.imgSize, spec.body.length, true);
  hashed[H.verMajor] = spec.version.major;
  hashed[H.verMinor] = spec.version.minor;
  dv.setUint16(H.verRevision, spec.version.revision, true);
  dv.setUint32(H.verBuild, spec.version.build, true);
  hashed.set(spec.body, IMAGE_HEADER_SIZE);
  hashed.set(prot, IMAGE_HEADER_SIZE + spec.body.length);
  const signature = await signer.sign(hashed);
  const unprot = tlvArea(TLV_INFO_MAGIC, [
    ['sha256', sha256(hashed)],
    ['keyHash', signer.keyHash],
    ['ecdsaSig', signature],
  ]);
  const image = new Uint8Array(hashed.length + unprot.length);
  image.set(hashed);
  image.set(unprot, hashed.length);
  return image;
}

/** Allowed value lengths of each TLV the reader knows. */
const TLV_LENGTHS: Record<TlvName, [number, number]> = {
  keyHash: [KEY_HASH_BYTES, KEY_HASH_BYTES],
  sha256: [DIGEST_BYTES, DIGEST_BYTES],
  ecdsaSig: [SIGNATURE_DER_MIN_BYTES, SIGNATURE_DER_MAX_BYTES],
  secCnt: [SEC_CNT_BYTES, SEC_CNT_BYTES],
  target: [1, TARGET_MAX_BYTES],
  payloadType: [PAYLOAD_TYPE_BYTES, PAYLOAD_TYPE_BYTES],
};
const TLV_BY_TYPE = new Map<number, TlvName>(Object.entries(TLV_TYPES).map(([n, t]) => [t, n as TlvName]));
const hex4 = (x: number) => `0x${x.toString(16).padStart(4, '0')}`;

class Refused extends Error {
  constructor(
    readonly code: Exclude<VerdictCode, 'ok'>,
    message: string,
  ) {
    super(message);
  }
}
function refuse(code: Exclude<VerdictCode, 'ok'>, message: string): never {
  throw new Refused(code, message);
}

/** Walks one TLV area [start, end), collecting the values of the known TLVs that belong in it. */
function walkTlvs(
  bytes: Uint8Array,
  start: number,
  end: number,
  area: readonly TlvName[],
  areaName: string,
  found: Partial<Record<TlvName, Uint8Array>>,
): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let off = start; off < end; count++) {
    if (count === MAX_TLVS_PER_AREA)
      refuse('tlvMalformed', `${areaName} TLV area has more than ${MAX_TLVS_PER_AREA} entries`);
    if (off + TLV_HEADER_SIZE > end)
      refuse('tlvMalformed', `${areaName} TLV header at ${off} runs past the area end ${end}`);
    const type = dv.getUint16(off, true);
    const len = dv.getUint16(off + 2, true);
    const valueEnd = off + TLV_HEADER_SIZE + len;
    if (valueEnd > end)
      refuse('tlvMalformed', `${areaName} TLV ${hex4(type)} at ${off} (${len} bytes) runs past the area end ${end}`);
    const name = TLV_BY_TYPE.get(type);
    if (name) {
      if (!area.includes(name))
        refuse('tlvMalformed', `TLV ${name} (${hex4(type)}) at ${off} does not belong in the ${areaName} area`);
      if (found[name]) refuse('tlvDuplicate', `TLV ${name} (${hex4(type)}) appears twice (again at ${off})`);
      const [min, max] = TLV_LENGTHS[name];
      if (len < min || len > max)
        refuse('tlvMalformed', `TLV ${name} has ${len} bytes, expected ${min === max ? min : `${min}..${max}`}`);
      found[name] = bytes.subarray(off + TLV_HEADER_SIZE, valueEnd);
    }
    off = valueEnd;
  }
}

function readImage(bytes: Uint8Array, policy: InspectPolicy): ImageInfo {
  const avail = bytes.length;
  if (avail < IMAGE_HEADER_SIZE)
    refuse('truncated', `${avail} bytes, shorter than the ${IMAGE_HEADER_SIZE}-byte header`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = dv.getUint32(H.magic, true);
  if (magic !== IMAGE_MAGIC)
    refuse('badMagic', `header magic is 0x${magic.toString(16).padStart(8, '0')}, not 0x96f3b83d`);
  const hdrSize = dv.getUint16(H.hdrSize, true);
  if (hdrSize < IMAGE_HEADER_SIZE) refuse('badHeaderSize', `header size ${hdrSize} is below ${IMAGE_HEADER_SIZE}`);
  const flags = dv.getUint32(H.flags, true);
  if (flags !== 0) refuse('unsupportedFlags', `header flags 0x${flags.toString(16)}: model images define none`);
  const protSize = dv.getUint16(H.protectTlvSize, true);
  const bodySize = dv.getUint32(H.imgSize, true);
  if (protSize === 0) refuse('tlvMissing', 'no protected TLV area (security counter, target, payload type)');
  const protStart = hdrSize + bodySize;
  if (protStart + TLV_INFO_SIZE > avail)
    refuse('truncated', `${avail} bytes; the body ends at ${protStart} and the protected TLV info needs 4 more`);
  const protMagic = dv.getUint16(protStart, true);
  if (protMagic !== TLV_PROT_INFO_MAGIC)
    refuse('badTlvMagic', `protected TLV info magic at ${protStart} is ${hex4(protMagic)}, not 0x6908`);
  const protTot = dv.getUint16(protStart + 2, true);
  if (protSize < TLV_INFO_SIZE || protTot !== protSize)
    refuse('tlvMalformed', `protected TLV area: header says ${protSize} bytes, its info ${protTot}`);
  const unprotStart = protStart + protSize;
  if (unprotStart + TLV_INFO_SIZE > avail)
    refuse('truncated', `${avail} bytes; the protected TLVs end at ${unprotStart} and the TLV info needs 4 more`);
  const unprotMagic = dv.getUint16(unprotStart, true);
  if (unprotMagic !== TLV_INFO_MAGIC)
    refuse('badTlvMagic', `TLV info magic at ${unprotStart} is ${hex4(unprotMagic)}, not 0x6907`);
  const unprotTot = dv.getUint16(unprotStart + 2, true);
  if (unprotTot < TLV_INFO_SIZE) refuse('tlvMalformed', `TLV area size ${unprotTot} is below its 4-byte info`);
  const end = unprotStart + unprotTot;
  if (end > avail) refuse('truncated', `${avail} bytes; the TLV area ends at ${end}`);

  const found: Partial<Record<TlvName, Uint8Array>> = {};
  walkTlvs(bytes, protStart + TLV_INFO_SIZE, unprotStart, PROTECTED_TLVS, 'protected', found);
  walkTlvs(bytes, unprotStart + TLV_INFO_SIZE, end, UNPROTECTED_TLVS, 'unprotected', found);
  for (const name of [...PROTECTED_TLVS, ...UNPROTECTED_TLVS]) if (!found[name]) refuse('tlvMissing', `no ${name} TLV`);
  const v = found as Record<TlvName, Uint8Array>;
  const target = String.fromCharCode(...v.target);
  if (!TARGET_PATTERN.test(target)) refuse('tlvMalformed', 'target TLV holds characters other than [a-z0-9_-]');
  const signatureRaw = derToRaw(v.ecdsaSig);
  if (!signatureRaw)
    refuse('signatureMalformed', `ECDSA_SIG TLV (${v.ecdsaSig.length} bytes) is not a DER P-256 signature`);

  const digest = sha256(bytes.subarray(0, unprotStart));
  if (!bytesEqual(digest, v.sha256))
    refuse(
      'digestMismatch',
      `SHA-256 of the first ${unprotStart} bytes is ${toHex(digest).slice(0, 16)}…, the image says ${toHex(v.sha256).slice(0, 16)}…`,
    );
  if (!policy.trustedKeyHashes.some((k) => bytesEqual(k, v.keyHash)))
    refuse('unknownKey', `signed by key ${toHex(v.keyHash).slice(0, 16)}…, which this device does not trust`);
  if (policy.target !== undefined && target !== policy.target)
    refuse('wrongTarget', `image is for "${target}", this is "${policy.target}"`);
  const payloadType = v.payloadType[0] | (v.payloadType[1] << 8);
  if (!(policy.payloadTypes ?? KNOWN_PAYLOADS).includes(payloadType))
    refuse('unsupportedPayload', `payload type ${payloadType} is not one this app accepts`);
  const securityCounter = new DataView(v.secCnt.buffer, v.secCnt.byteOffset, 4).getUint32(0, true);
  const min = policy.minSecurityCounter ?? 0;
  if (securityCounter < min)
    refuse('securityCounterTooLow', `security counter ${securityCounter} is below the device's ${min}`);
  return {
    version: {
      major: bytes[H.verMajor],
      minor: bytes[H.verMinor],
      revision: dv.getUint16(H.verRevision, true),
      build: dv.getUint32(H.verBuild, true),
    },
    securityCounter,
    target,
    payloadType: payloadType as PayloadType,
    headerSize: hdrSize,
    bodyOffset: hdrSize,
    bodySize,
    hashedSize: unprotStart,
    imageSize: end,
    digest,
    keyHash: v.keyHash.slice(),
    signature: v.ecdsaSig.slice(),
    signatureRaw,
    body: bytes.subarray(hdrSize, hdrSize + bodySize),
  };
}

/** Structure, digest, key hash and policy of an image; bytes after the image's end are ignored (slot padding). */
export function inspectImage(bytes: Uint8Array, policy: InspectPolicy): ImageVerdict {
  try {
    return { ok: true, info: readImage(bytes, policy) };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { ok: false, code: e.code, message: e.message, updateResult: updateResultOf(e.code) };
  }
}

/** Whether the image's signature verifies with `publicKey`, the key its KEYHASH names. */
export function verifyImageSignature(info: ImageInfo, publicKey: Uint8Array): boolean {
  if (!bytesEqual(publicKeyHash(publicKey), info.keyHash)) return false;
  try {
    return p256.verify(info.signatureRaw, info.digest, publicKey, { prehash: false, lowS: false });
  } catch {
    return false;
  }
}
