// P-256 public keys: SEC1 uncompressed points (65 bytes, 0x04‖X‖Y) and the key hash an image names its signer by.
import { sha256 } from '@noble/hashes/sha2.js';

export const PUBLIC_KEY_BYTES = 65;

/** DER SubjectPublicKeyInfo prefix for an id-ecPublicKey on prime256v1 (RFC 5480), followed by the 65-byte point. */
const SPKI_P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);

/** The SubjectPublicKeyInfo DER of a P-256 public key (what WebCrypto exports as 'spki'). */
export function publicKeySpki(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== PUBLIC_KEY_BYTES || publicKey[0] !== 0x04)
    throw new Error(`expected an uncompressed P-256 point (65 bytes, 0x04 first), got ${publicKey.length} bytes`);
  const out = new Uint8Array(SPKI_P256_PREFIX.length + PUBLIC_KEY_BYTES);
  out.set(SPKI_P256_PREFIX);
  out.set(publicKey, SPKI_P256_PREFIX.length);
  return out;
}

/** MCUboot's KEYHASH: SHA-256 of the public key as imgtool encodes it, the SubjectPublicKeyInfo DER. */
export function publicKeyHash(publicKey: Uint8Array): Uint8Array {
  return sha256(publicKeySpki(publicKey));
}

export const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`not a hex string: ${hex.slice(0, 20)}`);
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
