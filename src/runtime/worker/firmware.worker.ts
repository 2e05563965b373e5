// The firmware's own thread: a busy loop in firmware blocks only this worker, and the page stops it by terminating
// the worker. This entry point only dispatches: the logic is BoardWorker's.
import { BoardWorker } from './BoardWorker';
import type { ToFirmwareWorker } from './protocol';
import { createWorkerTimers } from './workerTimers';

const scope = self as unknown as Worker;
const board = new BoardWorker((m, transfer) => scope.postMessage(m, transfer), createWorkerTimers());
scope.onmessage = (event: MessageEvent<ToFirmwareWorker>) => void board.receive(event.data);
