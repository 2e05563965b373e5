// The training workbench: the form, the run in progress (phase, progress, curves), its report, the trained model
// the deploy step builds a package from, and the user's collected digits (how many, whether they can be kept).
import type { StateCreator } from 'zustand';
import type { RetrainResult } from '../ml/anomaly/retrain';
import type { Int8MlpArtefact } from '../ml/mlp/int8Mlp';
import type { TrainOutcome } from '../ml/train/protocol';
import { DEFAULT_SETTINGS } from '../ml/train/settings';

/** The result of the last completed training run, int8-quantized, ready to be packaged and deployed. */
export interface TrainedModel {
  artefact: Int8MlpArtefact;
  hidden: number[];
  /** Held-out accuracy (0–1) of the float model (TF.js) and of the int8 model (the bit-exact TS engine). */
  floatAccuracy: number;
  int8Accuracy: number;
  /** Share of held-out digits on which float and int8 predict the same digit. */
  agreement: number;
  flashBytes: number;
  arenaBytes: number;
  /** Date.now() when the run finished. */
  trainedAt: number;
}

export type TrainPhase = 'idle' | 'loading' | 'training' | 'quantizing' | 'done' | 'nothing-trained' | 'failed';

export interface TrainForm {
  hidden: string;
  epochs: string;
  batchSize: string;
  learningRate: string;
  includeCollected: boolean;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  elapsedMs: number;
}

/** One point of a curve: x in epochs (fractional while an epoch runs). */
export interface CurvePoint {
  x: number;
  loss: number;
  accuracy: number;
}

export interface DatasetState {
  count: number;
  /** Why the digits cannot be kept in this browser (no IndexedDB, refused), if so. */
  problem?: string;
}

export type AnomalyRetrain = { ok: true; result: RetrainResult } | { ok: false; message: string };

export interface WorkbenchSlice {
  trainForm: TrainForm;
  trainPhase: TrainPhase;
  trainMessage?: string;
  trainProgress?: TrainProgress;
  trainCurve: CurvePoint[];
  validationCurve: CurvePoint[];
  trainReport?: TrainOutcome;
  trainedModel?: TrainedModel;
  dataset: DatasetState;
  /** The anomaly demo's readings kept as the device posted them. */
  postedReadings: DatasetState;
  anomalyRetrain?: AnomalyRetrain;
  setTrainForm(patch: Partial<TrainForm>): void;
  startTrainRun(): void;
  setTrainPhase(phase: TrainPhase, message?: string): void;
  addTrainProgress(p: TrainProgress, point: CurvePoint): void;
  addValidationPoint(point: CurvePoint): void;
  finishTrainRun(report: TrainOutcome, model: TrainedModel): void;
  setDataset(dataset: DatasetState): void;
  setPostedReadings(readings: DatasetState): void;
  setAnomalyRetrain(retrain: AnomalyRetrain | undefined): void;
}

export const createWorkbenchSlice: StateCreator<WorkbenchSlice, [], [], WorkbenchSlice> = (set) => ({
  trainForm: {
    hidden: DEFAULT_SETTINGS.hidden.join(','),
    epochs: String(DEFAULT_SETTINGS.epochs),
    batchSize: String(DEFAULT_SETTINGS.batchSize),
    learningRate: String(DEFAULT_SETTINGS.learningRate),
    includeCollected: true,
  },
  trainPhase: 'idle',
  trainCurve: [],
  validationCurve: [],
  dataset: { count: 0 },
  postedReadings: { count: 0 },
  setTrainForm: (patch) => set((s) => ({ trainForm: { ...s.trainForm, ...patch } })),
  // The previous run's report and model stay until this run completes: a stopped or failed run keeps them.
  startTrainRun: () =>
    set({
      trainPhase: 'loading',
      trainMessage: undefined,
      trainProgress: undefined,
      trainCurve: [],
      validationCurve: [],
    }),
  setTrainPhase: (trainPhase, trainMessage) => set({ trainPhase, trainMessage }),
  addTrainProgress: (trainProgress, point) => set((s) => ({ trainProgress, trainCurve: [...s.trainCurve, point] })),
  addValidationPoint: (point) => set((s) => ({ validationCurve: [...s.validationCurve, point] })),
  finishTrainRun: (trainReport, trainedModel) => set({ trainPhase: 'done', trainReport, trainedModel }),
  setDataset: (dataset) => set({ dataset }),
  setPostedReadings: (postedReadings) => set({ postedReadings }),
  setAnomalyRetrain: (anomalyRetrain) => set({ anomalyRetrain }),
});
