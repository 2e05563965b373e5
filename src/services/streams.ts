// The anomaly demo's sensor sources: the slider, the seeded synthetic generator, or a CSV trace the user loads.
import { encodeModelBlob, MODEL_BLOB_SLOT } from '../ml/anomaly/modelBlob';
import { csvLearningModel } from '../ml/anomaly/presets';
import { type CsvTrace, describeCsvResult, parseCsvTrace, scatterAnomalies, type StreamSpec } from '../runtime';
import type { StreamKind } from '../state/streamSlice';
import { useStore } from '../state/store';
import { firmware } from './session';

const DAY_US = 288 * 1_000_000;
let trace: CsvTrace | undefined;

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

/** Parses the file; a bad file is rejected whole with line-numbered messages and the previous source stays. */
export async function loadCsvFile(file: File): Promise<void> {
  const store = useStore.getState();
  const result = parseCsvTrace(await file.text());
  const messages = describeCsvResult(result);
  if (!result.ok) {
    store.rejectCsv(messages);
    return;
  }
  trace = result.trace;
  store.setCsv(file.name, result.trace.v.length, messages);
  chooseStreamSource('csv');
  // A trace of unknown character: let the firmware learn its regression on the device.
  firmware.putBlob(MODEL_BLOB_SLOT, encodeModelBlob(csvLearningModel(result.trace.v.length)));
}

/** The anomaly demo starts on the synthetic stream. */
export function initStreams(): void {
  chooseStreamSource(useStore.getState().streamKind);
}
