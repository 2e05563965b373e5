// Messages between the page and the model-inspection worker.
import type { EngineFootprint } from '../tflite/report';
import type { ModelInspection } from './inspect';

export interface ToInspectWorker {
  id: number;
  bytes: Uint8Array;
  name: string;
  footprint: EngineFootprint;
}

export type FromInspectWorker =
  { id: number; ok: true; inspection: ModelInspection } | { id: number; ok: false; message: string };
