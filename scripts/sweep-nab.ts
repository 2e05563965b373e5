// npx tsx scripts/sweep-nab.ts — the tuning behind the detector's defaults (DETECTOR_DEFAULTS in
// src/ml/anomaly/presets.ts, which bench/nab.ts's NAB_CONFIG uses): replays the NAB machine-temperature trace
// through the anomaly firmware for a grid of alarm threshold, debounce and hold-off and prints the NAB standard raw
// score of each (null -4, perfect +4; twitterADVec -0.24). About a second per run.
import { NAB_CONFIG, runNab } from '../bench/nab';

const grid = {
  alarmZ: [3.6, 4, 4.5, 5],
  debounce: [2, 3, 4],
  holdoff: [5, 288],
};
console.log(['alarm z', 'debounce', 'holdoff', 'raw', 'norm', 'TP', 'FP', 'first detections'].join('\t'));
for (const alarmZ of grid.alarmZ)
  for (const debounce of grid.debounce)
    for (const holdoff of grid.holdoff) {
      const s = (await runNab({ ...NAB_CONFIG, alarmZ, debounce, holdoff })).score;
      console.log(
        [
          alarmZ,
          debounce,
          holdoff,
          s.raw.toFixed(2),
          s.normalized.toFixed(1),
          `${s.truePositives}/4`,
          s.falsePositives,
          s.firstDetections.map((d) => d ?? '-').join(' '),
        ].join('\t'),
      );
    }
