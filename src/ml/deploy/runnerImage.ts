// The signed image of any model package for the model-runner firmware (docs/model-runner.md): an imported .tflite's
// package (src/ml/tflite packageFromTflite) or any other writePackage output, in the image container for the
// model_runner app. The Model tab's "Run on board" offers it as an update.
import { buildImage, PAYLOAD_TYPES, type ImageVersion, type Signer } from '../../ota';

export const RUNNER_TARGET = 'model_runner';

export interface RunnerImageSpec {
  /** A model package (src/ml/package), self-test vectors included. */
  body: Uint8Array;
  version: ImageVersion;
  securityCounter: number;
}

export function runnerImage(spec: RunnerImageSpec, signer: Signer): Promise<Uint8Array> {
  return buildImage(
    {
      version: spec.version,
      securityCounter: spec.securityCounter,
      target: RUNNER_TARGET,
      payloadType: PAYLOAD_TYPES.nnModelV1,
      body: spec.body,
    },
    signer,
  );
}
