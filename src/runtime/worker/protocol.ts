// The typed messages between the page and the firmware worker. Bump nothing here without updating both ends:
// the worker is built from the same source as the page.
import type { AnalogName, ButtonName, LedName } from '../Board';
import type { PaceMode } from '../clock/Pacer';
import type { Fault } from '../faults';
import type { StreamSpec } from '../streams/createStreamSource';
import type { CsvProgress } from '../streams/parseCsvStream';
import type { CsvParseResult } from '../streams/parseCsvTrace';

export type BoardRunState = 'running' | 'paused' | 'exited' | 'faulted';

export type ToFirmwareWorker =
  /** Boot `wasm`; `flash` holds the blob slots the board had (they survive Reset, as a device's flash does). */
  | { type: 'load'; wasm: ArrayBuffer; paused?: boolean; flash?: [slot: number, data: Uint8Array][] }
  | { type: 'pace'; mode: PaceMode }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Run `us` of virtual time, then pause. */
  | { type: 'step'; us: number }
  | { type: 'button'; name: ButtonName; pressed: boolean }
  | { type: 'serial'; bytes: Uint8Array }
  | { type: 'analog'; name: AnalogName; value: number }
  | { type: 'touch'; phase: 'press' | 'move' | 'release'; x: number; y: number }
  /** Replace a blob (e.g. model parameters) the firmware reads with sim_blob_read. */
  | { type: 'blob'; slot: number; data: Uint8Array }
  /** Feed the temperature sensor from this source, starting at the current virtual time. */
  | { type: 'stream'; spec: StreamSpec };

export interface BoardUpdate {
  type: 'update';
  simTimeUs: number;
  speedPct: number;
  state: BoardRunState;
  fault?: Fault;
  /** Present when any LED changed since the last update: the state of all four. */
  leds?: Record<LedName, boolean>;
  lcd?: { framebuffer: Uint8Array; text: string };
  /** Console output since the last update. */
  serial?: Uint8Array;
  /** Console input the firmware's buffer had no room for. */
  serialDropped?: number;
  /** Telemetry reports (JSON text) published since the last update, oldest first. */
  telemetry?: string[];
}

/** The firmware stored (or erased: data undefined) a blob slot of its flash; the page keeps it for the next boot. */
export interface FlashWrite {
  type: 'flash';
  slot: number;
  data: Uint8Array | undefined;
}

export type FromFirmwareWorker = { type: 'loaded' } | { type: 'loadError'; message: string } | { type: 'warning'; message: string } | BoardUpdate | FlashWrite;

/** The CSV worker parses one file per message. */
export interface ToCsvWorker {
  file: File;
}

export type FromCsvWorker = ({ type: 'progress' } & CsvProgress) | { type: 'result'; result: CsvParseResult };
