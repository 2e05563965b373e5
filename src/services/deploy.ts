// The page as the board's update server (docs/ota.md): Deploy signs a trained model as an image with this
// profile's key and offers it over the board's update link; the device's agent downloads, checks and installs it
// (or refuses it) and reports back. The server keeps the images it offered, the factory image included, so Roll
// back can offer the previous one again; Cancel withdraws the offer.
import { retrainedModel, type RetrainResult } from '../ml/anomaly/retrain';
import { anomalyImage } from '../ml/deploy/anomalyImage';
import { mnistImage } from '../ml/deploy/mnistImage';
import { runnerImage } from '../ml/deploy/runnerImage';
import type { Int8MlpArtefact } from '../ml/mlp/int8Mlp';
import { type ImageVersion, type Signer, versionText } from '../ota';
import { useStore } from '../state/store';
import { downloadFile } from './download';
import { ownerKey, ownerKeyProblem } from './ownerKey';
import { firmware } from './session';

/** Every image deployed in this demo uses the factory image's security counter: none replaces a security fix. */
const SECURITY_COUNTER = 1;
const SELF_TEST_VECTORS = 4;

/** The images this page offered, by version (a new board: only its factory image). */
const served = new Map<string, Uint8Array>();
let servedFor: Uint8Array | undefined;

/** The version in an image's header (MCUboot's ih_ver at offset 20). */
const headerVersion = (image: Uint8Array): string => {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  return versionText({
    major: image[20]!,
    minor: image[21]!,
    revision: view.getUint16(22, true),
    build: view.getUint32(24, true),
  });
};

/** The server's images for the board on screen, starting from its factory image when the board is new. */
function images(): Map<string, Uint8Array> {
  if (servedFor !== firmware.factoryImage) {
    served.clear();
    servedFor = firmware.factoryImage;
    if (servedFor) served.set(headerVersion(servedFor), servedFor);
  }
  return served;
}

/** The next version: one minor above the highest the device or the server has seen. */
function nextVersion(): ImageVersion {
  const seen = [...images().keys(), ...(useStore.getState().ota?.slots.map((s) => s.version) ?? [])];
  const minors = seen.flatMap((v) => (v ? [Number(v.split('.')[1])] : []));
  return { major: 1, minor: Math.max(0, ...minors) + 1, revision: 0, build: 0 };
}

/** Fixed pseudo-random 28×28 inputs: the device checks its outputs for them bit for bit before it confirms. */
function selfTestInputs(): Uint8Array[] {
  let x = 0x2545f491;
  return Array.from({ length: SELF_TEST_VECTORS }, () =>
    Uint8Array.from({ length: 28 * 28 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x & 0xff;
    }),
  );
}

/**
 * What the Train tab made for the demo on screen: an MNIST network, or the anomaly demo's retrained regression; or
 * the model package of an imported .tflite for the model runner (src/services/modelRun.ts).
 */
export type Deployable =
  | { demo: 'mnist'; artefact: Int8MlpArtefact }
  | { demo: 'anomaly'; retrain: RetrainResult }
  | { demo: 'model_runner'; body: Uint8Array };

function signedImage(
  what: Deployable,
  version: ImageVersion,
  failingSelfTest: boolean | undefined,
  signer: Signer,
): Promise<Uint8Array> {
  const common = { version, securityCounter: SECURITY_COUNTER, failingSelfTest };
  if (what.demo === 'model_runner')
    return runnerImage({ version, securityCounter: SECURITY_COUNTER, body: what.body }, signer);
  return what.demo === 'mnist'
    ? mnistImage({ ...common, artefact: what.artefact, selfTestDigits: selfTestInputs() }, signer)
    : anomalyImage(
        { ...common, model: retrainedModel(what.retrain), selfTestReadings: what.retrain.selfTestReadings },
        signer,
      );
}

/** The model signed with this profile's key as the next version, or undefined (and why, in the note). */
async function signNext(
  what: Deployable,
  failingSelfTest: boolean | undefined,
): Promise<{ version: ImageVersion; image: Uint8Array } | undefined> {
  const signer = await ownerKey();
  if (!signer) {
    useStore.getState().setDeployNote(`Cannot sign: ${ownerKeyProblem() ?? 'no signing key'}`);
    return undefined;
  }
  const version = nextVersion();
  return { version, image: await signedImage(what, version, failingSelfTest, signer) };
}

/**
 * Signs the model as the next version and offers it. `tampered` flips one byte of the body after signing (the
 * digest fails); `failingSelfTest` signs a package whose self-test the device will fail (it reverts).
 */
export async function deployModel(
  what: Deployable,
  options: { tampered?: boolean; failingSelfTest?: boolean } = {},
): Promise<void> {
  const signed = await signNext(what, options.failingSelfTest);
  if (!signed) return;
  const { version, image } = signed;
  if (options.tampered) {
    image[32 + 40] ^= 0x01; // a byte of the body (a weight of either model): the digest no longer matches
  } else {
    images().set(versionText(version), image);
  }
  const kind = options.tampered
    ? 'a tampered copy of '
    : options.failingSelfTest
      ? 'an image with a failing self-test, '
      : '';
  useStore
    .getState()
    .setDeployNote(`Offered ${kind}v${versionText(version)} (${image.length.toLocaleString('en-US')} bytes)`);
  firmware.offerUpdate(image);
}

/**
 * Signs the model as the next version and saves the image as a file instead of offering it: the file a workshop's
 * instructor uploads, since the boards that joined trust this profile's key (docs/fleet.md).
 */
export async function saveImage(what: Deployable): Promise<void> {
  const signed = await signNext(what, false);
  if (!signed) return;
  const { version, image } = signed;
  images().set(versionText(version), image);
  const name = `${what.demo}-v${versionText(version).replace('+', '-')}.img`;
  downloadFile(name, image);
  useStore
    .getState()
    .setDeployNote(`Saved v${versionText(version)} as ${name} (${image.length.toLocaleString('en-US')} bytes)`);
}

/** The version the device ran before the one it runs now, if the server has its image. */
export function previousVersion(): string | undefined {
  const previous = useStore.getState().runVersions.at(-2);
  return previous && images().has(previous) ? previous : undefined;
}

/** Offers the previous image again: the device installs it as it would any update. */
export function rollBack(): void {
  const version = previousVersion();
  const image = version && images().get(version);
  if (!image) return;
  useStore.getState().setDeployNote(`Offered v${version} again (roll back)`);
  firmware.offerUpdate(image);
}

export function cancelDeploy(): void {
  useStore.getState().setDeployNote('Offer withdrawn');
  firmware.withdrawUpdate();
}

export function setUpdateLink(connected: boolean): void {
  useStore.getState().setLinkConnected(connected);
  firmware.setLinkConnected(connected);
}
