// The signed model images the boards ship with (factory programming, docs/ota.md): built from the committed model
// artefacts and signed with the factory key, one per app that runs an updatable model. The page programs an app's
// image into a new board's primary model slot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModelBlob } from '../src/ml/anomaly/modelBlob';
import { anomalyImage } from '../src/ml/deploy/anomalyImage';
import { mnistImage } from '../src/ml/deploy/mnistImage';
import type { Int8MlpArtefact } from '../src/ml/mlp/int8Mlp';
import type { ImageVersion } from '../src/ota';
import { loadDigitSet } from '../src/ml/mnist/files';
import { IMAGE_BYTES } from '../src/ml/mnist/dataset';
import { SyntheticSource } from '../src/runtime/streams/SyntheticSource';
import { factorySigner } from './factorySigner';
import { ROOT } from './firmwareSources';

export const FACTORY_VERSION = { major: 1, minor: 0, revision: 0, build: 0 };
const SELF_TEST_DIGITS = 4;

/** Each app's image, as the factory programs it or (with another version) as the workshop server re-issues it. */
export const FACTORY_IMAGES: Record<string, (version?: ImageVersion) => Promise<Uint8Array>> = {
  mnist: (version = FACTORY_VERSION) => {
    const artefact = JSON.parse(readFileSync(join(ROOT, 'src/ml/mnist/model.json'), 'utf8')) as Int8MlpArtefact;
    const test = loadDigitSet('test');
    const selfTestDigits = Array.from({ length: SELF_TEST_DIGITS }, (_, i) =>
      test.images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES),
    );
    return mnistImage({ artefact, selfTestDigits, version, securityCounter: 1 }, factorySigner());
  },
  // The compiled-in model (default_model.h, written by scripts/train-anomaly.ts), checked on the start of the
  // stream it was trained on.
  anomaly: (version = FACTORY_VERSION) => {
    const header = readFileSync(join(ROOT, 'wasm/apps/anomaly/default_model.h'), 'utf8');
    const bytes = Uint8Array.from(
      /kDefaultModelBlob\[\d+\] = \{([^}]*)\}/.exec(header)![1]!.match(/0x[0-9a-f]{2}/g)!,
      Number,
    );
    const blob = decodeModelBlob(bytes);
    if (!blob.ok) throw new Error(`default_model.h: ${blob.error}`);
    const source = new SyntheticSource({ seed: 1 });
    const readings = Array.from({ length: 32 }, (_, i) => Math.fround(source.reading(i)));
    return anomalyImage(
      { model: blob.model, selfTestReadings: readings, version, securityCounter: 1 },
      factorySigner(),
    );
  },
};
