// The Model tab's import: read the chosen or dropped file in the page (it is never uploaded), analyse it in a
// worker, and put the result — or why it was refused — into the store. A refused file keeps the previous model.
import type { ModelInspection } from '../ml/inspect/inspect';
import type { FromInspectWorker, ToInspectWorker } from '../ml/inspect/protocol';
import { MNIST_FIRMWARE_FOOTPRINT } from '../ml/tflite/report';
import { useStore } from '../state/store';

/** Far beyond any microcontroller's flash: a bigger file is refused before it is read. */
export const MAX_MODEL_FILE_BYTES = 16 * 1024 * 1024;
/** The reader bounds its work by the file's size; a worker still busy after this is stopped. */
const INSPECT_TIMEOUT_MS = 20_000;

let worker: Worker | undefined;
let nextId = 1;
/** Only the newest import's result reaches the store. */
let latest = 0;

function inspectWorker(): Worker {
  worker ??= new Worker(new URL('../ml/inspect/inspect.worker.ts', import.meta.url), {
    type: 'module',
    name: 'model-inspect',
  });
  return worker;
}

function inspect(bytes: Uint8Array, name: string): Promise<ModelInspection> {
  const id = nextId++;
  const w = inspectWorker();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    const fail = (message: string) => {
      done();
      w.terminate();
      if (worker === w) worker = undefined;
      reject(new Error(message));
    };
    const onMessage = (e: MessageEvent<FromInspectWorker>) => {
      if (e.data.id !== id) return;
      done();
      if (e.data.ok) resolve(e.data.inspection);
      else reject(new Error(e.data.message));
    };
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      fail(`the model could not be analysed: ${e.message || 'the analysis worker stopped'}`);
    };
    const timer = setTimeout(
      () => fail(`analysing ${name} took longer than ${INSPECT_TIMEOUT_MS / 1000} s`),
      INSPECT_TIMEOUT_MS,
    );
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    const message: ToInspectWorker = { id, bytes, name, footprint: MNIST_FIRMWARE_FOOTPRINT };
    w.postMessage(message);
  });
}

/** Reads and analyses `file`; the store gets the model, or the reason it was refused. */
export async function importModelFile(file: File): Promise<void> {
  const store = useStore.getState();
  const mine = ++latest;
  store.startModelImport(file.name);
  try {
    if (file.size > MAX_MODEL_FILE_BYTES)
      throw new Error(
        `it is ${file.size.toLocaleString('en-US')} bytes, more than the ${MAX_MODEL_FILE_BYTES / 1024 / 1024} MB a microcontroller model could be`,
      );
    const bytes = new Uint8Array(await file.arrayBuffer());
    const inspection = await inspect(bytes, file.name.replace(/\.tflite$/i, ''));
    if (mine === latest) useStore.getState().finishModelImport({ fileName: file.name, bytes, ...inspection });
  } catch (e) {
    if (mine === latest)
      useStore.getState().failModelImport(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
