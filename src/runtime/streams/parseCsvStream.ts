// Parses a CSV trace as it streams in (a File's stream in the CSV worker; any byte stream in tests), so a
// 100 MB file is never one string and the caller hears how far it got.
import { type CsvParseResult, CsvTraceParser } from './parseCsvTrace';

export interface CsvProgress {
  bytes: number;
  totalBytes: number;
}

/** Reports progress at most this often (ms of wall time), and once at the end. */
export const CSV_PROGRESS_INTERVAL_MS = 100;

export async function parseCsvStream(
  stream: ReadableStream<Uint8Array>,
  totalBytes: number,
  onProgress: (p: CsvProgress) => void,
  nowMs: () => number = () => performance.now(),
): Promise<CsvParseResult> {
  const parser = new CsvTraceParser();
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  let bytes = 0;
  let lastReportMs = -Infinity;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    parser.push(decoder.decode(value, { stream: true }));
    if (nowMs() - lastReportMs >= CSV_PROGRESS_INTERVAL_MS) {
      lastReportMs = nowMs();
      onProgress({ bytes, totalBytes });
    }
  }
  parser.push(decoder.decode());
  onProgress({ bytes, totalBytes });
  return parser.finish();
}
