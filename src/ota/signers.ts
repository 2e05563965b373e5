// Who signs an image: a P-256 key behind one interface, held by WebCrypto (non-extractable, where the page is a
// secure context) or by @noble/curves (where crypto.subtle does not exist: a page served over plain http on a LAN).
// Both sign SHA-256(message) and give DER, so either's signatures verify with the other and on the device.
import { p256 } from '@noble/curves/nist.js';
import { rawToDer } from './der';
import { publicKeyHash } from './keys';

export interface Signer {
  /** SEC1 uncompressed point, 65 bytes. */
  readonly publicKey: Uint8Array;
  /** MCUboot KEYHASH of the public key (keys.ts publicKeyHash). */
  readonly keyHash: Uint8Array;
  /** ECDSA P-256 signature over SHA-256(message), ASN.1 DER. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A new key pair whose private key WebCrypto will never export. */
export function generateWebCryptoKeyPair(subtle: SubtleCrypto): Promise<CryptoKeyPair> {
  return subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
}

export async function webCryptoSigner(keys: CryptoKeyPair, subtle: SubtleCrypto): Promise<Signer> {
  // The public half of a generated pair is always extractable, whatever the private half's setting.
  const publicKey = new Uint8Array(await subtle.exportKey('raw', keys.publicKey));
  return {
    publicKey,
    keyHash: publicKeyHash(publicKey),
    // WebCrypto gives the raw r‖s form (IEEE P1363); images carry DER.
    sign: async (message) =>
      rawToDer(new Uint8Array(await subtle.sign(ECDSA_SHA256, keys.privateKey, message as Uint8Array<ArrayBuffer>))),
  };
}

export const generateNobleSecretKey = (): Uint8Array => p256.utils.randomSecretKey();

export function nobleSigner(secretKey: Uint8Array): Signer {
  const publicKey = p256.getPublicKey(secretKey, false);
  return {
    publicKey,
    keyHash: publicKeyHash(publicKey),
    // RFC 6979 deterministic nonces: the same key and image always give the same bytes (reproducible builds).
    sign: (message) => Promise.resolve(p256.sign(message, secretKey, { prehash: true, format: 'der' })),
  };
}
