// The offline copy: the service worker keeps the app and the demos, the compiler after its first use, and a new
// build announces itself. The rest of the suite blocks service workers (playwright.config.ts); these tests allow them.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';
import { stroke } from './drawing';

test.use({ serviceWorkers: 'allow' });

const offlineReady = (page: Page) => page.getByTestId('offline-ready');

/** Resolves once a fetch the service worker does not answer fails: the network is really gone. */
const networkIsOff = (page: Page) =>
  page.evaluate(() =>
    fetch(`/not-kept-offline-${Date.now()}`).then(
      () => false,
      () => true,
    ),
  );

const LED2_BLINKY = `#include "mbed.h"
int main() {
    DigitalOut led(LED2);
    while (true) {
        led = !led;
        ThisThread::sleep_for(250ms);
    }
}
`;

test('reloaded with the network off, every demo runs and an edit compiles', async ({ page, context }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await expect(offlineReady(page)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(offlineReady(page)).toHaveText('Offline ready');
  // The first visit's page is taken over once the worker is active, so the compiler's scripts it loads are kept.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // First use of the compiler, online: its resources go to its cache, its scripts to the service worker's.
  await board.appendToEditor('\n// built online\n');
  await page.getByTestId('compile-run').click();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded', { timeout: 100_000 });

  await context.setOffline(true);
  await page.reload();
  expect(await networkIsOff(page)).toBe(true);
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'off');
  await expect(offlineReady(page)).toHaveAttribute('data-ready', 'true');

  // The editor (Monaco) and the compiler work offline.
  await board.replaceEditorText(LED2_BLINKY);
  await page.getByTestId('compile-run').click();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded', { timeout: 100_000 });
  await expect(board.led('LED2')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED2')).toHaveAttribute('data-state', 'off');

  await board.open('button_lcd');
  await board.button('BUTTON1').click();
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 1/);

  await board.open('serial_echo');
  await page.getByTestId('serial-input').fill('no network');
  await page.getByTestId('serial-input').press('Enter');
  await expect(board.serialOutput).toContainText('echo: no network');

  await page.goto('/?demo=busy_loop');
  await expect(board.serialOutput).toContainText('Spinning', { timeout: 30_000 });

  await board.open('mnist');
  await stroke(page, [
    [125, 35],
    [118, 205],
  ]);
  await board.button('BUTTON1').click();
  await expect.poll(() => board.lcdText()).toBe('Predicted: 1');

  // open() waits until the detector has seen readings.
  await board.open('anomaly');
  await expect(page.getByTestId('anomaly-model')).toHaveAttribute('data-source', /\w/);

  // An embedded board on the same site is served from the copy too.
  await board.open('blinky', 'board');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(offlineReady(page)).toHaveAttribute('data-ready', 'true');
  expect(await networkIsOff(page)).toBe(true);
});

test('an embedded board keeps no offline copy of its own', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky', 'board');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(offlineReady(page)).toHaveAttribute('data-ready', 'false');
  await expect(offlineReady(page)).toBeHidden();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('tinyml-sim-')))).toEqual([]);
});

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serves dist/ as a deploy would, with sw.js replaced by `swOverride()` when it returns one; lists what it served. */
function serveDist(
  swOverride: () => string | undefined,
): Promise<{ server: Server; origin: string; served: string[] }> {
  const dist = join(process.cwd(), 'dist');
  const served: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    served.push(path);
    const file = join(dist, normalize(path === '/' ? '/index.html' : path));
    try {
      const body = (path === '/sw.js' && swOverride()) || readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}`, served });
    }),
  );
}

test('a new build shows the "new version" notice; Reload switches to it', async ({ page }) => {
  const buildA = readFileSync(join(process.cwd(), 'dist', 'sw.js'), 'utf8');
  const versionA = buildA.match(/"version":"([0-9a-f]{16})"/)![1];
  const versionB = versionA === '0123456789abcdef' ? 'fedcba9876543210' : '0123456789abcdef';
  let deployed: string | undefined;
  const { server, origin, served } = await serveDist(() => deployed);
  try {
    await page.addInitScript(() => localStorage.setItem('tinyml-sim:intro-seen', '1'));
    await page.goto(`${origin}/?demo=blinky`);
    await expect(offlineReady(page)).toHaveAttribute('data-version', versionA, { timeout: 60_000 });
    await expect(page.getByTestId('update-ready')).toHaveCount(0);

    // The compiler was used with an older build, whose worker script had another name: build B fetches its own.
    const compilerWorker = buildA.match(/"path":"(assets\/compiler\.worker-[\w-]+\.js)"/)![1];
    await page.evaluate(async (version) => {
      const cache = await caches.open(`tinyml-sim-on-demand-${version}`);
      const headers = { 'x-tinyml-sim-name': 'compiler.worker' };
      await cache.put('/assets/compiler.worker-older.js', new Response('older', { headers }));
    }, versionA);

    // Build B is deployed: the next visit finds its service worker, which waits while build A's page is open.
    deployed = buildA.replace(`"version":"${versionA}"`, `"version":"${versionB}"`);
    served.length = 0;
    await page.reload();
    await expect(page.getByTestId('update-ready')).toContainText('A new version of tinyml-sim is ready');
    await expect(offlineReady(page)).toHaveAttribute('data-version', versionA);

    await page.getByTestId('update-reload').click();
    await expect(offlineReady(page)).toHaveAttribute('data-version', versionB);
    await expect(page.getByTestId('update-ready')).toHaveCount(0);
    // Build A's caches are gone; build B reused its unchanged files instead of downloading them again.
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('tinyml-sim-'))))
      .toEqual([`tinyml-sim-precache-${versionB}`, `tinyml-sim-on-demand-${versionB}`]);
    expect(served.filter((p) => p !== '/sw.js')).toEqual([`/${compilerWorker}`]);
    const onDemand = await page.evaluate(
      async (version) => (await (await caches.open(`tinyml-sim-on-demand-${version}`)).keys()).map((r) => r.url),
      versionB,
    );
    expect(onDemand).toEqual([`${origin}/${compilerWorker}`]);
  } finally {
    server.close();
  }
});
