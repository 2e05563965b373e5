// The signed image of an anomaly model (docs/ota.md): the model package of src/ml/anomaly/modelPackage.ts — the
// regression blob and self-test vectors taken from real readings — in the image container for the anomaly app.
// The build makes the factory image with it (the compiled-in model), the page's Deploy an update.
import { buildImage, PAYLOAD_TYPES, type ImageVersion, type Signer } from '../../ota';
import type { AnomalyModel } from '../anomaly/modelBlob';
import { selfTestRows, writeAnomalyPackage } from '../anomaly/modelPackage';

export const ANOMALY_TARGET = 'anomaly';
const SELF_TEST_VECTORS = 4;

export interface AnomalyImageSpec {
  model: AnomalyModel;
  /** Readings the self-test vectors are built from (at least k + 4). */
  selfTestReadings: ArrayLike<number>;
  version: ImageVersion;
  securityCounter: number;
  /** A correctly signed image whose last expected prediction is wrong: its self-test on the device must fail. */
  failingSelfTest?: boolean;
}

export function anomalyImage(spec: AnomalyImageSpec, signer: Signer): Promise<Uint8Array> {
  const rows = selfTestRows(spec.model, spec.selfTestReadings, SELF_TEST_VECTORS);
  return buildImage(
    {
      version: spec.version,
      securityCounter: spec.securityCounter,
      target: ANOMALY_TARGET,
      payloadType: PAYLOAD_TYPES.anomalyBlobV1,
      body: writeAnomalyPackage(spec.model, rows, { failingSelfTest: spec.failingSelfTest }),
    },
    signer,
  );
}
