// The Numenta Anomaly Benchmark score of a binary detector on one data file, as NAB computes it (numenta/NAB,
// nab/sweeper.py, v1.x):
//  - Rows before the probationary period ends — min(floor(0.15·rows), 0.15·5000 = 750) — are not scored.
//  - A detection inside an anomaly window (rows left..right, width W = right-left+1) at row i sits at relative
//    position p = -(right - i + 1) / W and earns A_tp · σs(p) / σs(-1), where σs(x) = 2/(1+e^(5x)) - 1 (and -1 for
//    x >= 3): the window's first row earns exactly A_tp, its last about 2.5 % of it. Only the best (= earliest)
//    detection in a window counts; a window without any costs A_fn.
//  - A detection outside every window costs A_fp · σs(p) with p = |i - prevRight| / (prevW - 1) measured from the
//    end of the previous window (p = 3, the full cost, before the first window): false positives just after a
//    window are cheap, later ones cost the full weight.
//  - Standard profile: A_tp = 1.0, A_fp = 0.11, A_fn = 1.0.
// Normalised score = 100 · (raw - null) / (perfect - null), with null = -A_fn · windows (a detector that never
// fires) and perfect = A_tp · windows (one detection at the start of every window), as NAB's runner normalises.

export interface NabProfile {
  tp: number;
  fp: number;
  fn: number;
}

export const NAB_STANDARD: NabProfile = { tp: 1.0, fp: 0.11, fn: 1.0 };

/** Rows `start`..`end`, inclusive. */
export interface NabWindow {
  start: number;
  end: number;
}

export interface NabScore {
  raw: number;
  normalized: number;
  nullScore: number;
  perfectScore: number;
  probationaryRows: number;
  /** Score part of each window: its best detection, or -A_fn. */
  windowScores: number[];
  /** Row of the earliest scored detection in each window, or null. */
  firstDetections: (number | null)[];
  /** Sum of the (negative) false-positive parts. */
  fpScore: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition >= 3.0) return -1.0;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

export function probationaryRows(rows: number, probationPercent = 0.15): number {
  return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
}

/** Row indices of windows given as [start, end] timestamps: the first row with each timestamp, as NAB does. */
export function windowsFromTimestamps(
  timestamps: ArrayLike<number>,
  windows: readonly (readonly [number, number])[],
): NabWindow[] {
  const first = (x: number) => {
    for (let i = 0; i < timestamps.length; i++) if (timestamps[i] === x) return i;
    throw new Error(`nabScore: window timestamp ${x} is not a row of the file`);
  };
  return windows.map(([a, b]) => ({ start: first(a), end: first(b) }));
}

export function nabScore(
  detections: ArrayLike<boolean | number>,
  windows: readonly NabWindow[],
  profile: NabProfile = NAB_STANDARD,
): NabScore {
  const n = detections.length;
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  for (let w = 0; w < sorted.length; w++) {
    const { start, end } = sorted[w];
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end < n))
      throw new Error(`nabScore: bad window ${start}..${end} for ${n} rows`);
    if (w > 0 && start <= sorted[w - 1].end) throw new Error('nabScore: windows overlap');
  }
  const probation = probationaryRows(n);
  const maxTp = scaledSigmoid(-1.0);
  // A window is scored (as FN when missed) if any of its rows lies after the probationary period.
  const scored = sorted.map((w) => w.end >= probation);
  const windowScores = sorted.map((_, w) => (scored[w] ? -profile.fn : 0));
  const firstDetections: (number | null)[] = sorted.map(() => null);
  let fpScore = 0;
  let falsePositives = 0;
  let w = 0; // next window
  let prevRight: number | undefined;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    while (w < sorted.length && sorted[w].end < i) {
      prevRight = sorted[w].end;
      prevWidth = sorted[w].end - sorted[w].start + 1;
      w++;
    }
    if (i < probation || !detections[i]) continue;
    const inWindow = w < sorted.length && i >= sorted[w].start;
    if (inWindow) {
      const { start, end } = sorted[w];
      const width = end - start + 1;
      const s = (scaledSigmoid(-(end - i + 1) / width) * profile.tp) / maxTp;
      if (firstDetections[w] === null) firstDetections[w] = i;
      windowScores[w] = Math.max(windowScores[w], s);
    } else {
      const position = prevRight === undefined ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
      fpScore += scaledSigmoid(position) * profile.fp;
      falsePositives++;
    }
  }
  const raw = windowScores.reduce((a, b) => a + b, 0) + fpScore;
  const counted = scored.filter(Boolean).length;
  const nullScore = -profile.fn * counted;
  const perfectScore = profile.tp * counted;
  const truePositives = firstDetections.filter((d) => d !== null).length;
  return {
    raw,
    normalized: perfectScore === nullScore ? 0 : (100 * (raw - nullScore)) / (perfectScore - nullScore),
    nullScore,
    perfectScore,
    probationaryRows: probation,
    windowScores,
    firstDetections,
    fpScore,
    truePositives,
    falsePositives,
    falseNegatives: counted - truePositives,
  };
}
