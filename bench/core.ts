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

/** Warm compile of blinky: in-browser worker vs the same builder in Node. */
export async function benchCompile(session: BrowserSession): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(new URL('public/firmware/blinky.json', root), 'utf8')) as {
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
  const variant = (i: number) => ({
    ...manifest.sources,
    'main.cpp': `${manifest.sources['main.cpp']}\n// variant ${i}\n`,
  });
  await buildFirmware(clang, sdk, variant(0)); // warm-up
  const nodeTimes: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const t0 = performance.now();
    await buildFirmware(clang, sdk, variant(i));
    nodeTimes.push(performance.now() - t0);
  }

  const { page, url } = session;
  await page.goto(`${url}/?demo=blinky`);
  const browserTimes: number[] = [];
  let cold = 0;
  for (let i = 0; i <= 3; i++) {
    await page.locator('.view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(`\n// variant ${i}\n`);
    await page.getByTestId('compile-run').click();
    const status = page.getByTestId('build-status');
    await status.and(page.locator('[data-phase="succeeded"]')).waitFor({ timeout: 120_000 });
    const ms = Number(await status.getAttribute('data-ms'));
    if (i === 0) cold = ms;
    else browserTimes.push(ms);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const b = median(browserTimes);
  const n = median(nodeTimes);
  return [
    `compile blinky, warm median of 3 (s): Chromium ${(b / 1000).toFixed(2)}   Node ${(n / 1000).toFixed(2)}   ratio browser/Node ${(b / n).toFixed(2)}   (first in-browser build incl. compiler load: ${(cold / 1000).toFixed(1)} s)`,
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
