// Ready-made detector settings for the anomaly firmware's model blob.
import type { AnomalyModel } from './modelBlob';

/**
 * How the firmware turns residuals into alarms, for the compiled-in model (scripts/train-anomaly.ts) and every
 * trace loaded in the app. An alarm needs one reading more than 3.6 σ off (or a spike and its echo as strong
 * together), or 4 readings in a row outside the 95 % interval; then 5 readings raise no new alarm. On clean
 * synthetic streams that is < 1 false alarm per 1,000 readings, where 2 in a row outside the interval gave 2.5
 * (wasm/tests/anomaly.detection.test.ts measures both; docs/anomaly.md explains the choice).
 */
export const DETECTOR_DEFAULTS = {
  z: 1.96,
  alarmZ: 3.6,
  debounce: 4,
  holdoff: 5,
} as const satisfies Partial<AnomalyModel>;

/**
 * On-device learning for a loaded trace (e.g. a CSV of 5-minute readings): the firmware fits the regression
 * itself. First fit after 15 % of the trace, at most 750 readings (NAB's probationary period), then daily refits
 * (288 readings) over the last two weeks (4,032); k = 6, with DETECTOR_DEFAULTS.
 */
export function csvLearningModel(rows: number): AnomalyModel {
  const k = 6;
  const learnMin = Math.max(2 * k + 2, Math.min(750, Math.floor(0.15 * rows)));
  return {
    k,
    timeOfDay: false,
    todPeriod: 0,
    learnOnDevice: true,
    ...DETECTOR_DEFAULTS,
    learnMin,
    learnWindow: Math.max(learnMin, 4032),
    refitEvery: 288,
    sigma: 0,
    sigmaFloor: 0.01,
    bias: 0,
    weights: new Array(k).fill(0),
  };
}
