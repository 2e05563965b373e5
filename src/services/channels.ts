// High-rate board output (LCD frames, console bytes) goes to subscribers directly instead of through React state.
import type { LcdFrame, LedEdge } from '../runtime';
import { Listeners } from '../shared/Listeners';
import { checkReport, type ReportOf, type ReportType } from '../shared/telemetry/reports';

/** Keeps the newest value so a view that mounts late still draws the current frame. */
class LatestChannel<T> {
  private readonly listeners = new Listeners<T>();
  latest: T | undefined;
  emit(value: T): void {
    this.latest = value;
    this.listeners.emit(value);
  }
  subscribe(fn: (value: T) => void): () => void {
    if (this.latest !== undefined) fn(this.latest);
    return this.listeners.add(fn);
  }
}

/** Console transcript kept for late subscribers, bounded so a chatty firmware cannot exhaust memory. */
const TRANSCRIPT_LIMIT = 256 * 1024;

/** A console view: draws text and calls `drawn` once it has (xterm's write callback), which is its flow control. */
interface ConsoleView {
  onText(text: string, drawn: () => void): void;
  onClear(): void;
}

class ConsoleChannel {
  private readonly views = new Set<ConsoleView>();
  private readonly decoder = new TextDecoder();
  private generation = 0;
  private undrawn = 0;
  transcript = '';

  /** Characters handed to views and not drawn yet: the firmware worker sends no more than a window beyond this. */
  get backlog(): number {
    return this.undrawn;
  }

  write(bytes: Uint8Array): void {
    this.emit(this.decoder.decode(bytes, { stream: true }));
  }

  /** A line from the simulator itself (not the firmware), on a line of its own. */
  notice(line: string): void {
    const lead = this.transcript === '' || this.transcript.endsWith('\n') ? '' : '\n';
    this.emit(`${lead}${line}\n`);
  }

  /** A new firmware run starts a new transcript. */
  clear(): void {
    this.transcript = '';
    this.generation++;
    this.undrawn = 0;
    for (const v of this.views) v.onClear();
  }

  subscribe(onText: ConsoleView['onText'], onClear: () => void): () => void {
    const view = { onText, onClear };
    this.views.add(view);
    return () => this.views.delete(view);
  }

  private emit(text: string): void {
    if (!text) return;
    this.transcript = (this.transcript + text).slice(-TRANSCRIPT_LIMIT);
    const generation = this.generation;
    for (const v of this.views) {
      this.undrawn += text.length;
      let pending = true;
      v.onText(text, () => {
        if (pending && generation === this.generation) this.undrawn -= text.length;
        pending = false;
      });
    }
  }
}

export const lcdChannel = new LatestChannel<LcdFrame>();
/** Each LED change with its virtual time (the store keeps only the LEDs' present state). */
export const ledChannel = new Listeners<LedEdge>();
export const consoleChannel = new ConsoleChannel();

/** A telemetry report from the firmware (sim_telemetry): a JSON object with a string "type". */
export interface TelemetryReport {
  type: string;
  [key: string]: unknown;
}

/** Telemetry by type; keeps the newest report of each type for views that mount later. */
class TelemetryChannel {
  private readonly listeners = new Listeners<TelemetryReport>();
  readonly latest = new Map<string, TelemetryReport>();
  /** When the newest report of each type arrived, as a count of reports. */
  private readonly arrival = new Map<string, number>();
  private arrived = 0;
  emit(report: TelemetryReport): void {
    this.latest.set(report.type, report);
    this.arrival.set(report.type, ++this.arrived);
    this.listeners.emit(report);
  }
  clear(): void {
    this.latest.clear();
    this.arrival.clear();
  }
  /** Whether the newest report of type `a` came after the newest of type `b` (or no `b` came). */
  newer(a: ReportType, b: ReportType): boolean {
    return (this.arrival.get(a) ?? 0) > (this.arrival.get(b) ?? 0);
  }
  subscribe<T extends ReportType>(type: T, fn: (report: ReportOf<T>) => void): () => void;
  subscribe(type: string, fn: (report: TelemetryReport) => void): () => void;
  subscribe(type: string, fn: (report: TelemetryReport) => void): () => void {
    const last = this.latest.get(type);
    if (last) fn(last);
    return this.listeners.add((r) => r.type === type && fn(r));
  }
}

export const telemetryChannel = new TelemetryChannel();

/**
 * Parses one report. A malformed one, or one of a described type (src/shared/telemetry/reports.ts) whose fields
 * do not match the description, is dropped with a console note naming the problem; the views keep the last good
 * report.
 */
export function parseTelemetry(json: string): TelemetryReport | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (!(value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string')) {
    console.warn(`tinyml-sim: ignored malformed telemetry: ${json.slice(0, 80)}`);
    return undefined;
  }
  const report = value as TelemetryReport;
  const problem = checkReport(report);
  if (problem) {
    console.warn(`tinyml-sim: ignored telemetry that does not match its description: ${problem}`);
    return undefined;
  }
  return report;
}
