// The typed messages between the page and the firmware worker. Bump nothing here without updating both ends:
// the worker is built from the same source as the page. The shared contract types live in ../types.ts.
import type { FleetDeviceOptions } from '../../fleet/FleetDevice';
import type { BoardNonVolatile, ButtonName } from '../Board';
import type { FlashWriteOp } from '../peripherals/SimFlash';
import type { PaceMode } from '../clock/Pacer';
import type { StreamSpec } from '../streams/createStreamSource';
import type { CsvProgress } from '../streams/parseCsvStream';
import type { CsvParseResult } from '../streams/parseCsvTrace';
import type { BoardUpdate } from '../types';

export type ToFirmwareWorker =
  /**
   * Boot `wasm`; `flash` holds the blob slots the board had, `board` its internal flash and provisioned keys (they
   * survive Reset, as a device's flash and secure element do).
   */
  | { type: 'load'; wasm: ArrayBuffer; flash?: [slot: number, data: Uint8Array][]; board?: BoardNonVolatile }
  /** The page handled the oldest unacknowledged update; its console has `consoleBacklogBytes` still to draw. */
  | { type: 'ack'; consoleBacklogBytes: number }
  | { type: 'pace'; mode: PaceMode }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Run `us` of virtual time, then pause. */
  | { type: 'step'; us: number }
  | { type: 'button'; name: ButtonName; pressed: boolean }
  | { type: 'serial'; bytes: Uint8Array }
  | { type: 'touch'; phase: 'press' | 'move' | 'release'; x: number; y: number }
  /** Replace a blob (e.g. model parameters) the firmware reads with sim_blob_read. */
  | { type: 'blob'; slot: number; data: Uint8Array }
  /** The board's maker provisions a trusted public key into the secure element (see SimSecureElement.provision). */
  | { type: 'provision'; slot: number; publicKey: Uint8Array }
  /** Feed the temperature sensor from this source, starting at the current virtual time. */
  | { type: 'stream'; spec: StreamSpec }
  /** The update server offers a package over the board's update link (SimUpdateLink), or withdraws its offer. */
  | { type: 'offer'; bytes: Uint8Array; etag: Uint8Array }
  | { type: 'withdraw' }
  /** The update link goes down or comes back. */
  | { type: 'link'; connected: boolean }
  /** The board joined a workshop: its fleet client connects to the broker and becomes its update server. */
  | { type: 'fleet'; session: FleetSession }
  /**
   * A telemetry report of the page rather than the firmware (e.g. the learner's lesson progress), sent with the
   * firmware's on the workshop's telemetry topic; the newest of each type goes out again on every (re)connection and
   * heartbeat (FleetDevice.keep).
   */
  | { type: 'fleetReport'; json: string };

/** What the fleet client needs to connect as this board: the broker and the device's own credentials only. */
export type FleetSession = Pick<FleetDeviceOptions, 'broker' | 'workshop' | 'deviceId' | 'token' | 'app'>;

/** The firmware stored (or erased: data undefined) a blob slot of its flash; the page keeps it for the next boot. */
export interface FlashWrite {
  type: 'flash';
  slot: number;
  data: Uint8Array | undefined;
}

/** The firmware erased or programmed the internal flash; the page replays it on its copy for the next boot. */
export interface InternalFlashWrite {
  type: 'internalFlash';
  op: FlashWriteOp;
}

export type FromFirmwareWorker =
  | { type: 'loadError'; message: string }
  | { type: 'warning'; message: string }
  /** The fleet client's MQTT session came up or went down. */
  | { type: 'fleet'; connected: boolean }
  | BoardUpdate
  | FlashWrite
  | InternalFlashWrite;

/** The CSV worker parses one file per message. */
export interface ToCsvWorker {
  file: File;
}

export type FromCsvWorker = ({ type: 'progress' } & CsvProgress) | { type: 'result'; result: CsvParseResult };
