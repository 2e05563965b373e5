// fixtures.ts — the MLPerf Tiny reference models the tests read from ../shared/models/mlperf-tiny/ (not shipped;
// see its README for sources and figures).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MLPERF_DIR = fileURLToPath(new URL('../../../../shared/models/mlperf-tiny/', import.meta.url));

export interface MlperfModel {
  name: string;
  file: string;
  /** MAC count from the README's table. */
  macs: number;
}

export const MLPERF_MODELS: readonly MlperfModel[] = [
  { name: 'kws', file: 'kws_ref_model.tflite', macs: 2_656_768 },
  { name: 'vww', file: 'vww_96_int8.tflite', macs: 7_489_664 },
  { name: 'ic', file: 'pretrainedResnet_quant.tflite', macs: 12_501_632 },
  { name: 'ad', file: 'ad01_int8.tflite', macs: 264_192 },
];

export function readFixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(MLPERF_DIR + file));
}
