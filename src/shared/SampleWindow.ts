// The most recent anomaly-detector samples, kept in typed arrays, and their decimation to a chart's width: each
// bucket keeps the reading farthest from the prediction (so spikes survive), the mean prediction and band, and a
// marker if any reading in it was flagged.

export interface Sample {
  t_us: number;
  value: number;
  predicted: number | null;
  lo: number | null;
  hi: number | null;
  anomaly: boolean;
}

export type Series = [
  number[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
  (number | null)[],
];

export class SampleWindow {
  private readonly t: Float64Array;
  private readonly v: Float64Array;
  private readonly p: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly a: Uint8Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
    this.p = new Float64Array(capacity);
    this.lo = new Float64Array(capacity);
    this.hi = new Float64Array(capacity);
    this.a = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.start = this.count = 0;
  }

  push(s: Sample): void {
    const i = (this.start + this.count) % this.capacity;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.t[i] = s.t_us / 1e6;
    this.v[i] = s.value;
    this.p[i] = s.predicted ?? NaN;
    this.lo[i] = s.lo ?? NaN;
    this.hi[i] = s.hi ?? NaN;
    this.a[i] = s.anomaly ? 1 : 0;
  }

  /** Series [t s, value, predicted, lo, hi, anomaly marker] with at most `buckets` points. */
  decimate(buckets: number): Series {
    const out: Series = [[], [], [], [], [], []];
    const n = this.count;
    const per = Math.max(1, Math.ceil(n / Math.max(1, buckets)));
    const nan = (x: number) => (Number.isNaN(x) ? null : x);
    for (let b = 0; b < n; b += per) {
      let pick = b;
      let worst = -1;
      let anomaly = false;
      let sp = 0;
      let slo = 0;
      let shi = 0;
      let m = 0;
      for (let k = b; k < Math.min(n, b + per); k++) {
        const i = (this.start + k) % this.capacity;
        const dev = Number.isNaN(this.p[i]) ? 0 : Math.abs(this.v[i] - this.p[i]);
        if (dev > worst) {
          worst = dev;
          pick = k;
        }
        if (this.a[i]) anomaly = true;
        if (!Number.isNaN(this.p[i])) {
          sp += this.p[i];
          slo += this.lo[i];
          shi += this.hi[i];
          m++;
        }
      }
      const i = (this.start + pick) % this.capacity;
      out[0].push(this.t[i]);
      out[1].push(this.v[i]);
      out[2].push(m ? sp / m : null);
      out[3].push(m ? slo / m : null);
      out[4].push(m ? shi / m : null);
      out[5].push(anomaly ? nan(this.v[i]) : null);
    }
    return out;
  }
}
