// The runtime's public surface for the page's services: the values they may use, and the contract types apart.
// src/services imports the runtime only through this file (type-only imports may reach further; eslint.config.js).
export { BUTTON_NAMES, LED_NAMES } from './Board';
export { MAX_REALTIME_SPEED } from './clock/Pacer';
export { factoryBoard, KEY_SLOTS } from './factory';
export { SimFlash } from './peripherals/SimFlash';
export { SimSecureElement } from './peripherals/SimSecureElement';
export { RUN_STATES } from './types';
export { describeCsvResult } from './streams/parseCsvTrace';
export { scatterAnomalies } from './streams/SyntheticSource';

export type { AnalogName, BoardNonVolatile, ButtonName, LedName } from './Board';
export type { FlashWriteOp } from './peripherals/SimFlash';
export type { PaceMode } from './clock/Pacer';
export type { Fault } from './faults';
export type { StreamSpec } from './streams/createStreamSource';
export type { CsvParseResult, CsvTrace } from './streams/parseCsvTrace';
export type { BoardUpdate, ConsoleChunk, LcdFrame, LedEdge, RunState, WorkerRunState } from './types';
export type {
  FleetSession,
  FlashWrite,
  InternalFlashWrite,
  FromCsvWorker,
  FromFirmwareWorker,
  ToCsvWorker,
  ToFirmwareWorker,
} from './worker/protocol';
