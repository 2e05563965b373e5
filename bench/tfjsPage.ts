// TF.js with its wasm backend, loaded into the page under test from node_modules (the app does not expose it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const tfDir = new URL('../node_modules/@tensorflow/', import.meta.url).pathname;

/** Puts `tf` (wasm backend, ready) on the page's globalThis. */
export async function loadTfjs(page: Page): Promise<void> {
  await page.route('**/bench-tfjs/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    const file =
      name.startsWith('tf-backend') || name.endsWith('.wasm')
        ? join(tfDir, 'tfjs-backend-wasm/dist', name)
        : join(tfDir, 'tfjs/dist', name);
    return route.fulfill({
      body: readFileSync(file),
      contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
    });
  });
  await page.addScriptTag({ url: '/bench-tfjs/tf.min.js' });
  await page.addScriptTag({ url: '/bench-tfjs/tf-backend-wasm.min.js' });
  await page.evaluate(async () => {
    const tf = (globalThis as unknown as { tf: any }).tf; // eslint-disable-line @typescript-eslint/no-explicit-any
    tf.wasm.setWasmPaths('/bench-tfjs/');
    await tf.setBackend('wasm');
  });
}
