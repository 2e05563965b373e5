// model.ts — the trained MNIST model as committed: the int8 artefact (model.json, written by npm run train:mnist)
// and, in Node, the float weights beside it.
import artefactJson from './model.json';
import { fromArtefact, type Int8Mlp, type Int8MlpArtefact } from '../mlp/int8Mlp';
import type { FloatLayerShape } from '../mlp/floatWeights';

export interface MnistMeta {
  accuracy: {
    float: number;
    floatTs: number;
    int8: number;
    int8PerTensor: number;
    agreement: number;
    testDigits: number;
  };
  training: Record<string, unknown>;
  calibration: { samples: number; ranges: [number, number][] };
  quantization: { weights: 'per-channel' | 'per-tensor' };
  floatWeights: { file: string; layers: FloatLayerShape[] };
}

export const mnistArtefact = artefactJson as unknown as Int8MlpArtefact & { meta: MnistMeta };

export function loadMnistInt8(): Int8Mlp {
  return fromArtefact(mnistArtefact);
}
