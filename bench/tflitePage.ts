// TFLite's own runtime, @tensorflow/tfjs-tflite, loaded into the page under test from node_modules: its script, the
// TFLite Web API client and its wasm are served by the test's route (setWasmPath points there), never a CDN.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { loadTfjs } from './tfjsPage';

const tfliteDir = new URL('../node_modules/@tensorflow/tfjs-tflite/', import.meta.url).pathname;

/** Puts `tflite` on the page's globalThis, its wasm loaded from /bench-tflite/wasm/ (tf from loadTfjs). */
export async function loadTflite(page: Page): Promise<void> {
  await loadTfjs(page);
  await page.route('**/bench-tflite/**', (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^.*\/bench-tflite\//, '');
    if (!/^(dist\/tf-tflite\.min\.js|wasm\/[\w.]+\.(js|wasm))$/.test(path)) return route.fulfill({ status: 404 });
    return route.fulfill({
      body: readFileSync(join(tfliteDir, path)),
      contentType: path.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
    });
  });
  await page.addScriptTag({ url: '/bench-tflite/dist/tf-tflite.min.js' });
  await page.evaluate(() => {
    const tflite = (globalThis as unknown as { tflite: { setWasmPath(p: string): void } }).tflite;
    tflite.setWasmPath('/bench-tflite/wasm/');
  });
}
