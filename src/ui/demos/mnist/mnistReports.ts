// The MNIST firmware's telemetry (docs/mnist.md#telemetry), as the panel reads it.
import type { TelemetryReport } from '../../../services/channels';

export interface LayerReport {
  op: string;
  kernel?: string;
  input_shape: number[];
  output_shape: number[];
  macs: number;
  weight_bytes: number;
  qparam_bytes: number;
  arena_bytes: number;
}

export interface ModelTotals {
  macs: number;
  flash_model_bytes: number;
  arena_bytes: number;
  preprocess_bytes: number;
  static_ram_bytes: number;
  stack_high_water: number;
  heap_high_water: number;
  /** Heap bytes allocated now, and the rest of the heap the board's SRAM leaves after stack and static data. */
  heap_used: number;
  heap_free: number;
}

export interface MnistModelReport extends TelemetryReport {
  model: string;
  layers: LayerReport[];
  totals: ModelTotals;
}

export interface MnistInferenceReport extends MnistModelReport {
  seq: number;
  source: 'touch' | 'blob';
  prediction: number;
  scores: number[];
  input: number[];
  host_us?: number;
}

/** Sent at start and whenever the firmware clears its canvas: the touch screen's ink is gone. */
export interface MnistCanvasReport extends TelemetryReport {
  size: number;
  brush_radius: number;
}
