// The anomaly demo's readings as the device posts them (its anomaly.sample reports), kept in IndexedDB in chunks of
// about a second, the newest READINGS_KEPT; and the retraining of its regression from them (src/ml/anomaly/retrain).
import { retrainRegression, type PostedReading } from '../ml/anomaly/retrain';
import { useStore } from '../state/store';
import { telemetryChannel } from './channels';
import { READINGS_STORE, transact } from './dataDb';

/** At 1 reading a virtual second, about 5.5 hours of readings. */
export const READINGS_KEPT = 20_000;
const FLUSH_MS = 1000;

interface Chunk {
  /** The store's key, set by IndexedDB. */
  id?: number;
  readings: PostedReading[];
}

let buffer: PostedReading[] = [];
let flushing: Promise<void> = Promise.resolve();

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const problem = (e: unknown) => `The device's readings cannot be kept in this browser: ${errorText(e)}.`;

/** A stored chunk as it must be: anything else (another version's, a damaged record) counts as empty. */
function readingsOf(c: unknown): PostedReading[] {
  const readings = (c as Partial<Chunk> | undefined)?.readings;
  const ok = (r: PostedReading) =>
    Number.isInteger(r?.n) && Number.isFinite(r.value) && (r.predicted === null || Number.isFinite(r.predicted));
  return Array.isArray(readings) && readings.every(ok) ? readings : [];
}

/** The stored chunks, oldest first. */
async function chunks(): Promise<Chunk[]> {
  const stored = await transact(READINGS_STORE, 'readonly', (s) => s.getAll());
  return stored.map((c: { id?: number }) => ({ id: c?.id, readings: readingsOf(c) }));
}

async function flush(): Promise<void> {
  if (!buffer.length || useStore.getState().postedReadings.problem) return;
  const chunk: Chunk = { readings: buffer };
  buffer = [];
  try {
    await transact(READINGS_STORE, 'readwrite', (s) => s.add(chunk));
    const values = await chunks();
    let total = values.reduce((a, c) => a + c.readings.length, 0);
    // Drop the oldest chunks beyond what is kept.
    for (let i = 0; total - values[i]!.readings.length >= READINGS_KEPT; i++) {
      await transact(READINGS_STORE, 'readwrite', (s) => s.delete(values[i]!.id!));
      total -= values[i]!.readings.length;
    }
    useStore.getState().setPostedReadings({ count: total });
  } catch (e) {
    useStore.getState().setPostedReadings({ count: 0, problem: problem(e) });
  }
}

/** Keeps every reading the firmware reports from now on. */
export function initPostedReadings(): void {
  void refreshReadingsCount();
  telemetryChannel.subscribe('anomaly.sample', (r) => {
    buffer.push({ n: r.n, value: r.value, predicted: r.predicted });
  });
  setInterval(() => (flushing = flushing.then(flush)), FLUSH_MS);
}

export async function refreshReadingsCount(): Promise<void> {
  try {
    const values = await chunks();
    useStore.getState().setPostedReadings({ count: values.reduce((a, c) => a + c.readings.length, 0) });
  } catch (e) {
    useStore.getState().setPostedReadings({ count: 0, problem: problem(e) });
  }
}

export async function clearReadings(): Promise<void> {
  buffer = [];
  await flushing;
  await transact(READINGS_STORE, 'readwrite', (s) => s.clear());
  await refreshReadingsCount();
}

/** Fits the regression on the kept readings with the running model's k; the result (or why not) goes to the store. */
export async function retrainAnomalyModel(k: number): Promise<void> {
  const store = useStore.getState();
  try {
    await (flushing = flushing.then(flush));
    const values = await chunks();
    store.setAnomalyRetrain({
      ok: true,
      result: retrainRegression(
        values.flatMap((c) => c.readings),
        k,
      ),
    });
  } catch (e) {
    store.setAnomalyRetrain({ ok: false, message: errorText(e) });
  }
}
