// The signed image of an MNIST model (docs/ota.md): the artefact's model package (any hidden layers), carrying
// self-test vectors computed by the TS engine, in the image container for the MNIST app. The build makes the
// factory image with it, the page's Deploy an update.
import { buildImage, PAYLOAD_TYPES, type ImageVersion, type Signer } from '../../ota';
import { quantizePixels, type Int8MlpArtefact } from '../mlp/int8Mlp';
import { mlpPackage } from '../package';

export const MNIST_TARGET = 'mnist';

export interface MnistImageSpec {
  artefact: Int8MlpArtefact;
  /** 28×28 digits (0..255) whose outputs the device checks bit for bit before it confirms the image. */
  selfTestDigits: readonly Uint8Array[];
  version: ImageVersion;
  securityCounter: number;
  /**
   * Signs a package whose last expected self-test byte is wrong, as if the device computed the model differently
   * from the page: a correctly signed image that its self-test must refuse (a lesson of the Device tab).
   */
  failingSelfTest?: boolean;
}

export function mnistImage(spec: MnistImageSpec, signer: Signer): Promise<Uint8Array> {
  const inputs = spec.selfTestDigits.map((d) => quantizePixels(d, spec.artefact.input));
  const body = mlpPackage(spec.artefact, inputs);
  if (spec.failingSelfTest) body[body.length - 1]! ^= 0x01; // the package ends with the last vector's outputs
  return buildImage(
    {
      version: spec.version,
      securityCounter: spec.securityCounter,
      target: MNIST_TARGET,
      payloadType: PAYLOAD_TYPES.nnModelV1,
      body,
    },
    signer,
  );
}
