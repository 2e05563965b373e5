// npx tsx scripts/sweep-nab.ts — the tuning behind bench/nab.ts's NAB_CONFIG: replays the NAB machine-temperature
// trace through the anomaly firmware for a grid of k, debounce, hold-off and learning window and prints the NAB
// standard raw score of each (null -4, perfect +4; twitterADVec -0.24). About a second per run.
import { NAB_CONFIG, runNab } from '../bench/nab';

const grid = {
  k: [3, 6, 12],
  debounce: [1, 2, 3],
  holdoff: [144, 288, 576],
  learnWindow: [2016, 4032],
};
const rows: string[] = [];
for (const k of grid.k)
  for (const debounce of grid.debounce)
    for (const holdoff of grid.holdoff)
      for (const learnWindow of grid.learnWindow) {
        const r = await runNab({ ...NAB_CONFIG, k, debounce, holdoff, learnWindow, weights: new Array(k).fill(0) });
        const s = r.score;
        rows.push(
          [k, debounce, holdoff, learnWindow, s.raw.toFixed(2), s.normalized.toFixed(1), `${s.truePositives}/4`, s.falsePositives, s.firstDetections.map((d) => d ?? '-').join(' ')].join('\t'),
        );
        console.log(rows.at(-1));
      }
console.log(['k', 'debounce', 'holdoff', 'window', 'raw', 'norm', 'TP', 'FP', 'first detections'].join('\t'));
