// MNIST inference per digit: the firmware (WebAssembly, timed by the firmware with the host clock) in Chromium and
// in Node, the same C++ engine and model built natively, and TF.js predicting with the float model in the page.
// Firmware figures are medians: on the shared 2-core machine a few digits land on a busy core and drag a mean up
// several-fold (README, "Benchmarks").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTORY_PUBLIC_KEY } from '../src/ota';
import { Board } from '../src/runtime/Board';
import { factoryBoard } from '../src/runtime/factory';
import { Simulator } from '../src/runtime/Simulator';
import { image } from '../src/ml/mnist/dataset';
import { loadDigitSet, MNIST_FILES } from '../src/ml/mnist/files';
import { mnistArtefact } from '../src/ml/mnist/model';
import type { BrowserSession } from './browser';
import { loadTfjs } from './tfjsPage';

const root = new URL('..', import.meta.url).pathname;
const DIGITS = 200;

function nativeMicros(): string {
  const test = loadDigitSet('test');
  const dir = mkdtempSync(join(tmpdir(), 'mnist-native-'));
  writeFileSync(join(dir, 'images.raw'), Buffer.concat(Array.from({ length: test.count }, (_, i) => image(test, i))));
  writeFileSync(join(dir, 'labels.raw'), Uint8Array.from(test.labels));
  const exe = join(dir, 'mnist_native');
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'n/a (no C++ compiler)';
  }
  const sources = execFileSync('sh', ['-c', `ls ${root}wasm/nn/src/*.cc`], { encoding: 'utf8' })
    .trim()
    .split('\n');
  execFileSync('g++', [
    '-O2',
    '-march=native',
    '-std=c++17',
    `-I${root}wasm/nn/include`,
    `-I${root}wasm/models/include`,
    ...sources,
    `${root}wasm/models/src/mnist_model.cpp`,
    `${root}bench/native/mnist_native.cpp`,
    '-o',
    exe,
  ]);
  const [us] = execFileSync(exe, [join(dir, 'images.raw'), join(dir, 'labels.raw'), '20'], { encoding: 'utf8' })
    .trim()
    .split(' ');
  return us;
}

/** Median and spread of a sample: the machine is shared, so a few runs land on a busy core (means drift with them). */
export function summarize(xs: number[]): { median: number; p10: number; p90: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9) };
}

const WARMUP = 5;
const TIMED = 30;

/** The factory-programmed board the page runs: the signed model image in flash, the firmware checks it at boot. */
function mnistBoard(): Board {
  return new Board(
    factoryBoard({ factory: FACTORY_PUBLIC_KEY }, readFileSync(join(root, 'public/firmware/mnist.factory.img'))),
  );
}

async function nodeFirmwareMicros(): Promise<number[]> {
  const sim = await Simulator.load(readFileSync(join(root, 'public/firmware/mnist.wasm')), { board: mnistBoard() });
  const host: number[] = [];
  sim.board.telemetry.add((json) => {
    const r = JSON.parse(json) as { type: string; host_us?: number };
    if (r.type === 'mnist.inference' && r.host_us !== undefined) host.push(r.host_us);
  });
  sim.runFor(3_000_000); // boot: the update agent verifies the model image, the self-test runs
  const test = loadDigitSet('test');
  for (let i = 0; i < DIGITS; i++) {
    sim.board.blobs.put(0, image(test, i));
    sim.runFor(50_000);
  }
  if (host.length !== DIGITS) throw new Error(`Node: ${host.length} of ${DIGITS} digits classified`);
  return host.slice(WARMUP);
}

/** One digit drawn on the touch screen, then BUTTON1 again and again; each host time read from its serial line. */
async function browserFirmwareMicros(session: BrowserSession): Promise<number[]> {
  const { page, url } = session;
  await page.goto(`${url}/?demo=mnist`);
  const box = (await page.getByTestId('digit-canvas').boundingBox())!;
  const at = (x: number, y: number) => [box.x + (x / 240) * box.width, box.y + (y / 240) * box.height] as const;
  const serial = page.getByTestId('serial-output');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="serial-output"]')?.textContent?.includes('Draw a digit'),
  );
  await page.mouse.move(...at(65, 45));
  await page.mouse.down();
  for (const [x, y] of [
    [175, 45],
    [150, 100],
    [110, 205],
  ])
    await page.mouse.move(...at(x, y), { steps: 6 });
  await page.mouse.up();
  const hostTimes = async () =>
    [...((await serial.textContent()) ?? '').matchAll(/host time ([\d.]+) us per inference/g)].map((m) => Number(m[1]));
  for (let i = 1; i <= WARMUP + TIMED; i++) {
    await page.getByTestId('button-BUTTON1').click();
    await page.waitForFunction(
      (n) =>
        (document.querySelector('[data-testid="serial-output"]')?.textContent?.match(/host time/g) ?? []).length >= n,
      i,
    );
  }
  return (await hostTimes()).slice(WARMUP);
}

/** TF.js (wasm backend) predicting one digit at a time with the float model, in the same page. */
async function tfjsMicros(session: BrowserSession): Promise<number> {
  const { page } = session;
  await loadTfjs(page);
  const weights = [...readFileSync(MNIST_FILES.floatWeights)];
  const shapes = mnistArtefact.meta.floatWeights.layers;
  const test = loadDigitSet('test');
  const digits = Array.from({ length: DIGITS }, (_, i) => [...image(test, i)]);
  return page.evaluate(
    async ({ weights, shapes, digits }) => {
      const tf = (globalThis as unknown as { tf: any }).tf; // eslint-disable-line @typescript-eslint/no-explicit-any
      const f32 = new Float32Array(new Uint8Array(weights).buffer);
      const model = tf.sequential();
      let o = 0;
      shapes.forEach((s: { units: number; depth: number; activation: string }, i: number) => {
        model.add(
          tf.layers.dense({
            units: s.units,
            inputShape: i === 0 ? [s.depth] : undefined,
            activation: s.activation === 'relu' ? 'relu' : 'linear',
          }),
        );
      });
      const tensors = shapes.flatMap((s: { units: number; depth: number }) => {
        const k = f32.slice(o, o + s.units * s.depth);
        o += s.units * s.depth;
        const b = f32.slice(o, o + s.units);
        o += s.units;
        // Stored [units, depth]; Keras dense kernels are [depth, units].
        return [tf.tensor2d(k, [s.units, s.depth]).transpose(), tf.tensor1d(b)];
      });
      model.setWeights(tensors);
      const inputs = digits.map((d: number[]) =>
        tf.tensor2d(
          d.map((v) => v / 255),
          [1, 784],
        ),
      );
      for (const x of inputs.slice(0, 20)) (model.predict(x) as { dataSync(): unknown }).dataSync();
      const t0 = performance.now();
      for (const x of inputs) (model.predict(x) as { dataSync(): unknown }).dataSync();
      return ((performance.now() - t0) * 1000) / inputs.length;
    },
    { weights, shapes, digits },
  );
}

export async function benchMnist(session: BrowserSession): Promise<string[]> {
  const browser = summarize(await browserFirmwareMicros(session));
  const node = summarize(await nodeFirmwareMicros());
  const native = nativeMicros();
  const tfjs = await tfjsMicros(session);
  const nat = Number(native);
  const f = (s: { median: number; p10: number; p90: number }) =>
    `${s.median.toFixed(1)} (p10–p90 ${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;
  return [
    `MNIST MLP 784-128-64-10, µs per digit (firmware: median of ${TIMED} in Chromium, ${DIGITS - WARMUP} in Node, each the mean of 64 runs, after ${WARMUP} warm-up digits): firmware int8 in Chromium ${f(browser)}   in Node ${f(node)}   native C++ int8 (g++ -O2) ${Number.isFinite(nat) ? nat.toFixed(1) : native}   TF.js float (wasm backend) in Chromium ${tfjs.toFixed(1)}`,
    `ratios: Chromium firmware / Node firmware ${(browser.median / node.median).toFixed(2)}×   Chromium firmware / native ${Number.isFinite(nat) ? (browser.median / nat).toFixed(1) : 'n/a'}×   Chromium firmware / TF.js ${(browser.median / tfjs).toFixed(2)}×`,
  ];
}
