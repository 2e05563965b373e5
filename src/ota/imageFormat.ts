// The signed model image, modelled on MCUboot (boot/bootutil/include/bootutil/image.h, docs/design.md). This file is
// the one description of it: the TS writer and reader (image.ts) use these constants, and the C++ reader's header
// wasm/ota/include/ota/image_format.h is generated from them (imageFormatHeader.ts, npm run gen:contracts; a test
// fails when the committed header is stale). docs/ota.md has the same layout as tables. Little-endian throughout.
//
//   off                     size  what
//   0                       32    header (HEADER_FIELDS), ih_hdr_size bytes in all (>= 32; this writer: 32)
//   hdr_size                img   body: the payload, opaque to the container (img = ih_img_size)
//   hdr_size+img            prot  protected TLV area: info {0x6908, prot}, then TLVs (prot = ih_protect_tlv_size)
//   hdr_size+img+prot       tot   unprotected TLV area: info {0x6907, tot}, then TLVs
//
// The SHA-256 digest covers bytes [0, hdr_size + img + prot): header, body and the protected TLVs, as MCUboot
// hashes them; the ECDSA P-256 signature is over that digest. A TLV is {u16 type, u16 len, len bytes}.

export const IMAGE_MAGIC = 0x96f3b83d;
export const IMAGE_HEADER_SIZE = 32;
export const TLV_INFO_MAGIC = 0x6907;
export const TLV_PROT_INFO_MAGIC = 0x6908;
export const TLV_INFO_SIZE = 4;
export const TLV_HEADER_SIZE = 4;

/** Offset of each field of `struct image_header` (32 bytes). */
export const HEADER_FIELDS = {
  magic: 0, // u32 IMAGE_MAGIC
  loadAddr: 4, // u32 ih_load_addr: 0 (a model is data, read in place)
  hdrSize: 8, // u16 ih_hdr_size
  protectTlvSize: 10, // u16 ih_protect_tlv_size: protected TLV area including its 4-byte info
  imgSize: 12, // u32 ih_img_size: body bytes, header excluded
  flags: 16, // u32 ih_flags: no flag is defined for model images, so it must be 0
  verMajor: 20, // u8
  verMinor: 21, // u8
  verRevision: 22, // u16
  verBuild: 24, // u32
  pad1: 28, // u32 _pad1, 0
} as const;

/**
 * TLV types. KEYHASH, SHA256, ECDSA_SIG and SEC_CNT are MCUboot's. TARGET and PAYLOAD_TYPE are ours, from the range
 * MCUboot reserves for vendors (0x00a0–0x00ff, "vendor reserved TLVs at xxA0-xxFF" in image.h).
 */
export const TLV_TYPES = {
  keyHash: 0x01, // unprotected, 32 bytes: SHA-256 of the signing key's SubjectPublicKeyInfo (DER), as imgtool writes
  sha256: 0x10, // unprotected, 32 bytes: the digest
  ecdsaSig: 0x22, // unprotected, 8..72 bytes: ECDSA P-256 signature over the digest, ASN.1 DER as MCUboot
  secCnt: 0x50, // protected, u32: security counter (anti-rollback)
  target: 0xa0, // protected, 1..16 bytes of [a-z0-9_-]: the app the model is for
  payloadType: 0xa1, // protected, u16: what the body is (PAYLOAD_TYPES)
} as const;
export type TlvName = keyof typeof TLV_TYPES;
export const PROTECTED_TLVS: readonly TlvName[] = ['secCnt', 'target', 'payloadType'];
export const UNPROTECTED_TLVS: readonly TlvName[] = ['sha256', 'keyHash', 'ecdsaSig'];

export const DIGEST_BYTES = 32;
export const KEY_HASH_BYTES = 32;
export const SEC_CNT_BYTES = 4;
export const PAYLOAD_TYPE_BYTES = 2;
export const TARGET_MAX_BYTES = 16;
/** An ASN.1 DER ECDSA-Sig-Value for P-256: SEQUENCE of two INTEGERs of 1..33 bytes. */
export const SIGNATURE_DER_MIN_BYTES = 8;
export const SIGNATURE_DER_MAX_BYTES = 72;
export const SIGNATURE_RAW_BYTES = 64;
/** A TLV area may hold at most this many entries; more is malformed (bounds the reads a reader makes). */
export const MAX_TLVS_PER_AREA = 16;
/** Bytes one read of the C++ reader's digest pass asks for (a stack buffer). */
export const READER_CHUNK_BYTES = 128;

/** What the body is. */
export const PAYLOAD_TYPES = {
  /** The nn model package v1 (weights, quantization parameters, op graph, self-test vectors): the MNIST app. */
  nnModelV1: 1,
  /** The anomaly regression blob v1 of src/ml/anomaly/modelBlob.ts: the anomaly app. */
  anomalyBlobV1: 2,
} as const;
export type PayloadType = (typeof PAYLOAD_TYPES)[keyof typeof PAYLOAD_TYPES];

/**
 * LwM2M Object 5 (Firmware Update) resource 5, Update Result (OMA LwM2M Firmware Update object 5, version 1.1,
 * OMA-SUP-XML_5-V1_1-20201110-A). Initial value 0: nothing to report yet.
 */
export const LWM2M_UPDATE_RESULTS = {
  initial: 0,
  success: 1,
  notEnoughFlash: 2,
  outOfRam: 3,
  connectionLost: 4,
  integrityCheckFailure: 5,
  unsupportedPackageType: 6,
  invalidUri: 7,
  updateFailed: 8,
  unsupportedProtocol: 9,
  cancelled: 10,
} as const;
export type Lwm2mUpdateResult = keyof typeof LWM2M_UPDATE_RESULTS;

/**
 * The verdicts of a reader, in the order the checks run (docs/ota.md, "What a reader checks"), each with the
 * Update Result it means and a short description. The C++ reader returns the same codes (numbered in this order).
 */
export const VERDICTS = [
  ['ok', 'initial', 'image is well formed, its digest matches and its key is trusted'],
  ['truncated', 'integrityCheckFailure', 'image is shorter than its header and TLV areas say'],
  ['badMagic', 'integrityCheckFailure', 'not an image (bad header magic)'],
  ['badHeaderSize', 'integrityCheckFailure', 'header size below 32 bytes'],
  ['unsupportedFlags', 'unsupportedPackageType', 'header flags this device does not support'],
  ['badTlvMagic', 'integrityCheckFailure', 'TLV area info has the wrong magic'],
  ['tlvMalformed', 'integrityCheckFailure', 'TLV area malformed'],
  ['tlvDuplicate', 'integrityCheckFailure', 'a TLV appears twice'],
  ['tlvMissing', 'integrityCheckFailure', 'a required TLV is missing'],
  ['signatureMalformed', 'integrityCheckFailure', 'signature is not a DER ECDSA P-256 signature'],
  ['digestMismatch', 'integrityCheckFailure', 'SHA-256 digest does not match the image'],
  ['unknownKey', 'integrityCheckFailure', 'image is signed by a key this device does not trust'],
  ['wrongTarget', 'unsupportedPackageType', 'image is for another app'],
  ['unsupportedPayload', 'unsupportedPackageType', 'payload type this app does not accept'],
  ['securityCounterTooLow', 'updateFailed', "security counter below the device's (rollback refused)"],
  ['signatureInvalid', 'integrityCheckFailure', 'signature does not verify with the signing key'],
  ['flashReadError', 'updateFailed', 'image could not be read from flash'],
] as const satisfies readonly (readonly [string, Lwm2mUpdateResult, string])[];
export type VerdictCode = (typeof VERDICTS)[number][0];
export const VERDICT_CODES: readonly VerdictCode[] = VERDICTS.map((v) => v[0]);
export const verdictNumber = (code: VerdictCode): number => VERDICT_CODES.indexOf(code);
export const updateResultOf = (code: VerdictCode): Lwm2mUpdateResult => VERDICTS[verdictNumber(code)][1];
export const verdictDescription = (code: VerdictCode): string => VERDICTS[verdictNumber(code)][2];

/** Characters a target name may use. */
export const TARGET_PATTERN = /^[a-z0-9_-]{1,16}$/;
