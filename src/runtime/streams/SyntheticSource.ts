// A seeded synthetic temperature stream: baseline + daily cycle + bounded slow drift + Gaussian noise, with anomalies
// (spike, step, stuck sensor, noise burst) placed at chosen virtual times. Like a real sensor feed it produces one
// reading per `readingPeriodUs` (held between readings); `readingsPerDay` sets how many readings make a day of
// the daily cycle (288 = one reading every 5 minutes, the cadence of the NAB machine-temperature trace).
// Every value is a pure function of (seed, reading index), so the stream is identical however it is replayed.
import { gaussian, Rng, uniform } from './random';
import { DEFAULT_READING_PERIOD_US, type StreamSource } from './StreamSource';

export type AnomalyKind = 'spike' | 'step' | 'stuck' | 'noise';
export const ANOMALY_KINDS: readonly AnomalyKind[] = ['spike', 'step', 'stuck', 'noise'];

export interface AnomalySpec {
  kind: AnomalyKind;
  /** Virtual time (absolute µs) at which it starts; it begins with the first reading at or after this time. */
  atUs: number;
  /** How long it lasts (µs). Defaults: spike 1 reading, step for ever, stuck 60 readings, noise 30 readings. */
  durationUs?: number;
  /** spike/step: offset in °C (default +4 / +2.5); noise: extra noise standard deviation in °C (default 1). */
  magnitudeC?: number;
}

export interface InjectedAnomaly {
  kind: AnomalyKind;
  startUs: number;
  /** End (exclusive), Infinity for a step that never ends. */
  endUs: number;
  magnitudeC: number;
  firstReading: number;
  /** Last affected reading (inclusive), Infinity when open-ended. */
  lastReading: number;
}

export interface SyntheticOptions {
  seed?: number;
  /** Virtual time of reading 0. */
  startUs?: number;
  readingPeriodUs?: number;
  readingsPerDay?: number;
  baselineC?: number;
  /** Half the peak-to-peak daily swing; coldest at 04:00, warmest at 16:00. */
  dailyAmplitudeC?: number;
  /** Standard deviation of the white measurement noise. */
  noiseC?: number;
  /** Fastest rate of the slow drift, °C per day (0: no drift). */
  driftCPerDay?: number;
  /** The drift wanders around the baseline and never leaves baseline ± driftRangeC. */
  driftRangeC?: number;
  anomalies?: readonly AnomalySpec[];
}

const DEFAULTS = {
  seed: 1,
  startUs: 0,
  readingPeriodUs: DEFAULT_READING_PERIOD_US,
  readingsPerDay: 288,
  baselineC: 22,
  dailyAmplitudeC: 3,
  noiseC: 0.15,
  driftCPerDay: 0.3,
  driftRangeC: 1.5,
};

// The drift is a sum of three slow sinusoids with incommensurate periods (ratios 1 : φ⁻¹ : φ⁻²) and seeded phases:
// it wanders and returns (mean-reverting), never exceeds the range, and stays a pure function of the reading index.
const DRIFT_WEIGHTS = [0.5, 0.3, 0.2];
const DRIFT_PERIOD_RATIOS = [1, 0.6180339887, 0.3819660113];

export class SyntheticSource implements StreamSource {
  readonly kind = 'synthetic';
  readonly options: Required<Omit<SyntheticOptions, 'anomalies'>>;
  /** The anomalies as placed, sorted by start. */
  readonly anomalies: readonly InjectedAnomaly[];
  private readonly driftTerms: readonly { amplitudeC: number; radiansPerDay: number; phase: number }[];

  constructor(options: SyntheticOptions = {}) {
    const o = {
      ...DEFAULTS,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as typeof DEFAULTS;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new Error(`SyntheticSource: ${k} must be finite, got ${v}`);
    }
    if (!(o.readingPeriodUs > 0))
      throw new Error(`SyntheticSource: readingPeriodUs must be > 0, got ${o.readingPeriodUs}`);
    if (!(o.readingsPerDay >= 2))
      throw new Error(`SyntheticSource: readingsPerDay must be >= 2, got ${o.readingsPerDay}`);
    if (o.noiseC < 0) throw new Error(`SyntheticSource: noiseC must be >= 0, got ${o.noiseC}`);
    if (o.driftCPerDay < 0 || o.driftRangeC < 0)
      throw new Error('SyntheticSource: driftCPerDay and driftRangeC must be >= 0');
    this.options = o;
    // Longest period such that the steepest possible slope, driftRangeC · Σ weight · π / period, is driftCPerDay.
    const slowestDays =
      (Math.PI * o.driftRangeC * DRIFT_WEIGHTS.reduce((s, w, j) => s + w / DRIFT_PERIOD_RATIOS[j], 0)) / o.driftCPerDay;
    this.driftTerms = DRIFT_WEIGHTS.map((w, j) => ({
      amplitudeC: w * o.driftRangeC,
      radiansPerDay: o.driftCPerDay > 0 ? (2 * Math.PI) / (slowestDays * DRIFT_PERIOD_RATIOS[j]) : 0,
      phase: 2 * Math.PI * uniform(o.seed ^ 0x6a09e667, j),
    }));
    this.anomalies = (options.anomalies ?? []).map((a) => this.place(a)).sort((a, b) => a.startUs - b.startUs);
  }

  /** Index of the reading shown at `tUs` (0 before the start). */
  readingIndexAt(tUs: number): number {
    return Math.max(0, Math.floor((tUs - this.options.startUs) / this.options.readingPeriodUs));
  }

  /** Virtual time at which reading `i` appears. */
  readingTimeUs(i: number): number {
    return this.options.startUs + i * this.options.readingPeriodUs;
  }

  valueAt(tUs: number): number {
    return this.reading(this.readingIndexAt(tUs));
  }

  /** Reading `i` without anomalies (what the sensor would have shown). */
  cleanReading(i: number): number {
    const o = this.options;
    const day = i / o.readingsPerDay;
    const hour = (day - Math.floor(day)) * 24;
    return (
      o.baselineC +
      this.driftC(day) +
      o.dailyAmplitudeC * Math.sin((2 * Math.PI * (hour - 10)) / 24) +
      o.noiseC * gaussian(o.seed, i)
    );
  }

  /** The slow drift at `day` (days since reading 0): 0 at day 0, always within ± driftRangeC. */
  driftC(day: number): number {
    if (this.options.driftCPerDay === 0) return 0;
    return (
      this.driftTerms.reduce(
        (sum, t) => sum + t.amplitudeC * (Math.sin(t.radiansPerDay * day + t.phase) - Math.sin(t.phase)),
        0,
      ) / 2
    );
  }

  /** Reading `i` with every anomaly applied. */
  reading(i: number): number {
    let v = this.cleanReading(i);
    let stuck: InjectedAnomaly | undefined;
    for (const a of this.anomalies) {
      if (i < a.firstReading || i > a.lastReading) continue;
      if (a.kind === 'spike' || a.kind === 'step') v += a.magnitudeC;
      else if (a.kind === 'noise') v += a.magnitudeC * gaussian(this.options.seed ^ 0x2545f491, i);
      else stuck = a;
    }
    // A stuck sensor repeats the last reading before it froze.
    return stuck ? this.readingWithout(stuck.firstReading - 1, stuck) : v;
  }

  private readingWithout(i: number, skip: InjectedAnomaly): number {
    if (i < 0) return this.cleanReading(0);
    const others = this.anomalies.filter(
      (a) => a !== skip && a.kind === 'stuck' && i >= a.firstReading && i <= a.lastReading,
    );
    if (others.length) return this.readingWithout(others[0].firstReading - 1, others[0]);
    let v = this.cleanReading(i);
    for (const a of this.anomalies) {
      if (a === skip || i < a.firstReading || i > a.lastReading) continue;
      if (a.kind === 'spike' || a.kind === 'step') v += a.magnitudeC;
      else if (a.kind === 'noise') v += a.magnitudeC * gaussian(this.options.seed ^ 0x2545f491, i);
    }
    return v;
  }

  private place(a: AnomalySpec): InjectedAnomaly {
    if (!ANOMALY_KINDS.includes(a.kind)) throw new Error(`SyntheticSource: unknown anomaly kind "${a.kind}"`);
    if (!Number.isFinite(a.atUs)) throw new Error(`SyntheticSource: anomaly time must be finite, got ${a.atUs}`);
    const p = this.options.readingPeriodUs;
    const first = Math.max(0, Math.ceil((a.atUs - this.options.startUs) / p));
    const defaultReadings = { spike: 1, step: Infinity, stuck: 60, noise: 30 }[a.kind];
    const readings = a.durationUs === undefined ? defaultReadings : Math.max(1, Math.ceil(a.durationUs / p));
    if (Number.isNaN(readings)) throw new Error(`SyntheticSource: bad anomaly duration ${a.durationUs}`);
    const magnitude = a.magnitudeC ?? { spike: 4, step: 2.5, stuck: 0, noise: 1 }[a.kind];
    if (!Number.isFinite(magnitude))
      throw new Error(`SyntheticSource: anomaly magnitude must be finite, got ${magnitude}`);
    return {
      kind: a.kind,
      startUs: this.readingTimeUs(first),
      endUs: readings === Infinity ? Infinity : this.readingTimeUs(first + readings),
      magnitudeC: magnitude,
      firstReading: first,
      lastReading: first + readings - 1,
    };
  }
}

/**
 * `count` anomalies of the given kinds at seeded random times in [fromUs, toUs): the span is cut into equal slots
 * and each anomaly starts somewhere in the first half of its slot, so they never overlap.
 */
export function scatterAnomalies(opts: {
  seed: number;
  fromUs: number;
  toUs: number;
  count: number;
  kinds?: readonly AnomalyKind[];
  magnitudeC?: Partial<Record<AnomalyKind, number>>;
  durationUs?: Partial<Record<AnomalyKind, number>>;
}): AnomalySpec[] {
  const rng = new Rng(opts.seed);
  const kinds = opts.kinds ?? ANOMALY_KINDS;
  const slot = (opts.toUs - opts.fromUs) / opts.count;
  return Array.from({ length: opts.count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const atUs = Math.round(opts.fromUs + i * slot + rng.next() * slot * 0.5);
    const sign = rng.next() < 0.5 ? -1 : 1;
    const base = opts.magnitudeC?.[kind];
    const durationUs = opts.durationUs?.[kind] ?? (kind === 'step' ? Math.round(slot * 0.25) : undefined);
    return {
      kind,
      atUs,
      durationUs,
      magnitudeC: base === undefined ? undefined : kind === 'noise' ? base : sign * base,
    };
  });
}
