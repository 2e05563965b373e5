// Replays a parsed trace on the virtual clock.
//
// Time mapping: the trace's nominal interval (the median of its positive timestamp steps, e.g. 5 min for the NAB
// machine-temperature file) is mapped to `readingPeriodUs` of virtual time (default 1 s, the anomaly firmware's
// sample period), so every reading is sampled exactly once and gaps keep their true proportions: a 10-minute gap in
// a 5-minute trace lasts two virtual seconds. Compression = nominal interval / reading period (300× for NAB at the
// default). The pacer's speed (real time, ×N, fast-forward) multiplies on top. A step backwards (or a repeated
// timestamp) — a clock jump — is replayed as one nominal interval, so no reading is skipped or repeated.
// Reading i is shown from its replay time until the next one; before the start the first reading is held, after the
// end the last.
import type { CsvTrace } from './parseCsvTrace';
import { DEFAULT_READING_PERIOD_US, type StreamSource } from './StreamSource';

export interface CsvSourceOptions {
  /** Virtual time at which the first reading appears. */
  startUs?: number;
  /** Virtual time one nominal trace interval lasts. */
  readingPeriodUs?: number;
}

export class CsvSource implements StreamSource {
  readonly kind = 'csv';
  readonly startUs: number;
  readonly readingPeriodUs: number;
  /** Median positive step between timestamps, in trace seconds. */
  readonly nominalIntervalS: number;
  /** Replay offset of each reading from startUs, whole µs (strictly increasing). */
  readonly offsetsUs: Float64Array;

  constructor(
    readonly trace: CsvTrace,
    options: CsvSourceOptions = {},
  ) {
    const n = trace.t.length;
    if (n < 1 || trace.v.length !== n)
      throw new Error(`CsvSource: trace needs matching t and v arrays, got ${trace.t.length} and ${trace.v.length}`);
    this.startUs = options.startUs ?? 0;
    this.readingPeriodUs = options.readingPeriodUs ?? DEFAULT_READING_PERIOD_US;
    if (!(this.readingPeriodUs > 0) || !Number.isFinite(this.startUs))
      throw new Error('CsvSource: readingPeriodUs must be > 0 and startUs finite');
    const steps: number[] = [];
    for (let i = 1; i < n; i++) if (trace.t[i] > trace.t[i - 1]) steps.push(trace.t[i] - trace.t[i - 1]);
    steps.sort((a, b) => a - b);
    this.nominalIntervalS = steps.length ? steps[Math.floor((steps.length - 1) / 2)] : 1;
    // Whole microseconds, from the running trace time (no accumulated rounding error).
    this.offsetsUs = new Float64Array(n);
    let traceS = 0;
    for (let i = 1; i < n; i++) {
      const dt = trace.t[i] - trace.t[i - 1];
      traceS += dt > 0 ? dt : this.nominalIntervalS;
      this.offsetsUs[i] = Math.max(
        this.offsetsUs[i - 1] + 1,
        Math.round((traceS * this.readingPeriodUs) / this.nominalIntervalS),
      );
    }
  }

  get length(): number {
    return this.trace.t.length;
  }

  /** Trace seconds per virtual second. */
  get compression(): number {
    return (this.nominalIntervalS * 1e6) / this.readingPeriodUs;
  }

  /** Virtual time at which the last reading has been shown for one period. */
  get endUs(): number {
    return this.startUs + this.offsetsUs[this.length - 1] + this.readingPeriodUs;
  }

  /** Virtual time at which reading `i` appears. */
  readingTimeUs(i: number): number {
    return this.startUs + this.offsetsUs[i];
  }

  /** Index of the reading shown at `tUs`: -1 before the start, the last one after the end. */
  indexAt(tUs: number): number {
    const x = tUs - this.startUs;
    if (x < 0) return -1;
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsetsUs[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  valueAt(tUs: number): number {
    return this.trace.v[Math.max(0, this.indexAt(tUs))];
  }
}
