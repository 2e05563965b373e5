// npm run train:mnist — trains the MNIST MLP 784-128-64-10 with TF.js (wasm backend) on the 8,000 training digits,
// quantizes it to int8 (TFLite Micro scheme, calibrated on the training digits), measures float and int8 accuracy
// on the 2,000 held-out digits, and writes:
//   src/ml/mnist/model.json        int8 artefact (weights, quantization parameters, accuracy, settings)
//   src/ml/mnist/model-float.bin   float32 weights (for float checks and benchmarks)
//   wasm/models/{include/mnist_model.h,src/mnist_model.cpp}  the generated firmware source (src/ml/codegen),
//                                    built into the SDK's libmodels.a
//   docs/mnist.md                  the figures block between its markers
// Options: --epochs N, --seed N, --per-tensor (weights per tensor instead of per channel).
// The trainer and the quantization are src/ml/train's, the same the page's Train tab runs in a worker.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { generateModelSource } from '../src/ml/codegen/modelSource';
import { encodeFloatWeights } from '../src/ml/mlp/floatWeights';
import { toArtefact } from '../src/ml/mlp/int8Mlp';
import { agreement, evaluateFloat, evaluateInt8 } from '../src/ml/mnist/evaluate';
import { loadDigitSet, MNIST_FILES, MNIST_MODEL_SOURCE } from '../src/ml/mnist/files';
import { quantizeTrained } from '../src/ml/train/evaluate';
import { useWasmBackend } from '../src/ml/train/nodeBackend';
import { DEFAULT_SETTINGS } from '../src/ml/train/settings';
import { evaluateTf, trainMlp } from '../src/ml/train/trainer';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const options = {
  ...DEFAULT_SETTINGS,
  epochs: Number(arg('epochs') ?? DEFAULT_SETTINGS.epochs),
  seed: Number(arg('seed') ?? DEFAULT_SETTINGS.seed),
};
const perChannel = !process.argv.includes('--per-tensor');
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

await useWasmBackend();

const train = loadDigitSet('train');
const test = loadDigitSet('test');
console.log(
  `train:mnist: ${train.count} training / ${test.count} held-out digits, backend ${tf.getBackend()}, seed ${options.seed}`,
);

const t0 = performance.now();
const { model, mlp: trained } = await trainMlp(train, options, {
  onEpoch: (e) =>
    console.log(
      `  epoch ${String(e.epoch).padStart(2)}  loss ${e.trainLoss.toFixed(4)}  train acc ${pct(e.trainAccuracy)}  ${(e.ms / 1000).toFixed(1)} s`,
    ),
});
const mlp = trained!;
const trainSeconds = (performance.now() - t0) / 1000;
const floatTf = evaluateTf(model, test);
const floatTs = evaluateFloat(mlp, test);
console.log(
  `float accuracy on held-out digits: ${pct(floatTf.accuracy)} (TF.js), ${pct(floatTs.accuracy)} (plain TS, float64)`,
);

const { model: quantized, ranges } = quantizeTrained(mlp, train, perChannel);
const { model: other } = quantizeTrained(mlp, train, !perChannel);
const int8 = evaluateInt8(quantized, test);
const int8Other = evaluateInt8(other, test);
const agree = agreement(int8.predictions, floatTf.predictions);
console.log(
  `int8 accuracy (${perChannel ? 'per-channel' : 'per-tensor'} weights): ${pct(int8.accuracy)}; other scheme ${pct(int8Other.accuracy)}`,
);
console.log(`int8 vs float predictions agree on ${pct(agree)} of the held-out digits`);

const floatWeights = encodeFloatWeights(mlp);
const meta = {
  accuracy: {
    float: floatTf.accuracy,
    floatTs: floatTs.accuracy,
    int8: int8.accuracy,
    [perChannel ? 'int8PerTensor' : 'int8PerChannel']: int8Other.accuracy,
    agreement: agree,
    testDigits: test.count,
  },
  training: {
    framework: `@tensorflow/tfjs ${tf.version.tfjs} (backend ${tf.getBackend()})`,
    trainDigits: train.count,
    epochs: options.epochs,
    batchSize: options.batchSize,
    optimizer: `adam lr ${options.learningRate}`,
    seed: options.seed,
  },
  calibration: { samples: ranges.samples, ranges: ranges.layers.map(([a, b]) => [Math.fround(a), Math.fround(b)]) },
  quantization: { weights: perChannel ? 'per-channel' : 'per-tensor' },
  floatWeights: { file: 'model-float.bin', layers: floatWeights.shapes },
};
writeFileSync(MNIST_FILES.artefact, `${JSON.stringify(toArtefact(quantized, meta), null, 1)}\n`);
writeFileSync(MNIST_FILES.floatWeights, floatWeights.bytes);

const gen = generateModelSource(quantized, MNIST_MODEL_SOURCE);
writeFileSync(MNIST_FILES.modelHeader, gen.header);
writeFileSync(MNIST_FILES.modelSource, gen.source);
console.log(
  `firmware: model flash ${gen.flashBytes} B, arena ${gen.arenaBytes} B, ${gen.macs} MACs -> wasm/models (libmodels.a)`,
);

const figures = `<!-- figures:begin (written by npm run train:mnist) -->
| | held-out digits (2,000) |
| --- | --- |
| float32 (TF.js) | ${pct(floatTf.accuracy)} |
| int8, ${perChannel ? 'per-channel' : 'per-tensor'} weights (shipped) | ${pct(int8.accuracy)} |
| int8, ${perChannel ? 'per-tensor' : 'per-channel'} weights | ${pct(int8Other.accuracy)} |
| int8 and float predict the same digit | ${pct(agree)} |

Training: ${train.count} digits, ${options.epochs} epochs, batch ${options.batchSize}, Adam ${options.learningRate}, seed ${options.seed}, ${meta.training.framework}.
Model: ${gen.macs.toLocaleString('en-US')} MACs, ${gen.flashBytes.toLocaleString('en-US')} bytes of const data, ${gen.arenaBytes.toLocaleString('en-US')}-byte arena.
<!-- figures:end -->`;
if (existsSync(MNIST_FILES.doc)) {
  const doc = readFileSync(MNIST_FILES.doc, 'utf8');
  const updated = doc.replace(/<!-- figures:begin[\s\S]*?<!-- figures:end -->/, figures);
  if (updated !== doc) writeFileSync(MNIST_FILES.doc, updated);
}
console.log(figures);
console.log(`training took ${trainSeconds.toFixed(0)} s`);
