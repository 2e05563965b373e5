// The Train tab's use cases: train in a worker (src/ml/train) and put what it reports into the store; keep, show,
// clear and export the digits the user labelled on the device.
import { encodeDigitSet, IMAGE_BYTES } from '../ml/mnist/dataset';
import type { FromTrainWorker, ExtraDigits, ToTrainWorker, TrainOutcome } from '../ml/train/protocol';
import {
  LIMITS,
  parseHidden,
  parseInteger,
  parseLearningRate,
  DEFAULT_SETTINGS,
  type TrainSettings,
} from '../ml/train/settings';
import type { TrainedModel } from '../state/workbenchSlice';
import { useStore } from '../state/store';
import { downloadFile } from './download';
import { digitStorage, type CollectedDigit } from './digitStorage';
import { visitorData } from './visitorData';

let worker: Worker | undefined;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The form's settings, or the first message saying what is wrong with them. */
export function settingsFromForm(): { ok: true; settings: TrainSettings } | { ok: false; message: string } {
  const f = useStore.getState().trainForm;
  const hidden = parseHidden(f.hidden);
  if (!hidden.ok) return hidden;
  const epochs = parseInteger('Epochs', f.epochs, LIMITS.epochs.min, LIMITS.epochs.max);
  if (!epochs.ok) return epochs;
  const batchSize = parseInteger('Batch size', f.batchSize, LIMITS.batchSize.min, LIMITS.batchSize.max);
  if (!batchSize.ok) return batchSize;
  const learningRate = parseLearningRate(f.learningRate);
  if (!learningRate.ok) return learningRate;
  return {
    ok: true,
    settings: {
      hidden: hidden.value,
      epochs: epochs.value,
      batchSize: batchSize.value,
      learningRate: learningRate.value,
      seed: DEFAULT_SETTINGS.seed,
    },
  };
}

export function trainedModelOf(outcome: TrainOutcome, trainedAt: number): TrainedModel {
  const e = outcome.evaluation;
  return {
    artefact: outcome.artefact,
    hidden: outcome.settings.hidden,
    floatAccuracy: e.floatAccuracy,
    int8Accuracy: e.int8Accuracy,
    agreement: e.agreement,
    flashBytes: e.footprint.flashBytes,
    arenaBytes: e.footprint.arenaBytes,
    trainedAt,
  };
}

function onMessage(m: FromTrainWorker): void {
  const store = useStore.getState();
  switch (m.type) {
    case 'phase':
      return store.setTrainPhase(m.phase);
    case 'progress':
      return store.addTrainProgress(
        { epoch: m.epoch, epochs: m.epochs, batch: m.batch, batches: m.batches, elapsedMs: m.elapsedMs },
        { x: m.epoch - 1 + m.batch / m.batches, loss: m.loss, accuracy: m.accuracy },
      );
    case 'epoch':
      if (m.result.validationLoss === undefined) return;
      return store.addValidationPoint({
        x: m.result.epoch,
        loss: m.result.validationLoss,
        accuracy: m.result.validationAccuracy!,
      });
    case 'done':
      return store.finishTrainRun(m.outcome, trainedModelOf(m.outcome, Date.now()));
    case 'nothing-trained':
      return store.setTrainPhase(
        'nothing-trained',
        'Stopped before the first epoch ended: nothing was trained' +
          (store.trainedModel ? '; the previous model is kept.' : '.'),
      );
    case 'error':
      return store.setTrainPhase('failed', `Training failed: ${m.message}`);
  }
}

function trainWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../ml/train/train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
  w.onmessage = (e: MessageEvent<FromTrainWorker>) => onMessage(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    w.terminate();
    worker = undefined;
    useStore.getState().setTrainPhase('failed', `Training failed: ${e.message || 'the training worker stopped'}`);
  };
  worker = w;
  return w;
}

async function collectedForTraining(): Promise<ExtraDigits | undefined> {
  if (!useStore.getState().trainForm.includeCollected || useStore.getState().dataset.problem) return undefined;
  const digits = await digitStorage.all();
  if (digits.length === 0) return undefined;
  const labels = Uint8Array.from(digits, (d) => d.label);
  const images = new Uint8Array(digits.length * IMAGE_BYTES);
  digits.forEach((d, i) => images.set(d.pixels, i * IMAGE_BYTES));
  return { labels, images };
}

/** Starts a run with the form's settings; a bad setting is shown and nothing starts. */
export async function startTraining(): Promise<void> {
  const store = useStore.getState();
  if (store.trainPhase === 'loading' || store.trainPhase === 'training' || store.trainPhase === 'quantizing') return;
  const parsed = settingsFromForm();
  if (!parsed.ok) return;
  store.startTrainRun();
  let extra: ExtraDigits | undefined;
  try {
    extra = await collectedForTraining();
  } catch (e) {
    return store.setTrainPhase('failed', `Your digits could not be read: ${errorText(e)}`);
  }
  const message: ToTrainWorker = { type: 'train', settings: parsed.settings, extra };
  trainWorker().postMessage(message, extra ? [extra.labels.buffer, extra.images.buffer] : []);
}

/** Ends the run at the next batch; the worker keeps the last complete epoch's model. */
export function stopTraining(): void {
  worker?.postMessage({ type: 'stop' } satisfies ToTrainWorker);
}

// ---- collected digits ----------------------------------------------------------------------------------------------

const EMBEDDED = 'An embedded board keeps no digits: open the simulator on its own page to collect them.';

async function refreshCount(): Promise<void> {
  if (!visitorData.allowed()) return useStore.getState().setDataset({ count: 0, problem: EMBEDDED });
  try {
    useStore.getState().setDataset({ count: await digitStorage.count() });
  } catch (e) {
    useStore
      .getState()
      .setDataset({ count: 0, problem: `Your digits cannot be kept in this browser: ${errorText(e)}.` });
  }
}

export const loadDataset = refreshCount;

/** Keeps the firmware's input of an inference with the digit the user says it is; resolves to the new count. */
export async function labelDigit(pixels: readonly number[], label: number): Promise<void> {
  if (pixels.length !== IMAGE_BYTES || !Number.isInteger(label) || label < 0 || label > 9) return;
  if (!visitorData.allowed()) return refreshCount();
  try {
    await digitStorage.add({ label, pixels: Uint8Array.from(pixels), at: Date.now() });
  } catch (e) {
    useStore
      .getState()
      .setDataset({ count: 0, problem: `Your digits cannot be kept in this browser: ${errorText(e)}.` });
    return;
  }
  await refreshCount();
}

export function listDataset(): Promise<CollectedDigit[]> {
  return digitStorage.all();
}

export async function clearDataset(): Promise<void> {
  await digitStorage.clear();
  await refreshCount();
}

/** The collected digits as one file in the bundled digits' MNB1 format (src/ml/mnist/dataset.ts). */
export async function exportDataset(): Promise<void> {
  const digits = await digitStorage.all();
  const images = new Uint8Array(digits.length * IMAGE_BYTES);
  digits.forEach((d, i) => images.set(d.pixels, i * IMAGE_BYTES));
  const bytes = encodeDigitSet({
    count: digits.length,
    labels: Uint8Array.from(digits, (d) => d.label),
    source: new Uint16Array(digits.length),
    images,
  });
  downloadFile(`my-digits-${digits.length}.mnb1`, bytes);
}
