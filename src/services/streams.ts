// The anomaly demo's sensor sources: the slider, the seeded synthetic generator, or a CSV trace the user loads.
import { encodeModelBlob, MODEL_BLOB_SLOT } from '../ml/anomaly/modelBlob';
import { csvLearningModel } from '../ml/anomaly/presets';
import {
  type CsvParseResult,
  type CsvTrace,
  describeCsvResult,
  type FromCsvWorker,
  scatterAnomalies,
  type StreamSpec,
  type ToCsvWorker,
} from '../runtime';
import type { StreamKind } from '../state/streamSlice';
import { useStore } from '../state/store';
import { firmware } from './session';

const DAY_US = 288 * 1_000_000;
let trace: CsvTrace | undefined;
/** Ends the read of the file picked before, if it is still going: picking another file replaces it. */
let cancelCsvRead: (() => void) | undefined;

/** A day of warm-up, then one anomaly of each kind per day for a week, at seeded times. */
function syntheticSpec(): StreamSpec {
  const anomalies = scatterAnomalies({ seed: 7, fromUs: DAY_US, toUs: 8 * DAY_US, count: 12 });
  return { kind: 'synthetic', options: { seed: 42, anomalies } };
}

function specFor(kind: StreamKind): StreamSpec | undefined {
  if (kind === 'manual') return { kind: 'manual', celsius: useStore.getState().sliderC };
  if (kind === 'synthetic') return syntheticSpec();
  return trace ? { kind: 'csv', trace } : undefined;
}

export function chooseStreamSource(kind: StreamKind): void {
  useStore.getState().setStreamKind(kind);
  const spec = specFor(kind);
  if (spec) firmware.setStream(spec);
}

export function setSliderTemperature(celsius: number): void {
  useStore.getState().setSliderC(celsius);
  if (useStore.getState().streamKind === 'manual') firmware.setStream({ kind: 'manual', celsius });
}

/** Parses `file` in a worker, streaming it, and reports the fraction read; undefined when another file replaced it. */
function parseInWorker(file: File, onFraction: (fraction: number) => void): Promise<CsvParseResult | undefined> {
  cancelCsvRead?.();
  const worker = new Worker(new URL('../runtime/worker/csv.worker.ts', import.meta.url), {
    type: 'module',
    name: 'csv',
  });
  return new Promise((resolve) => {
    const settle = (r: CsvParseResult | undefined) => {
      worker.terminate();
      cancelCsvRead = undefined;
      resolve(r);
    };
    cancelCsvRead = () => settle(undefined);
    worker.onmessage = (e: MessageEvent<FromCsvWorker>) => {
      if (e.data.type === 'progress') onFraction(e.data.totalBytes > 0 ? e.data.bytes / e.data.totalBytes : 1);
      else settle(e.data.result);
    };
    worker.onerror = (e) =>
      settle({
        ok: false,
        errors: [{ line: 1, message: `could not read the file: ${e.message}` }],
        errorCount: 1,
        warnings: [],
        warningCount: 0,
      });
    worker.postMessage({ file } satisfies ToCsvWorker);
  });
}

/**
 * Parses the file off the page's thread, showing progress; a bad file is rejected whole with line-numbered messages
 * and the previous source stays. Resolves with the parser's result (undefined when another file replaced it).
 */
export async function loadCsvFile(file: File): Promise<CsvParseResult | undefined> {
  useStore.getState().setCsvLoading({ name: file.name, fraction: 0 });
  const result = await parseInWorker(file, (fraction) =>
    useStore.getState().setCsvLoading({ name: file.name, fraction }),
  );
  if (!result) return undefined; // another file was picked meanwhile
  const store = useStore.getState();
  const messages = describeCsvResult(result);
  if (!result.ok) {
    store.rejectCsv(messages);
    return result;
  }
  trace = result.trace;
  store.setCsv(file.name, result.trace.v.length, messages);
  chooseStreamSource('csv');
  // A trace of unknown character: let the firmware learn its regression on the device.
  firmware.putBlob(MODEL_BLOB_SLOT, encodeModelBlob(csvLearningModel(result.trace.v.length)));
  return result;
}

/** The anomaly demo starts on the synthetic stream. */
export function initStreams(): void {
  chooseStreamSource(useStore.getState().streamKind);
}
