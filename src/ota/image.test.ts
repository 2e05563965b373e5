import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { factorySigner } from '../../scripts/factorySigner';
import { FACTORY_KEY_HASH, FACTORY_PUBLIC_KEY } from './factoryKey';
import { buildImage, inspectImage, verifyImageSignature, type ImageInfo, type ImageSpec } from './image';
import { PAYLOAD_TYPES, TLV_TYPES } from './imageFormat';
import { publicKeyHash, publicKeySpki, toHex } from './keys';
import { generateNobleSecretKey, generateWebCryptoKeyPair, nobleSigner, webCryptoSigner, type Signer } from './signers';

const subtle = globalThis.crypto.subtle;
const spec: ImageSpec = {
  version: { major: 1, minor: 2, revision: 3, build: 4567 },
  securityCounter: 7,
  target: 'mnist',
  payloadType: PAYLOAD_TYPES.nnModelV1,
  body: Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff),
};

const signers: [string, () => Promise<Signer>][] = [
  ['WebCrypto', async () => webCryptoSigner(await generateWebCryptoKeyPair(subtle), subtle)],
  ['@noble/curves', () => Promise.resolve(nobleSigner(generateNobleSecretKey()))],
];

function okInfo(bytes: Uint8Array, signer: Signer, policy = {}): ImageInfo {
  const v = inspectImage(bytes, { trustedKeyHashes: [signer.keyHash], ...policy });
  if (!v.ok) throw new Error(`${v.code}: ${v.message}`);
  return v.info;
}

describe.each(signers)('an image signed with %s', (_, makeSigner) => {
  it('round-trips: build, inspect, verify', async () => {
    const signer = await makeSigner();
    const image = await buildImage(spec, signer);
    const info = okInfo(image, signer, { target: 'mnist', minSecurityCounter: 7 });
    expect(info).toMatchObject({
      version: spec.version,
      securityCounter: 7,
      target: 'mnist',
      payloadType: 1,
      headerSize: 32,
      bodyOffset: 32,
      bodySize: 300,
      imageSize: image.length,
    });
    expect(info.body).toEqual(spec.body);
    expect(info.digest).toEqual(sha256(image.subarray(0, info.hashedSize)));
    expect(info.keyHash).toEqual(signer.keyHash);
    expect(verifyImageSignature(info, signer.publicKey)).toBe(true);
  });

  it('is refused when a body byte is flipped (digest mismatch), and its signature no longer verifies', async () => {
    const signer = await makeSigner();
    const image = await buildImage(spec, signer);
    const tampered = image.slice();
    tampered[32 + 150] ^= 0x01;
    const v = inspectImage(tampered, { trustedKeyHashes: [signer.keyHash] });
    expect(v).toMatchObject({ ok: false, code: 'digestMismatch', updateResult: 'integrityCheckFailure' });
    const info = okInfo(image, signer);
    expect(
      verifyImageSignature({ ...info, digest: sha256(tampered.subarray(0, info.hashedSize)) }, signer.publicKey),
    ).toBe(false);
  });

  it('is refused by a device that trusts other keys (unknown key), and does not verify with another key', async () => {
    const signer = await makeSigner();
    const other = nobleSigner(generateNobleSecretKey());
    const image = await buildImage(spec, signer);
    expect(inspectImage(image, { trustedKeyHashes: [other.keyHash, FACTORY_KEY_HASH] })).toMatchObject({
      ok: false,
      code: 'unknownKey',
      updateResult: 'integrityCheckFailure',
    });
    expect(verifyImageSignature(okInfo(image, signer), other.publicKey)).toBe(false);
  });

  it('is refused when its security counter is below the device’s (rollback)', async () => {
    const signer = await makeSigner();
    const image = await buildImage(spec, signer);
    expect(inspectImage(image, { trustedKeyHashes: [signer.keyHash], minSecurityCounter: 8 })).toMatchObject({
      ok: false,
      code: 'securityCounterTooLow',
      message: "security counter 7 is below the device's 8",
      updateResult: 'updateFailed',
    });
  });
});

describe('signers', () => {
  it('WebCrypto keeps the private key non-extractable', async () => {
    const keys = await generateWebCryptoKeyPair(subtle);
    expect(keys.privateKey.extractable).toBe(false);
    await expect(subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
  });

  it('signatures of either verify with the other', async () => {
    const keys = await generateWebCryptoKeyPair(subtle);
    const web = await webCryptoSigner(keys, subtle);
    const secret = generateNobleSecretKey();
    const noble = nobleSigner(secret);
    const message = new TextEncoder().encode('the hashed part of an image');
    const digest = sha256(message);
    // WebCrypto's signature, checked by noble over the digest (as the device checks it).
    const webSig = p256.Signature.fromBytes(await web.sign(message), 'der').toBytes('compact');
    expect(p256.verify(webSig, digest, web.publicKey, { prehash: false, lowS: false })).toBe(true);
    // noble's signature, checked by WebCrypto over the message.
    const nobleSig = p256.Signature.fromBytes(await noble.sign(message), 'der').toBytes('compact');
    const nobleKey = await subtle.importKey(
      'raw',
      noble.publicKey as Uint8Array<ArrayBuffer>,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    expect(
      await subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        nobleKey,
        nobleSig as Uint8Array<ArrayBuffer>,
        message as Uint8Array<ArrayBuffer>,
      ),
    ).toBe(true);
  });

  it('hashes the key as MCUboot imgtool does: SHA-256 of the SubjectPublicKeyInfo WebCrypto exports', async () => {
    const keys = await generateWebCryptoKeyPair(subtle);
    const web = await webCryptoSigner(keys, subtle);
    const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
    expect(publicKeySpki(web.publicKey)).toEqual(spki);
    expect(web.keyHash).toEqual(sha256(spki));
  });

  it('the factory signer (keys/factory-ec-p256.pem) is the committed factory public key, and signs deterministically', async () => {
    const factory = factorySigner();
    expect(toHex(factory.publicKey)).toBe(toHex(FACTORY_PUBLIC_KEY));
    expect(factory.keyHash).toEqual(publicKeyHash(FACTORY_PUBLIC_KEY));
    const a = await buildImage(spec, factory);
    expect(await buildImage(spec, factory)).toEqual(a);
    expect(verifyImageSignature(okInfo(a, factory), FACTORY_PUBLIC_KEY)).toBe(true);
  });
});

describe('the reader', () => {
  const signer = nobleSigner(p256.utils.randomSecretKey());
  const build = (s: Partial<ImageSpec> = {}) => buildImage({ ...spec, ...s }, signer);
  const inspect = (b: Uint8Array, policy = {}) => inspectImage(b, { trustedKeyHashes: [signer.keyHash], ...policy });

  it('lays the image out as MCUboot does', async () => {
    const image = await build();
    const dv = new DataView(image.buffer);
    expect(dv.getUint32(0, true)).toBe(0x96f3b83d);
    expect(dv.getUint16(8, true)).toBe(32);
    const protSize = dv.getUint16(10, true);
    expect(protSize).toBe(4 + 8 + 4 + 5 + 6);
    expect(dv.getUint32(12, true)).toBe(300);
    expect([image[20], image[21], dv.getUint16(22, true), dv.getUint32(24, true)]).toEqual([1, 2, 3, 4567]);
    expect(dv.getUint16(332, true)).toBe(0x6908);
    expect(dv.getUint16(334, true)).toBe(protSize);
    expect(dv.getUint16(336, true)).toBe(TLV_TYPES.secCnt);
    expect(dv.getUint32(340, true)).toBe(7);
    const u = 332 + protSize;
    expect(dv.getUint16(u, true)).toBe(0x6907);
    expect(u + dv.getUint16(u + 2, true)).toBe(image.length);
    expect(dv.getUint16(u + 4, true)).toBe(TLV_TYPES.sha256);
    expect(image.subarray(u + 8, u + 40)).toEqual(sha256(image.subarray(0, u)));
  });

  it('refuses an image for another app or with a payload type the app does not accept', async () => {
    const anomaly = await build({ target: 'anomaly', payloadType: PAYLOAD_TYPES.anomalyBlobV1 });
    expect(inspect(anomaly, { target: 'mnist' })).toMatchObject({ ok: false, code: 'wrongTarget' });
    expect(inspect(anomaly, { payloadTypes: [PAYLOAD_TYPES.nnModelV1] })).toMatchObject({
      ok: false,
      code: 'unsupportedPayload',
      updateResult: 'unsupportedPackageType',
    });
    expect(inspect(anomaly, { target: 'anomaly', payloadTypes: [2] })).toMatchObject({ ok: true });
  });

  it('ignores bytes after the image (erased flash of a slot) and names each structural fault', async () => {
    const image = await build();
    const padded = new Uint8Array(image.length + 100).fill(0xff);
    padded.set(image);
    expect(inspect(padded)).toMatchObject({ ok: true, info: { imageSize: image.length } });
    expect(inspect(image.subarray(0, 31))).toMatchObject({ code: 'truncated' });
    expect(inspect(image.subarray(0, image.length - 1))).toMatchObject({ code: 'truncated' });
    const poke = (off: number, value: number) => {
      const b = image.slice();
      b[off] = value;
      return inspect(b);
    };
    expect(poke(0, 0)).toMatchObject({ code: 'badMagic', message: 'header magic is 0x96f3b800, not 0x96f3b83d' });
    expect(poke(8, 31)).toMatchObject({ code: 'badHeaderSize' });
    expect(poke(16, 4)).toMatchObject({ code: 'unsupportedFlags', updateResult: 'unsupportedPackageType' });
    expect(poke(332, 0)).toMatchObject({ code: 'badTlvMagic' });
    expect(poke(334, 30)).toMatchObject({ code: 'tlvMalformed' });
    expect(poke(336, 0x10)).toMatchObject({ code: 'tlvMalformed', message: expect.stringMatching(/does not belong/) });
    expect(poke(336, 0x77)).toMatchObject({ code: 'tlvMissing', message: 'no secCnt TLV' });
    expect(poke(338, 5)).toMatchObject({ code: 'tlvMalformed', message: 'TLV secCnt has 5 bytes, expected 4' });
    expect(poke(344, TLV_TYPES.secCnt)).toMatchObject({ code: 'tlvDuplicate' });
    expect(poke(10, 0)).toMatchObject({ code: 'tlvMissing' });
    expect(poke(33, 0)).toMatchObject({ code: 'digestMismatch' });
  });

  it('refuses a TLV area with more than 16 entries', async () => {
    const image = await build();
    const protSize = new DataView(image.buffer).getUint16(10, true);
    const u = 332 + protSize;
    const extra = new Uint8Array(4 * 14); // 14 empty unknown TLVs (type 0) after the 3 real ones
    const b = new Uint8Array(image.length + extra.length);
    b.set(image);
    b.set(extra, image.length);
    new DataView(b.buffer).setUint16(u + 2, image.length - u + extra.length, true);
    expect(inspect(b)).toMatchObject({ code: 'tlvMalformed', message: expect.stringMatching(/more than 16/) });
    new DataView(b.buffer).setUint16(u + 2, image.length - u + extra.length - 4, true);
    expect(inspect(b)).toMatchObject({ ok: true }); // 16 entries: unknown TLVs are skipped
  });

  it('refuses bad specs', async () => {
    await expect(build({ target: 'MNIST' })).rejects.toThrow(/target must be/);
    await expect(build({ securityCounter: -1 })).rejects.toThrow(/security counter/);
    await expect(build({ version: { major: 256, minor: 0, revision: 0, build: 0 } })).rejects.toThrow(/version/);
    await expect(build({ payloadType: 9 as 1 })).rejects.toThrow(/payload type 9/);
  });
});
