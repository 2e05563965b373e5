// The anomaly demo's readings as the device posts them (its anomaly.sample reports), kept in IndexedDB in chunks of
// about a second, the newest READINGS_KEPT; and the retraining of its regression from them (src/ml/anomaly/retrain).
// Chunks are typed arrays (cheap to store and to read back) and this tab keeps an index of them, so a flush only
// adds a chunk and, past the limit, deletes the oldest: it never reads the store back.
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
  n: Int32Array;
  value: Float64Array;
  /** NaN where the running model predicted nothing. */
  predicted: Float64Array;
}

let buffer: PostedReading[] = [];
let flushing: Promise<void> = Promise.resolve();
/** The stored chunks, oldest first: key and length. */
let index: Promise<{ id: number; length: number }[]> | undefined;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const problem = (e: unknown) => `The device's readings cannot be kept in this browser: ${errorText(e)}.`;

/** A stored chunk as it must be; anything else (another version's, a damaged record) counts as empty. */
function valid(c: unknown): c is Required<Chunk> {
  const x = c as Partial<Chunk> | undefined;
  return (
    !!x &&
    typeof x.id === 'number' &&
    x.n instanceof Int32Array &&
    x.value instanceof Float64Array &&
    x.predicted instanceof Float64Array &&
    x.value.length === x.n.length &&
    x.predicted.length === x.n.length
  );
}

const allChunks = async () => (await transact(READINGS_STORE, 'readonly', (s) => s.getAll())).filter(valid);

function loadIndex() {
  return (index ??= allChunks().then((cs) => cs.map((c) => ({ id: c.id, length: c.n.length }))));
}

const total = (ix: { length: number }[]) => ix.reduce((a, c) => a + c.length, 0);

async function flush(): Promise<void> {
  if (!buffer.length || useStore.getState().postedReadings.problem) return;
  const readings = buffer;
  buffer = [];
  const chunk: Chunk = {
    n: Int32Array.from(readings, (r) => r.n),
    value: Float64Array.from(readings, (r) => r.value),
    predicted: Float64Array.from(readings, (r) => r.predicted ?? NaN),
  };
  try {
    const ix = await loadIndex();
    const id = (await transact(READINGS_STORE, 'readwrite', (s) => s.add(chunk))) as number;
    ix.push({ id, length: readings.length });
    // Drop the oldest chunks beyond what is kept.
    while (total(ix) - ix[0]!.length >= READINGS_KEPT) {
      const oldest = ix.shift()!;
      await transact(READINGS_STORE, 'readwrite', (s) => s.delete(oldest.id));
    }
    useStore.getState().setPostedReadings({ count: total(ix) });
  } catch (e) {
    useStore.getState().setPostedReadings({ count: 0, problem: problem(e) });
  }
}

const queueFlush = () => (flushing = flushing.then(flush));

/** Keeps every reading the firmware reports from now on. */
export function initPostedReadings(): void {
  void refreshReadingsCount();
  telemetryChannel.subscribe('anomaly.sample', (r) => {
    buffer.push({ n: r.n, value: r.value, predicted: r.predicted });
  });
  setInterval(queueFlush, FLUSH_MS);
}

export async function refreshReadingsCount(): Promise<void> {
  try {
    useStore.getState().setPostedReadings({ count: total(await loadIndex()) });
  } catch (e) {
    useStore.getState().setPostedReadings({ count: 0, problem: problem(e) });
  }
}

export async function clearReadings(): Promise<void> {
  buffer = [];
  await flushing;
  await transact(READINGS_STORE, 'readwrite', (s) => s.clear());
  index = Promise.resolve([]);
  await refreshReadingsCount();
}

/** Fits the regression on the kept readings with the running model's k; the result (or why not) goes to the store. */
export async function retrainAnomalyModel(k: number): Promise<void> {
  const store = useStore.getState();
  try {
    await queueFlush();
    const readings = (await allChunks()).flatMap((c) =>
      Array.from(c.n, (n, i) => ({
        n,
        value: c.value[i]!,
        predicted: Number.isNaN(c.predicted[i]) ? null : c.predicted[i]!,
      })),
    );
    store.setAnomalyRetrain({ ok: true, result: retrainRegression(readings, k) });
  } catch (e) {
    store.setAnomalyRetrain({ ok: false, message: errorText(e) });
  }
}
