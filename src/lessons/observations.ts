// What a lesson's checks have seen of the board, folded from its events (src/services/boardEvents.ts). Whatever the
// firmware did starts over when it restarts (Reset, a new build, another demo: the board goes through "loading");
// the last build and the pacing are about the page, not the firmware, and stay.
import { LED_NAMES, type LedName, type PaceMode, type RunState } from '../runtime';
import type { BoardEvent, BoardEventOf, MemorySnapshot } from '../services/boardEvents';

/** LED changes kept per LED: enough for the longest `for <n> toggles`. */
export const EDGES_KEPT = 101;
/** Serial text kept, newest last: checks match within it. */
export const SERIAL_KEPT = 16 * 1024;

export interface Observations {
  demo?: string;
  status?: RunState;
  pace?: PaceMode;
  leds: Record<LedName, boolean>;
  /** Virtual times (µs) of each LED's latest changes since the firmware started, oldest first. */
  edges: Record<LedName, number[]>;
  /** Whether each LED was seen turning on, and off, since the firmware started. */
  turned: Record<LedName, { on: boolean; off: boolean }>;
  lcd: string;
  serial: string;
  inference?: { digit: number; source: 'touch' | 'blob' };
  anomaly: { readings: number; flagged: boolean; last?: BoardEventOf<'anomaly'> };
  memory?: MemorySnapshot;
  ota?: BoardEventOf<'ota'>;
  build?: BoardEventOf<'build'>;
}

/** The board as boardSnapshot() gives it. */
export interface BoardNow {
  state: BoardEventOf<'state'>;
  lcd: string;
  leds: Record<LedName, boolean>;
  memory?: MemorySnapshot;
  ota?: BoardEventOf<'ota'>;
}

const perLed = <T>(make: () => T) => Object.fromEntries(LED_NAMES.map((n) => [n, make()])) as Record<LedName, T>;

function firmwareStart({
  demo,
  status,
  pace,
  build,
}: Pick<Observations, 'demo' | 'status' | 'pace' | 'build'>): Observations {
  return {
    demo,
    status,
    pace,
    build,
    leds: perLed(() => false),
    edges: perLed(() => []),
    turned: perLed(() => ({ on: false, off: false })),
    lcd: '',
    serial: '',
    anomaly: { readings: 0, flagged: false },
    // Set, not left out: a restart assigns these over the old firmware's.
    inference: undefined,
    memory: undefined,
    ota: undefined,
  };
}

export function observationsFrom(now: BoardNow): Observations {
  const { demo, status, pace } = now.state;
  return {
    ...firmwareStart({ demo, status, pace }),
    leds: { ...now.leds },
    lcd: now.lcd,
    memory: now.memory,
    ota: now.ota,
  };
}

/** Folds one event into `o` (in place: events arrive by the thousand in fast-forward). */
export function observe(o: Observations, e: BoardEvent): Observations {
  switch (e.type) {
    case 'state':
      if (e.status === 'loading' || e.demo !== o.demo) Object.assign(o, firmwareStart(o));
      o.demo = e.demo;
      o.status = e.status;
      o.pace = e.pace;
      break;
    case 'led': {
      const edges = o.edges[e.name];
      // Virtual time only runs forward within one firmware run: an earlier time is a restart the stream skipped.
      if (edges.length > 0 && e.timeUs < edges[edges.length - 1]) edges.length = 0;
      edges.push(e.timeUs);
      if (edges.length > EDGES_KEPT) edges.shift();
      o.leds[e.name] = e.on;
      o.turned[e.name][e.on ? 'on' : 'off'] = true;
      break;
    }
    case 'lcd':
      o.lcd = e.text;
      break;
    case 'serial':
      o.serial = (o.serial + e.text).slice(-SERIAL_KEPT);
      break;
    case 'inference':
      o.inference = { digit: e.digit, source: e.source };
      break;
    case 'anomaly':
      o.anomaly.readings++;
      o.anomaly.flagged ||= e.anomaly;
      o.anomaly.last = e;
      break;
    case 'memory': {
      const { totals, codeBytes, targetBoard, fits } = e;
      o.memory = { totals, codeBytes, targetBoard, fits };
      break;
    }
    case 'ota':
      o.ota = e;
      break;
    case 'build':
      o.build = e;
      break;
    case 'fault':
      break;
  }
  return o;
}
