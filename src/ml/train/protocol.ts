// protocol.ts — messages between the page and the training worker (train.worker.ts → TrainSession).
import type { Int8MlpArtefact } from '../mlp/int8Mlp';
import type { Evaluation } from './evaluate';
import type { BatchProgress, EpochResult } from './trainer';
import type { TrainSettings } from './settings';

/** Labelled 28×28 digits (0..255, row-major), count = labels.length. */
export interface ExtraDigits {
  labels: Uint8Array;
  images: Uint8Array;
}

export type ToTrainWorker =
  | { type: 'train'; settings: TrainSettings; extra?: ExtraDigits }
  /** Ends the run at the next batch; the last complete epoch's model is kept. */
  | { type: 'stop' };

export interface TrainOutcome {
  /** The run was stopped before its last epoch. */
  stopped: boolean;
  settings: TrainSettings;
  trainDigits: number;
  epochs: EpochResult[];
  weightsSha256: string;
  artefact: Int8MlpArtefact;
  evaluation: Evaluation;
  /** The misclassified held-out digits' pixels, 784 bytes each, in evaluation.misclassified order (up to 60). */
  misclassifiedImages: Uint8Array;
}

export type FromTrainWorker =
  | { type: 'phase'; phase: 'loading' | 'training' | 'quantizing' }
  | ({ type: 'progress'; epochs: number; elapsedMs: number } & BatchProgress)
  | { type: 'epoch'; result: EpochResult }
  | { type: 'done'; outcome: TrainOutcome }
  /** Stopped before the first epoch ended: nothing was trained. */
  | { type: 'nothing-trained' }
  | { type: 'error'; message: string };
