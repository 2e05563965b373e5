// The embed API v1 as TypeScript types: what a host page sends and receives (docs/embed.md). Plain types with no
// library in them, so the SDK's declaration file (/embed/v1/host.d.ts) stands alone; protocol.ts holds the schemas
// that validate these messages and a compile-time check that both describe the same shapes.

export type LedName = 'LED1' | 'LED2' | 'LED3' | 'LED4';
export type ButtonName = 'BUTTON1' | 'BUTTON2';
export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'stopped' | 'exited' | 'faulted';
export type Pace = { kind: 'realtime'; speed: number } | { kind: 'fast' };
export type GetWhat = 'lcd' | 'leds' | 'serial' | 'memory' | 'model';

/** Each command's payload, by command type. */
export interface CommandPayloads {
  hello: { client?: string };
  load: { demo: string } | { files: Record<string, string>; demo?: string };
  run: Record<string, never>;
  pause: Record<string, never>;
  resume: Record<string, never>;
  /** Runs `us` microseconds of virtual time (10,000 when left out), then pauses. */
  step: { us?: number };
  reset: Record<string, never>;
  /** A real-time multiple (0.1 to 100) or "fast" (fast-forward). */
  speed: { value: number | 'fast' };
  button: { name: ButtonName; pressed: boolean };
  /** One stroke on the 240×240 touch panel, in canvas pixels: pen down at the first point, up at the last. */
  touch: { stroke: [number, number][] };
  /** A 28×28 image, row-major, 0 (paper) to 255 (ink): the MNIST firmware classifies it. */
  digit: { pixels: number[] };
  temperature: { celsius: number };
  /** A CSV trace for the anomaly demo's sensor (one reading per virtual second; docs/anomaly.md). */
  stream: { csv: string };
  serial: { text: string };
  get: { what: GetWhat };
  subscribe: { events: EventType[] };
}
export type CommandType = keyof CommandPayloads;

export interface MemoryFigures {
  totals: Record<string, unknown>;
  codeBytes: number;
  targetBoard: string;
  fits: Record<string, Record<string, unknown>>;
}

/** What `get` answers, by `what`. */
export interface GetResults {
  lcd: { what: 'lcd'; text: string };
  leds: { what: 'leds'; leds: Record<LedName, boolean> };
  /** The console's recent output (its last 64 KiB at most). */
  serial: { what: 'serial'; text: string };
  /** The running model's memory needs against each board profile; null while no model is reported. */
  memory: { what: 'memory'; memory: MemoryFigures | null };
  /** The demo on the board and its firmware's model report (mnist.model or anomaly.model), null if none. */
  model: { what: 'model'; demo: string | null; model: Record<string, unknown> | null };
}

export interface Limits {
  /** Largest message, in bytes of its JSON text. */
  messageBytes: number;
  /** Largest `load` message (it carries a project's files). */
  loadBytes: number;
  /** Messages accepted in one burst. */
  burst: number;
  /** Messages accepted per second once a burst is spent. */
  perSecond: number;
  /** Fewest milliseconds between two `lcd` events. */
  lcdIntervalMs: number;
}

export interface ReadyPayload {
  version: 1;
  capabilities: { commands: CommandType[]; events: EventType[]; get: GetWhat[]; limits: Limits };
}

/** What each command answers with on success, by command type. */
export interface CommandResults {
  hello: ReadyPayload;
  load: { demo: string };
  run: Record<string, never>;
  pause: Record<string, never>;
  resume: Record<string, never>;
  step: Record<string, never>;
  reset: Record<string, never>;
  speed: Record<string, never>;
  button: Record<string, never>;
  touch: Record<string, never>;
  digit: Record<string, never>;
  temperature: Record<string, never>;
  stream: { readings: number };
  serial: Record<string, never>;
  get: GetResults[GetWhat];
  subscribe: { events: EventType[] };
}

export type ErrorCode = 'malformed' | 'invalid' | 'too-large' | 'rate-limited' | 'failed';

/** Each event's payload, by event type. */
export interface EventPayloads {
  ready: ReadyPayload;
  state: { demo: string | null; status: RunState; pace: Pace; simTimeUs: number };
  /** Console output as the firmware wrote it (not split into lines). */
  serial: { text: string };
  /** The LCD's text, at most one event per `lcdIntervalMs`; the last text always arrives. */
  lcd: { text: string };
  /** One LED change at the virtual time it happened. */
  led: { name: LedName; on: boolean; timeUs: number };
  inference: { digit: number; scores: number[]; source: 'touch' | 'blob'; timeUs: number };
  anomaly: { value: number; lo: number | null; hi: number | null; anomaly: boolean; timeUs: number };
  /** A build started ("running") or ended (its phase) with its diagnostics counts. */
  build: { phase: string; errors: number; warnings: number; ms?: number };
  fault: { kind: 'trap' | 'fault' | 'abi' | 'exit'; message: string };
  ota: { state: number; result: number; status: string; running: string | null };
  /** A message the board refused (with its `id` when it had one) or a limit that was hit. */
  error: { code: ErrorCode; message: string; id?: string | number };
}
export type EventType = keyof EventPayloads;

export type MessageId = string | number;

export interface Envelope<T extends string, P> {
  protocol: 'tinyml-sim';
  v: 1;
  type: T;
  id?: MessageId;
  payload: P;
}

export type CommandMessage = { [K in CommandType]: Envelope<K, CommandPayloads[K]> }[CommandType];
export type EventMessage = { [K in EventType]: Envelope<K, EventPayloads[K]> }[EventType];

export type ResponseMessage =
  | { protocol: 'tinyml-sim'; v: 1; type: 'response'; id: MessageId; ok: true; result: unknown }
  | {
      protocol: 'tinyml-sim';
      v: 1;
      type: 'response';
      id: MessageId;
      ok: false;
      error: { code: ErrorCode; message: string };
    };
