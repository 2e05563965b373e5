// The board's event stream (src/services/boardEvents) in the embed API's event shapes.
import type { BoardEvent } from '../services/boardEvents';
import type { EventMessage } from './types';

type Outgoing = Pick<EventMessage, 'type' | 'payload'>;

/** The embed event for a board event; undefined for events the API does not carry (memory: ask with `get`). */
export function toEmbedEvent(e: BoardEvent): Outgoing | undefined {
  switch (e.type) {
    case 'state':
      return {
        type: 'state',
        payload: { demo: e.demo ?? null, status: e.status, pace: e.pace, simTimeUs: e.simTimeUs },
      };
    case 'serial':
      return { type: 'serial', payload: { text: e.text } };
    case 'lcd':
      return { type: 'lcd', payload: { text: e.text } };
    case 'led':
      return { type: 'led', payload: { name: e.name, on: e.on, timeUs: e.timeUs } };
    case 'inference':
      return { type: 'inference', payload: { digit: e.digit, scores: e.scores, source: e.source, timeUs: e.timeUs } };
    case 'anomaly':
      return {
        type: 'anomaly',
        payload: { value: e.value, lo: e.lo, hi: e.hi, anomaly: e.anomaly, timeUs: e.timeUs },
      };
    case 'build':
      return {
        type: 'build',
        payload: {
          phase: e.phase,
          errors: e.errors,
          warnings: e.warnings,
          ...(e.ms === undefined ? {} : { ms: e.ms }),
        },
      };
    case 'fault':
      return { type: 'fault', payload: { kind: e.fault.kind, message: e.fault.message } };
    case 'ota':
      return { type: 'ota', payload: { state: e.state, result: e.result, status: e.status, running: e.running } };
    case 'memory':
      return undefined;
  }
}
