// mlpPackage.ts — the package of an int8 MLP artefact of any layer sizes (the MNIST model and the workbench's).
// Outputs in order: logits int8 [1, classes], scores int8 [1, classes] (softmax), prediction int32 [1] (argmax),
// the same tensors the compiled-in model exposes (src/ml/codegen/modelSource.ts).
import { buildInt8Graph, fromArtefact, type Int8MlpArtefact } from '../mlp/int8Mlp';
import { writePackage } from './writer';

/** selfTestInputs: quantized inputs (int8 [depth] each, e.g. quantizePixels of a digit). */
export function mlpPackage(artefact: Int8MlpArtefact, selfTestInputs: readonly Int8Array[]): Uint8Array {
  const g = buildInt8Graph(fromArtefact(artefact));
  return writePackage(g.graph, {
    selfTestInputs: selfTestInputs.map((x) => [x]),
    inputs: [g.input],
    outputs: [g.logits, g.scores, g.prediction],
  });
}
