// Outside check of engine fidelity: the four MLPerf Tiny models (read from ../shared/models/mlperf-tiny and handed
// to the page by the test, never copied into the repo) run on TFLite's own runtime, @tensorflow/tfjs-tflite, and
// on the project's engine — the firmware's wasm build of wasm/nn, loaded from the package packageFromTflite makes
// (its self-test vectors, the TS reference engine's outputs, pass bit for bit on load) — in the same page, on the
// same inputs: the KWS reference sample and seeded random int8 inputs.
// tfjs-tflite hands the convolutions and fully connected layers to XNNPACK (its profile shows TfLiteXNNPackDelegate
// nodes), which requantizes through a float scale rather than TFLite Micro's fixed-point double rounding: outputs
// differ by a rounding step per layer, and the differences add up through deep or residual stacks. So the check is
// argmax agreement wherever the engine's class is clear (top-1 at least CLEAR_MARGIN LSB above the runner-up; on
// random noise ResNet-8 often splits between two classes), at most a tenth of near-ties flipping, and the
// autoencoder (no class) within AD_MAX_LSB; the test prints the max |Δ| per model (README, "Benchmarks").
import { expect, test } from '@playwright/test';
import { argmax, engineWasm, kwsSample, maxLsb, randomInt8 } from '../bench/mlperf';
import { engineInPage, tfliteInPage } from '../bench/enginePage';
import { loadTflite } from '../bench/tflitePage';
import { importTflite, packageFromTflite } from '../src/ml/tflite';
import { MLPERF_MODELS, readFixture } from '../src/ml/tflite/fixtures';

const RANDOM_INPUTS = 24;
/** A quarter of the int8 range: a softmax output split no closer than 0.62 / 0.38. */
const CLEAR_MARGIN = 64;
/** Measured 3 LSB over 24 inputs (ten fully connected layers); a wrong shift, offset or rounding mode is far more. */
const AD_MAX_LSB = 3;

/** Top-1 minus runner-up. */
const margin = (o: Int8Array) => {
  const [a, b] = [...o].sort((x, y) => y - x);
  return a! - (b ?? -128);
};

test.describe('tfjs-tflite and the engine agree on the MLPerf Tiny models', () => {
  let wasm: Uint8Array;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    wasm = await engineWasm();
  });

  for (const m of MLPERF_MODELS) {
    test(`${m.name}: ${m.name === 'ad' ? `outputs within ${AD_MAX_LSB} LSB` : 'same class'} on ${RANDOM_INPUTS} random inputs${m.name === 'kws' ? ' and the reference sample' : ''}`, async ({
      page,
    }) => {
      test.setTimeout(180_000);
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('http://127.0.0.1:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
          elsewhere.push(r.url());
      });
      await page.goto('/');
      await loadTflite(page);

      const tflite = readFixture(m.file);
      const imported = importTflite(tflite);
      const input = imported.inputs[0]!;
      const inputs = Array.from({ length: RANDOM_INPUTS }, (_, i) => randomInt8(input.data!.length, i + 1));
      if (m.name === 'kws') inputs.unshift(kwsSample());
      const engine = await engineInPage(page, wasm, packageFromTflite(imported), inputs, false);
      const reference = await tfliteInPage(page, tflite, inputs, input.shape, false);

      const deltas = inputs.map((_, i) => maxLsb(engine.outputs[i]!, reference.outputs[i]!));
      const disagreements = inputs
        .map((_, i) => i)
        .filter((i) => argmax(engine.outputs[i]!) !== argmax(reference.outputs[i]!));
      const clear = disagreements.filter((i) => margin(engine.outputs[i]!) >= CLEAR_MARGIN);
      console.log(
        `${m.name}: ${inputs.length} inputs, max |Δ| ${Math.max(...deltas)} LSB (inputs with a difference: ${deltas.filter((d) => d > 0).length})` +
          (m.name === 'ad'
            ? ''
            : `, argmax disagreements ${disagreements.length} (top-1 margins ${disagreements.map((i) => margin(engine.outputs[i]!)).join(', ') || '–'} LSB)`),
      );
      expect(engine.outputs.map((o) => o.length)).toEqual(inputs.map(() => imported.outputs[0]!.data!.length));
      expect(reference.outputs.map((o) => o.length)).toEqual(engine.outputs.map((o) => o.length));
      if (m.name === 'ad') {
        expect(Math.max(...deltas)).toBeLessThanOrEqual(AD_MAX_LSB);
      } else {
        expect(clear, 'inputs whose clear class differs').toEqual([]);
        expect(disagreements.length).toBeLessThanOrEqual(inputs.length / 10);
      }
      if (m.name === 'kws') expect(argmax(engine.outputs[0]!)).toBe(5); // the sample is "on" (README of the fixtures)
      expect(elsewhere, 'requests that left the test server').toEqual([]);
    });
  }
});
