// The signed model image container (docs/ota.md): its format, writer, reader, signers and signature encodings.
export {
  PAYLOAD_TYPES,
  LWM2M_UPDATE_RESULTS,
  VERDICTS,
  VERDICT_CODES,
  updateResultOf,
  verdictDescription,
  verdictNumber,
  type Lwm2mUpdateResult,
  type PayloadType,
  type VerdictCode,
} from './imageFormat';
export {
  buildImage,
  inspectImage,
  verifyImageSignature,
  versionText,
  type ImageInfo,
  type ImageSpec,
  type ImageVerdict,
  type ImageVersion,
  type InspectPolicy,
} from './image';
export { derToRaw, rawToDer } from './der';
export { publicKeyHash, publicKeySpki, toHex, fromHex } from './keys';
export { generateNobleSecretKey, generateWebCryptoKeyPair, nobleSigner, webCryptoSigner, type Signer } from './signers';
export { FACTORY_KEY_HASH, FACTORY_PUBLIC_KEY } from './factoryKey';
