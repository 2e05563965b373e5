// The contract types shared by the firmware worker and the page, written once: the run state, the LCD frame and
// the batched BoardUpdate. The worker's message unions (worker/protocol.ts) are built from these.
import type { LedName } from './Board';
import type { Fault } from './faults';

/** Every state a board can be in, as the page shows it. The simulator and the worker report subsets of it. */
export const RUN_STATES = ['idle', 'loading', 'running', 'paused', 'stopped', 'exited', 'faulted'] as const;
export type RunState = (typeof RUN_STATES)[number];
/** A Simulator: loaded but never run (idle), running (possibly suspended), or halted. */
export type SimulatorRunState = Extract<RunState, 'idle' | 'running' | 'exited' | 'faulted'>;
/** What the firmware worker reports in each update. */
export type WorkerRunState = Extract<RunState, 'running' | 'paused' | 'exited' | 'faulted'>;

/** The C12832's framebuffer (128x32, 1 bit per pixel, row-major, MSB leftmost) and the text printed on it. */
export interface LcdFrame {
  framebuffer: Uint8Array;
  text: string;
}

/** Console output in one update. */
export interface ConsoleChunk {
  /** Bytes the firmware wrote, oldest first. */
  bytes: Uint8Array;
  /** Output dropped just before `bytes` because the page could not keep up (the newest output is kept). */
  droppedBytes: number;
}

/**
 * Everything that changed on the board since the previous update, coalesced: the worker sends at most one per
 * animation frame and waits for the page's acknowledgement before it sends more (see RunLoop and Outbox).
 */
export interface LedEdge {
  name: LedName;
  on: boolean;
  timeUs: number;
}

export interface BoardUpdate {
  type: 'update';
  simTimeUs: number;
  /** Virtual time per wall time over the last second (1 = real time); 0 when not running. */
  speed: number;
  state: WorkerRunState;
  /** Why the firmware halted, when state is exited or faulted. */
  fault?: Fault;
  /** Present when any LED changed since the last update: the state of all four. */
  leds?: Record<LedName, boolean>;
  /** Each LED change since the last update with its virtual time, oldest first (at most LED_EDGES_KEPT). */
  ledEdges?: LedEdge[];
  /** The newest LCD frame, when it changed. */
  lcd?: LcdFrame;
  console?: ConsoleChunk;
  /** Telemetry reports (JSON text), oldest first; thinned in fast-forward (see TelemetryThinner). */
  telemetry?: string[];
}
