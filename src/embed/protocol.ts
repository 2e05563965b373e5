// The embed API v1's schemas (docs/embed.md): every message either side receives is parsed with these before it is
// used. Valibot builds no code at run time (no eval), so both sides work under a strict Content-Security-Policy;
// /embed/v1/schema.json is generated from these schemas when the app is built (jsonSchema.ts).
import * as v from 'valibot';
import type {
  CommandPayloads,
  CommandResults,
  CommandType,
  ErrorCode,
  EventPayloads,
  EventType,
  GetResults,
  GetWhat,
  Limits,
  MessageId,
} from './types';

export const PROTOCOL = 'tinyml-sim';
export const VERSION = 1;

export const LIMITS: Limits = {
  messageBytes: 256 * 1024,
  // A project's sources: the largest demo's (anomaly) are 42 KB; a model header pasted in can be far larger.
  loadBytes: 2 * 1024 * 1024,
  burst: 100,
  perSecond: 50,
  lcdIntervalMs: 100,
};

/** The touch panel's side, in pixels (src/ml/mnist/preprocess CANVAS_SIZE; checked by protocol.test.ts). */
export const TOUCH_SIDE = 240;
/** A stroke's points at most (the firmware's canvas keeps 1,024 path slots). */
export const STROKE_POINTS = 1024;
export const DIGIT_PIXELS = 28 * 28;
const SERIAL_TEXT = 4096;
const STEP_MAX_US = 60_000_000;
export const SPEED_RANGE = [0.1, 100] as const;

const finite = v.pipe(v.number(), v.finite());
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const none = v.strictObject({});
const Id = v.union([v.pipe(v.string(), v.maxLength(64)), v.pipe(v.number(), v.integer())]);
const LedName = v.picklist(['LED1', 'LED2', 'LED3', 'LED4']);
const ButtonName = v.picklist(['BUTTON1', 'BUTTON2']);
const GetWhatSchema = v.picklist(['lcd', 'leds', 'serial', 'memory', 'model']);
export const GET_WHAT = GetWhatSchema.options;
const Pace = v.variant('kind', [
  v.strictObject({ kind: v.literal('realtime'), speed: finite }),
  v.strictObject({ kind: v.literal('fast') }),
]);

export const EVENT_TYPES = [
  'ready',
  'state',
  'serial',
  'lcd',
  'led',
  'inference',
  'anomaly',
  'build',
  'fault',
  'ota',
  'error',
] as const satisfies readonly EventType[];
const EventTypeSchema = v.picklist(EVENT_TYPES);

export const COMMAND_TYPES = [
  'hello',
  'load',
  'run',
  'pause',
  'resume',
  'step',
  'reset',
  'speed',
  'button',
  'touch',
  'digit',
  'temperature',
  'stream',
  'serial',
  'get',
  'subscribe',
] as const satisfies readonly CommandType[];

const ReadyPayload = v.strictObject({
  version: v.literal(VERSION),
  capabilities: v.strictObject({
    commands: v.array(v.picklist(COMMAND_TYPES)),
    events: v.array(EventTypeSchema),
    get: v.array(GetWhatSchema),
    limits: v.strictObject({
      messageBytes: count,
      loadBytes: count,
      burst: count,
      perSecond: count,
      lcdIntervalMs: count,
    }),
  }),
});

export const COMMAND_PAYLOADS = {
  hello: v.strictObject({ client: v.optional(v.pipe(v.string(), v.maxLength(200))) }),
  load: v.union([
    v.strictObject({ demo: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)) }),
    v.strictObject({
      files: v.pipe(v.record(v.pipe(v.string(), v.regex(/^[\w./-]{1,200}$/)), v.string()), v.minEntries(1)),
      demo: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/))),
    }),
  ]),
  run: none,
  pause: none,
  resume: none,
  step: v.strictObject({ us: v.optional(int(1, STEP_MAX_US)) }),
  reset: none,
  speed: v.strictObject({
    value: v.union([v.literal('fast'), v.pipe(finite, v.minValue(SPEED_RANGE[0]), v.maxValue(SPEED_RANGE[1]))]),
  }),
  button: v.strictObject({ name: ButtonName, pressed: v.boolean() }),
  touch: v.strictObject({
    stroke: v.pipe(
      v.array(v.tuple([int(0, TOUCH_SIDE - 1), int(0, TOUCH_SIDE - 1)])),
      v.minLength(1),
      v.maxLength(STROKE_POINTS),
    ),
  }),
  digit: v.strictObject({ pixels: v.pipe(v.array(int(0, 255)), v.length(DIGIT_PIXELS)) }),
  temperature: v.strictObject({ celsius: v.pipe(finite, v.minValue(-40), v.maxValue(125)) }),
  stream: v.strictObject({ csv: v.pipe(v.string(), v.minLength(1)) }),
  serial: v.strictObject({ text: v.pipe(v.string(), v.minLength(1), v.maxLength(SERIAL_TEXT)) }),
  get: v.strictObject({ what: GetWhatSchema }),
  subscribe: v.strictObject({ events: v.pipe(v.array(EventTypeSchema), v.maxLength(EVENT_TYPES.length * 4)) }),
} satisfies Record<CommandType, v.GenericSchema>;

const Jsonish = v.record(v.string(), v.unknown());
export const GET_RESULTS = {
  lcd: v.strictObject({ what: v.literal('lcd'), text: v.string() }),
  leds: v.strictObject({
    what: v.literal('leds'),
    leds: v.strictObject({ LED1: v.boolean(), LED2: v.boolean(), LED3: v.boolean(), LED4: v.boolean() }),
  }),
  serial: v.strictObject({ what: v.literal('serial'), text: v.string() }),
  memory: v.strictObject({
    what: v.literal('memory'),
    memory: v.nullable(
      v.strictObject({
        totals: Jsonish,
        codeBytes: count,
        targetBoard: v.string(),
        fits: v.record(v.string(), Jsonish),
      }),
    ),
  }),
  model: v.strictObject({ what: v.literal('model'), demo: v.nullable(v.string()), model: v.nullable(Jsonish) }),
} satisfies Record<GetWhat, v.GenericSchema>;

export const COMMAND_RESULTS = {
  hello: ReadyPayload,
  load: v.strictObject({ demo: v.string() }),
  run: none,
  pause: none,
  resume: none,
  step: none,
  reset: none,
  speed: none,
  button: none,
  touch: none,
  digit: none,
  temperature: none,
  stream: v.strictObject({ readings: count }),
  serial: none,
  get: v.variant('what', Object.values(GET_RESULTS)),
  subscribe: v.strictObject({ events: v.array(EventTypeSchema) }),
} satisfies Record<CommandType, v.GenericSchema>;

const ErrorCodeSchema = v.picklist(['malformed', 'invalid', 'too-large', 'rate-limited', 'failed']);

export const EVENT_PAYLOADS = {
  ready: ReadyPayload,
  state: v.strictObject({
    demo: v.nullable(v.string()),
    status: v.picklist(['idle', 'loading', 'running', 'paused', 'stopped', 'exited', 'faulted']),
    pace: Pace,
    simTimeUs: count,
  }),
  serial: v.strictObject({ text: v.string() }),
  lcd: v.strictObject({ text: v.string() }),
  led: v.strictObject({ name: LedName, on: v.boolean(), timeUs: count }),
  inference: v.strictObject({
    digit: int(0, 9),
    scores: v.pipe(v.array(finite), v.length(10)),
    source: v.picklist(['touch', 'blob']),
    timeUs: count,
  }),
  anomaly: v.strictObject({
    value: finite,
    lo: v.nullable(finite),
    hi: v.nullable(finite),
    anomaly: v.boolean(),
    timeUs: count,
  }),
  build: v.strictObject({ phase: v.string(), errors: count, warnings: count, ms: v.optional(finite) }),
  fault: v.strictObject({ kind: v.picklist(['trap', 'fault', 'abi', 'exit']), message: v.string() }),
  ota: v.strictObject({ state: v.number(), result: v.number(), status: v.string(), running: v.nullable(v.string()) }),
  error: v.strictObject({ code: ErrorCodeSchema, message: v.string(), id: v.optional(Id) }),
} satisfies Record<EventType, v.GenericSchema>;

const base = { protocol: v.literal(PROTOCOL), v: v.literal(VERSION) };

/** Every command as one schema, for the JSON Schema (the iframe parses in two steps for clearer errors). */
export const CommandSchema = v.variant(
  'type',
  COMMAND_TYPES.map((type) =>
    v.strictObject({
      ...base,
      type: v.literal(type),
      id: v.optional(Id),
      payload: v.optional(COMMAND_PAYLOADS[type]),
    }),
  ),
);
export const EventSchema = v.variant(
  'type',
  EVENT_TYPES.map((type) => v.strictObject({ ...base, type: v.literal(type), payload: EVENT_PAYLOADS[type] })),
);
export const ResponseSchema = v.variant('ok', [
  v.strictObject({ ...base, type: v.literal('response'), id: Id, ok: v.literal(true), result: v.unknown() }),
  v.strictObject({
    ...base,
    type: v.literal('response'),
    id: Id,
    ok: v.literal(false),
    error: v.strictObject({ code: ErrorCodeSchema, message: v.string() }),
  }),
]);

const Header = v.object({ ...base, type: v.string(), id: v.optional(Id) });

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; id?: MessageId };

const describe = (issues: v.BaseIssue<unknown>[]) => {
  const path = v.getDotPath(issues[0]!);
  return `${path ? `${path}: ` : ''}${issues[0]!.message}`;
};

/** A command as the iframe receives it: its header first (so a bad payload is answered by id), then its payload. */
export function parseCommand(
  data: unknown,
): Parsed<{ [K in CommandType]: { type: K; id?: MessageId; payload: CommandPayloads[K] } }[CommandType]> {
  const header = v.safeParse(Header, data);
  if (!header.success) return { ok: false, code: 'malformed', message: `not a ${PROTOCOL} v${VERSION} message` };
  const { type, id } = header.output;
  if (!Object.hasOwn(COMMAND_PAYLOADS, type))
    return { ok: false, code: 'malformed', message: `unknown command "${type.slice(0, 40)}"`, id };
  const payload = v.safeParse(COMMAND_PAYLOADS[type as CommandType], (data as { payload?: unknown }).payload ?? {});
  if (!payload.success) return { ok: false, code: 'invalid', message: `${type}: ${describe(payload.issues)}`, id };
  return { ok: true, value: { type, id, payload: payload.output } as never };
}

/** An event or a response as the host receives it; anything else is not for the host. */
export function parseFromBoard(
  data: unknown,
):
  | { kind: 'event'; event: { [K in EventType]: { type: K; payload: EventPayloads[K] } }[EventType] }
  | { kind: 'response'; response: v.InferOutput<typeof ResponseSchema> }
  | undefined {
  const response = v.safeParse(ResponseSchema, data);
  if (response.success) return { kind: 'response', response: response.output };
  const event = v.safeParse(EventSchema, data);
  if (event.success) return { kind: 'event', event: event.output as never };
  return undefined;
}

export function parseResult<K extends CommandType>(type: K, result: unknown): CommandResults[K] | undefined {
  const r = v.safeParse(COMMAND_RESULTS[type], result);
  return r.success ? (r.output as CommandResults[K]) : undefined;
}

// The types of types.ts and the schemas above describe the same messages: tsc fails here when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameEach<S extends Record<string, v.GenericSchema>, T extends Record<keyof S, unknown>> = {
  [K in keyof S]: Same<v.InferOutput<S[K]>, T[K]>;
}[keyof S];
const agree = <T extends true>(value: T) => value;
agree<SameEach<typeof COMMAND_PAYLOADS, CommandPayloads>>(true);
agree<SameEach<typeof EVENT_PAYLOADS, EventPayloads>>(true);
agree<SameEach<typeof GET_RESULTS, GetResults>>(true);
agree<SameEach<typeof COMMAND_RESULTS, CommandResults>>(true);
