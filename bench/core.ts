// Simulator-core benchmarks: fast-forward speed, compile time in the browser vs Node, main-thread responsiveness.
import { readFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';
import { Simulator } from '../src/runtime/Simulator';
import type { ClangCommands } from '../src/toolchain/clangCommands';
import { buildFirmware } from '../src/toolchain/firmwareBuilder';
import type { SdkManifest } from '../src/shared/manifests';
import type { BrowserSession } from './browser';

const root = new URL('..', import.meta.url);
const firmware = (name: string) => readFileSync(new URL(`public/firmware/${name}.wasm`, root));

/** Virtual seconds per wall second for blinky in fast-forward, in Node and in the page's worker. */
export async function benchFastForward(session: BrowserSession): Promise<string[]> {
  const sim = await Simulator.load(firmware('blinky'));
  const t0 = performance.now();
  sim.runFor(3600 * 1e6);
  const nodeRatio = 3600 / ((performance.now() - t0) / 1000);

  const { page, url } = session;
  await page.goto(`${url}/?demo=blinky&view=board`);
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.waitForTimeout(500);
  const ms = async () => Number(await page.getByTestId('sim-time').getAttribute('data-ms'));
  const v0 = await ms();
  const w0 = Date.now();
  await page.waitForTimeout(3000);
  const browserRatio = ((await ms()) - v0) / (Date.now() - w0);
  return [
    `fast-forward, blinky (virtual s per wall s): Node ${nodeRatio.toFixed(0)}   Chromium worker ${browserRatio.toFixed(0)}   ratio browser/Node ${(browserRatio / nodeRatio).toFixed(2)}`,
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median of 3 warm rebuilds in Node after an edit to main.cpp (the other files' objects come from the cache). */
async function nodeEditCompileMs(demo: string): Promise<number> {
  const { sources } = JSON.parse(readFileSync(new URL(`public/firmware/${demo}.json`, root), 'utf8')) as {
    sources: Record<string, string>;
  };
  const sdkManifest = JSON.parse(readFileSync(new URL('public/sdk/sdk.json', root), 'utf8')) as SdkManifest;
  const sdk = {
    headers: sdkManifest.headers,
    libraries: Object.fromEntries(
      sdkManifest.libraries.map((l) => [l, new Uint8Array(readFileSync(new URL(`public/sdk/${l}`, root)))]),
    ),
  };
  const clang = commands as unknown as ClangCommands;
  const variant = (i: number) => ({ ...sources, 'main.cpp': `${sources['main.cpp']}\n// variant ${i}\n` });
  await buildFirmware(clang, sdk, variant(0)); // warm-up
  const times: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const t0 = performance.now();
    await buildFirmware(clang, sdk, variant(i));
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Build times the page reports for edits to main.cpp of the open demo: the first and the median of the next 3. */
async function pageEditCompileMs(session: BrowserSession): Promise<{ first: number; warm: number }> {
  const { page } = session;
  const times: number[] = [];
  for (let i = 0; i <= 3; i++) {
    await page.locator('.view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(`\n// variant ${i}\n`);
    await page.getByTestId('compile-run').click();
    const status = page.getByTestId('build-status');
    await status.and(page.locator('[data-phase="succeeded"]')).waitFor({ timeout: 120_000 });
    times.push(Number(await status.getAttribute('data-ms')));
  }
  return { first: times[0]!, warm: median(times.slice(1)) };
}

/**
 * Warm compile after an edit to main.cpp: blinky in the page's worker vs the same builder in Node, and the MNIST
 * demo (five files, the model prebuilt in the SDK) against blinky — an edit to one file costs about what a
 * one-file demo does.
 */
export async function benchCompile(session: BrowserSession): Promise<string[]> {
  const nodeBlinky = await nodeEditCompileMs('blinky');
  const nodeMnist = await nodeEditCompileMs('mnist');
  const { page, url } = session;
  await page.goto(`${url}/?demo=blinky`);
  const blinky = await pageEditCompileMs(session);
  // The same page, so the compiler stays loaded.
  await page.getByTestId('demo-select').selectOption('mnist');
  await page.getByTestId('serial-output').and(page.locator(':text("bytes in flash")')).waitFor({ state: 'attached' });
  await page.getByTestId('editor-tab').click();
  const mnist = await pageEditCompileMs(session);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return [
    `compile blinky after an edit, warm median of 3 (s): Chromium ${s(blinky.warm)}   Node ${s(nodeBlinky)}   ratio browser/Node ${(blinky.warm / nodeBlinky).toFixed(2)}   (first in-browser build incl. compiler load: ${(blinky.first / 1000).toFixed(1)} s)`,
    `compile MNIST after an edit to main.cpp vs blinky, warm median of 3 (s): Chromium ${s(mnist.warm)} vs ${s(blinky.warm)} (ratio ${(mnist.warm / blinky.warm).toFixed(2)})   Node ${s(nodeMnist)} vs ${s(nodeBlinky)} (ratio ${(nodeMnist / nodeBlinky).toFixed(2)})`,
  ];
}

/** The longest main-thread task while the busy-loop firmware spins in its worker. */
export async function benchBusyLoop(session: BrowserSession): Promise<string[]> {
  const { page, url } = session;
  await page.goto(`${url}/?demo=busy_loop&view=board`);
  await page
    .getByTestId('serial-output')
    .and(page.locator(':text("Spinning")'))
    .waitFor({ state: 'attached', timeout: 30_000 })
    .catch(() => undefined);
  const longest = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let max = 0;
        const obs = new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => (max = Math.max(max, e.duration))),
        );
        obs.observe({ type: 'longtask' });
        const clicks = setInterval(
          () => document.querySelector<HTMLButtonElement>('[data-testid="button-BUTTON1"]')?.click(),
          50,
        );
        setTimeout(() => {
          clearInterval(clicks);
          obs.disconnect();
          resolve(max);
        }, 3000);
      }),
  );
  return [
    `busy loop: longest main-thread task over 3 s while the firmware spins: ${longest.toFixed(0)} ms (a "long task" is ≥ 50 ms; 0 means none)`,
  ];
}
