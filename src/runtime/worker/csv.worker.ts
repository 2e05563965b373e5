// Parses a CSV trace the user picked off the page's thread: in, { file }; out, protocol's FromCsvWorker messages
// (progress, then the result with the trace's arrays transferred).
import { parseCsvStream } from '../streams/parseCsvStream';
import type { FromCsvWorker, ToCsvWorker } from './protocol';

const post = (m: FromCsvWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (event: MessageEvent<ToCsvWorker>) => {
  const { file } = event.data;
  const result = await parseCsvStream(file.stream(), file.size, (p) => post({ type: 'progress', ...p }));
  post({ type: 'result', result }, result.ok ? [result.trace.t.buffer, result.trace.v.buffer] : []);
};
