// The training worker: TF.js on its wasm backend (the files come through Vite's ?url, as setWasmPaths needs),
// the bundled digits fetched and gunzipped here, and messages dispatched to TrainSession.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import trainUrl from '../../../data/mnist/train.bin.gz?url';
import testUrl from '../../../data/mnist/test.bin.gz?url';
import { decodeDigitSet, type DigitSet } from '../mnist/dataset';
import type { FromTrainWorker, ToTrainWorker } from './protocol';
import { TrainSession } from './session';

const post = (m: FromTrainWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

/** Some servers send a .gz file as Content-Encoding: gzip (the browser then unpacks it), others as it is. */
async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fetchDigits(url: string): Promise<DigitSet> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch the MNIST digits (${res.status} ${res.statusText})`);
  return decodeDigitSet(await gunzipped(new Uint8Array(await res.arrayBuffer())));
}

async function startBackend(): Promise<void> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  if (!(await tf.setBackend('wasm'))) throw new Error('the TF.js wasm backend could not start');
  await tf.ready();
}

let backend: Promise<void> | undefined;

async function loadData() {
  await (backend ??= startBackend());
  const [train, test] = await Promise.all([fetchDigits(trainUrl), fetchDigits(testUrl)]);
  return { train, test };
}

const session = new TrainSession(post, loadData);
self.onmessage = (e: MessageEvent<ToTrainWorker>) => void session.handle(e.data);
