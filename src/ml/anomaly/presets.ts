// Ready-made detector settings for the anomaly firmware's model blob.
import type { AnomalyModel } from './modelBlob';

/**
 * On-device learning for a loaded trace (e.g. a CSV of 5-minute readings): the firmware fits the regression
 * itself. First fit after 15 % of the trace, at most 750 readings (NAB's probationary period), then daily refits
 * (288 readings) over the last two weeks (4,032); k = 6, 95 % interval, alarms after 2 consecutive outliers,
 * then a one-day hold-off. These are the settings of the NAB benchmark (docs/anomaly.md).
 */
export function csvLearningModel(rows: number): AnomalyModel {
  const k = 6;
  const learnMin = Math.max(2 * k + 2, Math.min(750, Math.floor(0.15 * rows)));
  return {
    k,
    timeOfDay: false,
    todPeriod: 0,
    learnOnDevice: true,
    debounce: 2,
    holdoff: 288,
    learnMin,
    learnWindow: Math.max(learnMin, 4032),
    refitEvery: 288,
    z: 1.96,
    sigma: 0,
    sigmaFloor: 0.01,
    bias: 0,
    weights: new Array(k).fill(0),
  };
}
