// The model-inspection worker: reads and analyses a .tflite off the page's main thread.
import { inspectTflite } from './inspect';
import type { FromInspectWorker, ToInspectWorker } from './protocol';

self.onmessage = (e: MessageEvent<ToInspectWorker>) => {
  const { id, bytes, name, footprint } = e.data;
  let reply: FromInspectWorker;
  try {
    reply = { id, ok: true, inspection: inspectTflite(bytes, name, footprint) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
