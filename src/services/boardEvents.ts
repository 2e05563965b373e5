// What the board does, as one stream of plain events: the embed API forwards them to the host page and the lessons'
// checks watch them. Built from the channels and the store, and only while someone listens.
import { BOARDS } from '../ml/cycles/boards';
import { fitsBoard, needsFromTotals, type FitVerdict } from '../ml/cycles/fits';
import type { Fault, LedName, PaceMode, RunState } from '../runtime';
import { Listeners } from '../shared/Listeners';
import type { ModelTotals, ReportOf } from '../shared/telemetry/reports';
import type { BuildPhase } from '../state/buildSlice';
import { useStore } from '../state/store';
import { consoleChannel, lcdChannel, ledChannel, telemetryChannel } from './channels';

export type BoardEvent =
  | { type: 'state'; demo?: string; status: RunState; pace: PaceMode; simTimeUs: number }
  /** Console output as the firmware wrote it (not split into lines). */
  | { type: 'serial'; text: string }
  /** The LCD's text whenever it changes. */
  | { type: 'lcd'; text: string }
  /** One LED change at the virtual time it happened. */
  | { type: 'led'; name: LedName; on: boolean; timeUs: number }
  | { type: 'inference'; digit: number; scores: number[]; source: 'touch' | 'blob'; timeUs: number }
  | { type: 'anomaly'; value: number; lo: number | null; hi: number | null; anomaly: boolean; timeUs: number }
  /** A build started ("running") or ended: its outcome and diagnostics counts. */
  | { type: 'build'; phase: BuildPhase | 'running'; errors: number; warnings: number; ms?: number }
  | { type: 'fault'; fault: Fault }
  /** The update agent's LwM2M state and result, and the model version it runs. */
  | { type: 'ota'; state: number; result: number; status: string; running: string | null }
  /**
   * The model's memory figures, whenever the firmware reports its model (the MNIST demo, when it loads one) and
   * when the board the panels compare with changes.
   */
  | ({ type: 'memory' } & MemorySnapshot);

/** What the running firmware's model needs, and whether that fits each board profile (src/ml/cycles/boards). */
export interface MemorySnapshot {
  totals: ModelTotals;
  codeBytes: number;
  /** The board the panels compare against. */
  targetBoard: string;
  fits: Record<string, FitVerdict>;
}

export type BoardEventType = BoardEvent['type'];
export type BoardEventOf<T extends BoardEventType> = Extract<BoardEvent, { type: T }>;

const listeners = new Listeners<BoardEvent>();
let detach: (() => void) | undefined;

/** Calls `fn` with every board event from now on; the returned function stops it. */
export function subscribeBoardEvents(fn: (event: BoardEvent) => void): () => void {
  const remove = listeners.add(fn);
  detach ??= attach();
  return () => {
    remove();
    if (listeners.size === 0) {
      detach?.();
      detach = undefined;
    }
  };
}

/** The board as it is now, in the same shapes as its events. */
export function boardSnapshot(): {
  state: BoardEventOf<'state'>;
  lcd: string;
  leds: Record<LedName, boolean>;
  memory?: MemorySnapshot;
  /** The update agent's last report, if the firmware runs one. */
  ota?: BoardEventOf<'ota'>;
} {
  const s = useStore.getState();
  const ota = telemetryChannel.latest.get('ota.status') as ReportOf<'ota.status'> | undefined;
  return {
    state: stateEvent(),
    lcd: lcdChannel.latest?.text ?? '',
    leds: { ...s.leds },
    memory: memorySnapshot(),
    ota: ota && otaEvent(ota),
  };
}

function otaEvent(r: ReportOf<'ota.status'>): BoardEventOf<'ota'> {
  return { type: 'ota', state: r.state, result: r.result, status: r.status, running: r.running };
}

function memorySnapshot(): MemorySnapshot | undefined {
  const report = telemetryChannel.latest.get('mnist.model');
  if (!report) return undefined;
  const { totals } = report as ReportOf<'mnist.model'>;
  const { firmwareCodeBytes: codeBytes, targetBoardId: targetBoard } = useStore.getState();
  const needs = needsFromTotals(totals, codeBytes);
  const fits = Object.fromEntries(BOARDS.map((b) => [b.id, fitsBoard(b, needs)]));
  return { totals, codeBytes, targetBoard, fits };
}

function stateEvent(): BoardEventOf<'state'> {
  const s = useStore.getState();
  return { type: 'state', demo: s.appName, status: s.status, pace: s.pace, simTimeUs: s.simTimeUs };
}

function attach(): () => void {
  // The channels replay their newest value to a new subscriber: that is the past, not an event.
  let attaching = true;
  const emit = (e: BoardEvent) => attaching || listeners.emit(e);
  let lcdText = lcdChannel.latest?.text;
  const offs = [
    // A listener that draws nothing holds nothing back: it reports each chunk drawn at once.
    consoleChannel.subscribe(
      (text, drawn) => {
        drawn();
        emit({ type: 'serial', text });
      },
      () => {},
    ),
    lcdChannel.subscribe((frame) => {
      if (frame.text === lcdText) return;
      lcdText = frame.text;
      emit({ type: 'lcd', text: frame.text });
    }),
    ledChannel.add((edge) => emit({ type: 'led', ...edge })),
    telemetryChannel.subscribe('mnist.inference', (r) =>
      emit({ type: 'inference', digit: r.prediction, scores: r.scores, source: r.source, timeUs: r.time_us }),
    ),
    telemetryChannel.subscribe('anomaly.sample', (r) =>
      emit({ type: 'anomaly', value: r.value, lo: r.lo, hi: r.hi, anomaly: r.anomaly, timeUs: r.t_us }),
    ),
    telemetryChannel.subscribe('mnist.model', () => {
      const memory = memorySnapshot();
      if (memory) emit({ type: 'memory', ...memory });
    }),
    telemetryChannel.subscribe('ota.status', (r) => emit(otaEvent(r))),
    useStore.subscribe((s, prev) => {
      if (s.status !== prev.status || s.pace !== prev.pace || s.appName !== prev.appName) emit(stateEvent());
      if (s.fault && s.fault !== prev.fault) emit({ type: 'fault', fault: s.fault });
      // The verdicts are the same; the board the panels compare with is news to a listener.
      if (s.targetBoardId !== prev.targetBoardId) {
        const memory = memorySnapshot();
        if (memory) emit({ type: 'memory', ...memory });
      }
      if (s.buildPhase !== prev.buildPhase || !s.runningBuild !== !prev.runningBuild)
        emit({
          type: 'build',
          phase: s.runningBuild ? 'running' : s.buildPhase,
          errors: s.diagnosticSummary?.errors ?? 0,
          warnings: s.diagnosticSummary?.warnings ?? 0,
          ms: s.buildMs,
        });
    }),
  ];
  attaching = false;
  return () => offs.forEach((off) => off());
}
