// nodeBackend.ts — TF.js on its wasm backend in Node (scripts and tests), from the package's own files: the same
// wasm the page's worker loads, so the same settings train the same weights.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let ready: Promise<void> | undefined;

export function useWasmBackend(): Promise<void> {
  return (ready ??= (async () => {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
    await tf.setBackend('wasm');
    await tf.ready();
  })());
}
