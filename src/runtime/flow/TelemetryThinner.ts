// Telemetry waiting for the page, bounded per report type. A firmware in fast-forward may publish thousands of
// reports between two updates; past `perType` reports of one type, they are thinned evenly: reports are grouped
// (the group doubling in size whenever the kept list fills) and each group keeps its most salient report — one
// flagged `"anomaly": true` first, else the one whose `value` lies farthest from its `predicted` — so spikes and
// anomalies stay visible on a chart. The newest report of each type always survives (panels show its counters).

interface Kept {
  seq: number;
  json: string;
  salience?: number;
}

class TypeThinner {
  private kept: Kept[] = [];
  private group: Kept | undefined;
  private groupCount = 0;
  private stride = 1;
  private last: Kept | undefined;

  constructor(private readonly perType: number) {}

  push(r: Kept): void {
    this.last = r;
    this.group = this.group ? moreSalient(this.group, r) : r;
    if (++this.groupCount < this.stride) return;
    this.kept.push(this.group);
    this.group = undefined;
    this.groupCount = 0;
    if (this.kept.length < 2 * this.perType) return;
    const halved: Kept[] = [];
    for (let i = 0; i < this.kept.length; i += 2)
      halved.push(i + 1 < this.kept.length ? moreSalient(this.kept[i], this.kept[i + 1]) : this.kept[i]);
    this.kept = halved;
    this.stride *= 2;
  }

  take(): Kept[] {
    const out = this.group ? [...this.kept, this.group] : this.kept;
    if (this.last && out[out.length - 1] !== this.last) out.push(this.last);
    this.kept = [];
    this.group = this.last = undefined;
    this.groupCount = 0;
    this.stride = 1;
    return out;
  }

  get bytes(): number {
    let n = this.group ? this.group.json.length : 0;
    for (const k of this.kept) n += k.json.length;
    return n;
  }
}

function salience(k: Kept): number {
  if (k.salience === undefined) {
    k.salience = 0;
    try {
      const r = JSON.parse(k.json) as { anomaly?: unknown; value?: unknown; predicted?: unknown };
      if (r.anomaly === true) k.salience = Infinity;
      else if (typeof r.value === 'number' && typeof r.predicted === 'number')
        k.salience = Math.abs(r.value - r.predicted);
    } catch {
      // malformed reports are the page's to report; they are merely not salient here
    }
  }
  return k.salience;
}

/** The more salient of two reports; the newer on a tie. */
const moreSalient = (a: Kept, b: Kept) => (salience(a) > salience(b) ? a : b);

/** Types past this many in one update share one thinner, so a firmware inventing types cannot grow the buffer. */
const MAX_TYPES = 16;
const OTHER_TYPES = '';

export class TelemetryThinner {
  private readonly byType = new Map<string, TypeThinner>();
  private seq = 0;

  constructor(private readonly perType: number) {}

  push(json: string): void {
    const type = reportType(json);
    const key = this.byType.has(type) || this.byType.size < MAX_TYPES - 1 ? type : OTHER_TYPES;
    let t = this.byType.get(key);
    if (!t) this.byType.set(key, (t = new TypeThinner(this.perType)));
    t.push({ seq: this.seq++, json });
  }

  /** The reports kept since the last take, in the order they were published; undefined when none. */
  take(): string[] | undefined {
    if (!this.byType.size) return undefined;
    const all: Kept[] = [];
    for (const t of this.byType.values()) all.push(...t.take());
    this.byType.clear();
    return all.sort((a, b) => a.seq - b.seq).map((k) => k.json);
  }

  /** Characters of report text held. */
  get bufferedChars(): number {
    let n = 0;
    for (const t of this.byType.values()) n += t.bytes;
    return n;
  }
}

/** The report's "type" without parsing the whole report (every report starts with it; see sim_telemetry). */
function reportType(json: string): string {
  const m = /"type"\s*:\s*"([^"]*)"/.exec(json.slice(0, 256));
  return m ? m[1] : OTHER_TYPES;
}
