// ECDSA P-256 signatures in the two encodings the chain uses: ASN.1 DER (an MCUboot image's ECDSA_SIG TLV, what
// imgtool writes) and raw r‖s, 64 bytes (what WebCrypto produces and the secure element's Verify command takes).
// The C++ reader's parser (wasm/ota/src/der.cc) follows the same strict rules, so both accept the same bytes.
import { SIGNATURE_DER_MAX_BYTES, SIGNATURE_DER_MIN_BYTES, SIGNATURE_RAW_BYTES } from './imageFormat';

const HALF = SIGNATURE_RAW_BYTES / 2;

/**
 * Raw r‖s of a DER ECDSA-Sig-Value, or undefined when the bytes are not one: SEQUENCE (short length) of exactly two
 * INTEGERs, each minimally encoded, positive, non-zero and at most 32 bytes of value, and nothing after them.
 */
export function derToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der.length < SIGNATURE_DER_MIN_BYTES || der.length > SIGNATURE_DER_MAX_BYTES) return undefined;
  if (der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(SIGNATURE_RAW_BYTES);
  let off = 2;
  for (let part = 0; part < 2; part++) {
    if (off + 2 > der.length || der[off] !== 0x02) return undefined;
    const len = der[off + 1];
    off += 2;
    if (len < 1 || len > HALF + 1 || off + len > der.length) return undefined;
    const value = der.subarray(off, off + len);
    if (value[0] & 0x80) return undefined; // negative
    if (len > 1 && value[0] === 0 && !(value[1] & 0x80)) return undefined; // non-minimal leading zero
    const digits = value[0] === 0 ? value.subarray(1) : value;
    if (digits.length > HALF || digits.every((b) => b === 0)) return undefined;
    raw.set(digits, part * HALF + HALF - digits.length);
    off += len;
  }
  return off === der.length ? raw : undefined;
}

/** DER of raw r‖s (64 bytes). */
export function rawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== SIGNATURE_RAW_BYTES)
    throw new Error(`rawToDer: expected ${SIGNATURE_RAW_BYTES} bytes, got ${raw.length}`);
  const integer = (half: Uint8Array) => {
    let i = 0;
    while (i < half.length - 1 && half[i] === 0) i++;
    const digits = half.subarray(i);
    return digits[0] & 0x80 ? [0x02, digits.length + 1, 0, ...digits] : [0x02, digits.length, ...digits];
  };
  const body = [...integer(raw.subarray(0, HALF)), ...integer(raw.subarray(HALF))];
  return Uint8Array.from([0x30, body.length, ...body]);
}
