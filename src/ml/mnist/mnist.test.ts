import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigitSet, encodeDigitSet, image, IMAGE_BYTES, splitDigits, stratifiedCounts } from './dataset';
import { loadDigitSet, MNIST_FILES, readMnistPackageDigit } from './files';
import { mnistArtefact, loadMnistInt8 } from './model';
import { agreement, evaluateFloat, evaluateInt8 } from './evaluate';
import { BitCanvas, canvasToMnist, centreInField, drawingToMnist, StrokeTracker } from './preprocess';
import { digitToStrokes } from './strokes';
import { decodeFloatWeights } from '../mlp/floatWeights';
import { buildInt8Graph, quantizePixels } from '../mlp/int8Mlp';

const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

describe('MNIST split', () => {
  const train = loadDigitSet('train');
  const test = loadDigitSet('test');

  it('holds 8,000 training and 2,000 held-out digits, stratified per digit', () => {
    expect(train.count).toBe(8000);
    expect(test.count).toBe(2000);
    const expected = stratifiedCounts(PACKAGE_COUNTS, 2000);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(2000);
    for (let d = 0; d < 10; d++) {
      expect(test.labels.filter((l) => l === d).length).toBe(expected[d]);
      expect(train.labels.filter((l) => l === d).length).toBe(PACKAGE_COUNTS[d]! - expected[d]!);
    }
  });

  it('no digit of the package is in both sets', () => {
    const key = (label: number, src: number) => label * 10000 + src;
    const trainKeys = new Set(Array.from(train.labels, (l, i) => key(l, train.source[i]!)));
    expect(trainKeys.size).toBe(8000);
    for (let i = 0; i < test.count; i++) expect(trainKeys.has(key(test.labels[i]!, test.source[i]!))).toBe(false);
  });

  it('the committed files are what scripts/prepare-mnist.ts makes of the mnist package', () => {
    // The split depends only on the per-digit counts; the pixels are checked for one digit's file (5.json).
    const split = splitDigits(PACKAGE_COUNTS.map((n) => new Uint8Array(n * IMAGE_BYTES)));
    for (const [made, committed] of [
      [split.train, train],
      [split.test, test],
    ] as const) {
      expect(sameBytes(made.labels, committed.labels)).toBe(true);
      expect(sameBytes(made.source, committed.source)).toBe(true);
    }
    const fives = readMnistPackageDigit(5);
    expect(fives.length).toBe(PACKAGE_COUNTS[5]! * IMAGE_BYTES);
    for (const set of [train, test]) {
      for (let i = 0; i < set.count; i++) {
        if (set.labels[i] !== 5) continue;
        const src = set.source[i]!;
        expect(sameBytes(image(set, i), fives.subarray(src * IMAGE_BYTES, (src + 1) * IMAGE_BYTES))).toBe(true);
      }
    }
  });

  it('splitting is deterministic and the file format round-trips', () => {
    const fake = [13, 8, 21].map((n, d) => Uint8Array.from({ length: n * IMAGE_BYTES }, (_, k) => (d * 37 + k) & 255));
    const a = splitDigits(fake, 10);
    const b = splitDigits(fake, 10);
    expect(a.test.count).toBe(10);
    expect(Array.from(a.test.source)).toEqual(Array.from(b.test.source));
    const round = decodeDigitSet(encodeDigitSet(a.test));
    expect(sameBytes(round.labels, a.test.labels)).toBe(true);
    expect(sameBytes(round.source, a.test.source)).toBe(true);
    expect(sameBytes(round.images, a.test.images)).toBe(true);
    expect(() => decodeDigitSet(encodeDigitSet({ ...a.test, count: 3 }))).toThrow();
  });
});

describe('the trained model', () => {
  const test = loadDigitSet('test');
  const int8 = loadMnistInt8();
  const meta = mnistArtefact.meta;
  const float = decodeFloatWeights(meta.floatWeights.layers, new Uint8Array(readFileSync(MNIST_FILES.floatWeights)));

  it('is the 784-128-64-10 MLP with per-channel symmetric int8 weights and int32 biases', () => {
    expect([int8.input.depth, ...int8.layers.map((l) => l.units)]).toEqual([784, 128, 64, 10]);
    expect(int8.input).toMatchObject({ zeroPoint: -128 });
    for (const l of int8.layers) {
      expect(l.weightScales.length).toBe(l.units);
      expect(Math.min(...l.weights)).toBeGreaterThanOrEqual(-127);
    }
    expect(int8.softmax).toEqual({ scale: 1 / 256, zeroPoint: -128 });
  });

  it('int8 accuracy on the 2,000 held-out digits is within 1 percentage point of float, as recorded', () => {
    const f = evaluateFloat(float, test);
    const q = evaluateInt8(int8, test);
    expect(f.accuracy).toBeCloseTo(meta.accuracy.floatTs, 9);
    expect(q.accuracy).toBeCloseTo(meta.accuracy.int8, 9);
    expect(f.accuracy).toBeGreaterThan(0.94);
    expect(Math.abs(q.accuracy - f.accuracy)).toBeLessThanOrEqual(0.01);
    expect(agreement(q.predictions, f.predictions)).toBeGreaterThan(0.98);
  });
});

describe('MNIST preprocessing (TS twin of the firmware)', () => {
  it('draws a round brush and returns null for an empty canvas', () => {
    const c = new BitCanvas();
    expect(canvasToMnist(c)).toBeNull();
    c.stroke(120, 120, 120, 120);
    let ink = 0;
    for (let y = 100; y < 140; y++) for (let x = 100; x < 140; x++) ink += c.get(x, y);
    expect(ink).toBe(253); // lattice points within radius 9
    expect(c.get(129, 120)).toBe(1);
    expect(c.get(130, 120)).toBe(0);
  });

  it('a filled square becomes a centred 20x20 block', () => {
    const c = new BitCanvas();
    for (let y = 50; y < 150; y++) c.stroke(50, y, 149, y, 0); // exactly 100 x 100 pixels
    const img = canvasToMnist(c)!;
    let sum = 0;
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (img[y * 28 + x]) sum++;
    expect(sum).toBe(400);
    // centre of mass (9.5, 9.5) -> offset round(14 - 9.5) = 5 (halves up): the block covers rows/columns 5..24
    expect(img[5 * 28 + 5]).toBe(255);
    expect(img[24 * 28 + 24]).toBe(255);
    expect(img[4 * 28 + 4]).toBe(0);
  });

  it('puts the centre of mass on (14, 14)', () => {
    const box = new Uint8Array(400);
    box[0] = 255; // a single dot at (0, 0) moves to (14, 14)
    const img = centreInField(box);
    expect(img[14 * 28 + 14]).toBe(255);
  });

  it('keeps the pen path: re-inked with the drawing brush it is the live ink; a sample beyond the capacity inks nothing', () => {
    const pen = new StrokeTracker(new BitCanvas(), 4);
    pen.sample(true, 60, 60);
    pen.sample(true, 60, 60); // the same point: nothing to keep
    pen.sample(true, 90, 200);
    pen.sample(false, 0, 0);
    pen.sample(true, 200, 50); // a press needs two slots, one is left
    pen.sample(false, 0, 0);
    const live = pen.canvas.bits.slice();
    expect(pen.canvas.get(200, 50)).toBe(0);
    expect(pen.inkRadius()).toBe(9); // max(1, round(140 / 15))
    pen.reink(9);
    expect(pen.canvas.bits).toEqual(live);
    pen.reink(2);
    expect(pen.canvas.get(63, 60)).toBe(0);
    expect(pen.canvas.get(62, 60)).toBe(1);
    expect(new StrokeTracker(new BitCanvas()).inkRadius()).toBe(1);
  });

  it('held-out digits traced as pen strokes are recognised most of the time', () => {
    const test = loadDigitSet('test');
    const int8 = loadMnistInt8();
    const g = buildInt8Graph(int8);
    let right = 0;
    const n = 100;
    for (let i = 0; i < n; i++) {
      const canvas = new BitCanvas();
      const pen = new StrokeTracker(canvas);
      for (const stroke of digitToStrokes(image(test, i))) {
        for (const [x, y] of stroke) pen.sample(true, x, y);
        pen.sample(false, 0, 0);
      }
      const digit = drawingToMnist(pen)!;
      if (g.invoke(quantizePixels(digit, int8.input)).prediction === test.labels[i]) right++;
    }
    expect(right / n).toBeGreaterThan(0.85);
  });
});
