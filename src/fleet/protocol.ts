// The workshop fleet's wire contract (docs/fleet.md), written once for the server, the device client and the
// instructor page: MQTT topics under ws/<workshop>/, their JSON payloads as valibot schemas, the HTTP API's bodies
// and the campaign model (AWS IoT Jobs' execution states). Everything a peer receives is parsed with these schemas
// before it is used; a payload that does not parse is dropped with a log line.
import * as v from 'valibot';
import { LWM2M_UPDATE_RESULTS } from '../ota/imageFormat';

/** Payloads a device may publish, bytes: the broker refuses larger ones (docs/fleet.md "Limits"). */
export const DEVICE_PUBLISH_LIMIT = 64 * 1024;
/** Any payload, bytes (an image offer carries a whole image in base64). */
export const MESSAGE_LIMIT = 512 * 1024;
/** A device batches its telemetry reports, publishing at most once per this interval, ms. */
export const TELEMETRY_INTERVAL_MS = 1000;
/**
 * A device publishes its status again at this interval, with its update agent's last report about the campaign's
 * offer: delivery is at least once, so a copy lost between brokers is made good and the manager ignores repeats.
 */
export const HEARTBEAT_INTERVAL_MS = 15_000;

export const MANAGER_USERNAME = 'manager';
export const INSTRUCTOR_USERNAME = 'instructor';

/** Ids (workshop, device, campaign, execution): URL- and topic-safe, no MQTT wildcards or separators. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
export const isId = (s: string) => ID.test(s);
const Id = v.pipe(v.string(), v.regex(ID));

/** The topics of one workshop. */
export function topics(workshop: string) {
  const root = `ws/${workshop}`;
  const dev = (id: string) => `${root}/dev/${id}`;
  return {
    root,
    all: `${root}/#`,
    campaign: `${root}/campaign`,
    status: (id: string) => `${dev(id)}/status`,
    telemetry: (id: string) => `${dev(id)}/telemetry`,
    ota: (id: string) => `${dev(id)}/ota`,
    otaStatus: (id: string) => `${dev(id)}/ota/status`,
    /** Subscriptions of the manager: every device's status, telemetry and update status. */
    anyStatus: `${root}/dev/+/status`,
    anyTelemetry: `${root}/dev/+/telemetry`,
    anyOtaStatus: `${root}/dev/+/ota/status`,
  };
}

export type DeviceTopic = 'status' | 'telemetry' | 'ota' | 'ota/status';

/** Splits a topic of `workshop` into its device id and kind, or undefined when it is no device topic. */
export function parseDeviceTopic(workshop: string, topic: string): { id: string; kind: DeviceTopic } | undefined {
  const m = /^ws\/([^/]+)\/dev\/([^/]+)\/(status|telemetry|ota|ota\/status)$/.exec(topic);
  if (!m || m[1] !== workshop || !isId(m[2]!)) return undefined;
  return { id: m[2]!, kind: m[3] as DeviceTopic };
}

// ---- dev/<id>/status (retained; the last will is the offline form) -----------------------------------------------

const SlotSchema = v.object({ version: v.nullable(v.string()), confirmed: v.boolean() });

export const DeviceStatusSchema = v.variant('online', [
  v.object({
    online: v.literal(true),
    /** The firmware app the board runs, e.g. "mnist". */
    app: v.string(),
    /** The model version the board runs ("1.1.0+0"), null before its agent reported. */
    version: v.nullable(v.string()),
    slots: v.array(SlotSchema),
    /** LwM2M Object 5 State (0 Idle, 1 Downloading, 2 Downloaded, 3 Updating) and Update Result. */
    state: v.number(),
    result: v.number(),
    /** Wall clock of the device, ms since the epoch. */
    ts: v.number(),
  }),
  v.object({ online: v.literal(false) }),
]);
export type DeviceStatus = v.InferOutput<typeof DeviceStatusSchema>;
export const OFFLINE: DeviceStatus = { online: false };

// ---- dev/<id>/telemetry -----------------------------------------------------------------------------------------

/** One telemetry report of the firmware (src/shared/telemetry/reports.ts describes the demos' types). */
export const ReportSchema = v.looseObject({ type: v.string() });
export type Report = v.InferOutput<typeof ReportSchema>;

export const TelemetrySchema = v.object({ ts: v.number(), reports: v.array(ReportSchema) });

/** A report of the board page itself: the lesson the learner has open and how many of its steps are done. */
export const LessonProgressSchema = v.object({
  type: v.literal('lesson.progress'),
  lesson: v.string(),
  title: v.string(),
  done: v.pipe(v.number(), v.integer()),
  steps: v.pipe(v.number(), v.integer()),
});
export type LessonProgress = v.InferOutput<typeof LessonProgressSchema>;
export type Telemetry = v.InferOutput<typeof TelemetrySchema>;

// ---- dev/<id>/ota (manager → device, QoS 1) ----------------------------------------------------------------------

/** An ETag: LINK_ETAG_BYTES (8) bytes in hex, the start of the image's SHA-256. */
const EtagSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/));

export const OtaCommandSchema = v.variant('op', [
  v.object({
    op: v.literal('offer'),
    campaign: Id,
    execution: Id,
    /** The image's version ("1.1.0+0"): the execution succeeds when the device runs it. */
    version: v.string(),
    etag: EtagSchema,
    size: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** The signed image, base64. */
    image: v.string(),
  }),
  v.object({ op: v.literal('cancel'), campaign: Id }),
]);
export type OtaCommand = v.InferOutput<typeof OtaCommandSchema>;
export type OtaOffer = Extract<OtaCommand, { op: 'offer' }>;

// ---- dev/<id>/ota/status (device → manager) ----------------------------------------------------------------------

/**
 * The update agent's `ota.status` report as the firmware sent it (fields beyond these pass through), with the
 * campaign and execution of the offer its ETag belongs to (absent for an update not offered by a campaign).
 */
export const OtaStatusSchema = v.looseObject({
  state: v.number(),
  result: v.number(),
  status: v.string(),
  downloaded_bytes: v.number(),
  download_size: v.number(),
  etag: v.string(),
  /** Each slot as the agent reports it, with its last check ("verified" or a verdict name such as "digestMismatch"). */
  slots: v.array(
    v.looseObject({ version: v.nullable(v.string()), confirmed: v.boolean(), check: v.optional(v.string()) }),
  ),
  running: v.nullable(v.string()),
  campaign: v.optional(Id),
  execution: v.optional(Id),
});
export type OtaStatus = v.InferOutput<typeof OtaStatusSchema>;

/** LwM2M Object 5 resource 5 (Update Result): the numbers the device's update agent reports (src/ota). */
export const UPDATE_RESULT = LWM2M_UPDATE_RESULTS;

// ---- campaigns (AWS IoT Jobs) -------------------------------------------------------------------------------------

export const EXECUTION_STATES = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'CANCELED',
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];
export const TERMINAL_STATES: readonly ExecutionState[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'REJECTED', 'CANCELED'];
/** The states the abort criteria count as failures (AWS IoT Jobs' failureType ALL). */
export const FAILURE_STATES: readonly ExecutionState[] = ['FAILED', 'TIMED_OUT', 'REJECTED'];

/** A campaign's own state: running, every execution terminal, stopped by its abort criteria, or cancelled. */
export const CAMPAIGN_STATES = ['IN_PROGRESS', 'COMPLETED', 'ABORTED', 'CANCELED'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const CountsSchema = v.object({
  queued: v.number(),
  inProgress: v.number(),
  succeeded: v.number(),
  failed: v.number(),
  timedOut: v.number(),
  rejected: v.number(),
  canceled: v.number(),
});
export type Counts = v.InferOutput<typeof CountsSchema>;
export const COUNT_KEY: Record<ExecutionState, keyof Counts> = {
  QUEUED: 'queued',
  IN_PROGRESS: 'inProgress',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  REJECTED: 'rejected',
  CANCELED: 'canceled',
};

export const RateSchema = v.variant('kind', [
  /** At most `max` executions started in any minute. */
  v.object({ kind: v.literal('perMinute'), max: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  /**
   * AWS IoT Jobs' exponential rate: `base` per minute at first, multiplied by `factor` each time as many
   * executions as the current rate have succeeded since the last increase.
   */
  v.object({
    kind: v.literal('exponential'),
    base: v.pipe(v.number(), v.integer(), v.minValue(1)),
    factor: v.pipe(v.number(), v.minValue(1), v.maxValue(5)),
  }),
]);
export type Rate = v.InferOutput<typeof RateSchema>;

export const AbortSchema = v.object({
  /** Abort when at least this percentage of the terminal executions failed, timed out or were rejected… */
  failurePct: v.pipe(v.number(), v.gtValue(0), v.maxValue(100)),
  /** …once at least this many executions are terminal. */
  minExecutions: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type Abort = v.InferOutput<typeof AbortSchema>;

/** POST /api/campaigns */
export const CampaignRequestSchema = v.object({
  imageId: Id,
  target: v.union([v.literal('all'), v.pipe(v.array(Id), v.minLength(1))]),
  rate: RateSchema,
  abort: AbortSchema,
  /** An execution in progress longer than this is TIMED_OUT (AWS IoT Jobs' inProgressTimeoutInMinutes). */
  timeoutSeconds: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type CampaignRequest = v.InferOutput<typeof CampaignRequestSchema>;

/** What the retained `campaign` topic and GET /api/campaigns carry per campaign. */
export const CampaignSummarySchema = v.object({
  id: Id,
  imageId: Id,
  version: v.string(),
  state: v.picklist(CAMPAIGN_STATES),
  counts: CountsSchema,
  total: v.number(),
  createdAt: v.number(),
  /** Why it stopped, when its abort criteria or a cancel stopped it. */
  reason: v.optional(v.string()),
});
export type CampaignSummary = v.InferOutput<typeof CampaignSummarySchema>;
export const CampaignListSchema = v.array(CampaignSummarySchema);

// ---- HTTP API ------------------------------------------------------------------------------------------------

/** POST /api/join: a join code, plus the credentials a page already holds for this workshop (kept on rejoin). */
export const JoinRequestSchema = v.object({
  code: v.string(),
  deviceId: v.optional(Id),
  token: v.optional(v.string()),
});
export type JoinRequest = v.InferOutput<typeof JoinRequestSchema>;

/** A P-256 public key, SEC1 uncompressed (0x04 ‖ X ‖ Y), in hex. */
export const PublicKeyHex = v.pipe(
  v.string(),
  v.regex(/^04[0-9a-f]{128}$/, 'a P-256 public key: 130 hex digits from 04'),
);

export const JoinResponseSchema = v.object({
  workshop: Id,
  deviceId: Id,
  /** The device's MQTT password. */
  token: v.string(),
  /** The broker's WebSocket URL (ws:// or wss://). */
  broker: v.string(),
  /** The instructor's public key, which the board provisions into its workshop key slot (docs/fleet.md). */
  instructorKey: v.optional(PublicKeyHex),
});
export type JoinResponse = v.InferOutput<typeof JoinResponseSchema>;

/** GET /api/workshop (instructor): the workshop's id, the root of its topics (ws/<workshop>/…), and its trusted key. */
export const WorkshopResponseSchema = v.object({ workshop: Id, instructorKey: v.optional(PublicKeyHex) });

/** PUT /api/workshop/key (instructor): the public key of the instructor's browser profile, which signs images. */
export const InstructorKeyRequestSchema = v.object({ publicKey: PublicKeyHex });
export type WorkshopResponse = v.InferOutput<typeof WorkshopResponseSchema>;

/** GET /api/devices: one row per device the workshop knows. */
export interface DeviceRow {
  id: string;
  online: boolean;
  /** Wall clock of the last message from it, ms since the epoch. */
  lastSeen: number | null;
  app: string | null;
  version: string | null;
  slots: { version: string | null; confirmed: boolean }[];
  /** The update agent's last LwM2M state and result and its status line. */
  state: number | null;
  result: number | null;
  status: string | null;
  /** The last report of each telemetry type it sent, by type. */
  telemetry: Record<string, Report>;
}

/** GET /api/images */
export interface ImageRow {
  id: string;
  /** The app the image's target TLV names, e.g. "mnist". */
  target: string;
  version: string;
  size: number;
  etag: string;
  /** "builtin" (each demo's model re-issued) or "upload". */
  source: 'builtin' | 'upload';
  label: string;
  createdAt: number;
}

/** GET /api/campaigns/:id: the summary and every execution. */
export interface CampaignDetail extends CampaignSummary {
  request: CampaignRequest;
  executions: { id: string; device: string; state: ExecutionState; status: string | null; updatedAt: number }[];
}

/** GET /api/telemetry?figure=<type>.<field>&since=<ms>: one point per report. */
export interface TelemetryPoint {
  device: string;
  ts: number;
  value: number;
}

/** Parses `bytes` as JSON and checks it against `schema`: the value, or why it is not one. */
export function parseJson<S extends v.GenericSchema>(
  schema: S,
  bytes: Uint8Array | string,
): { ok: true; value: v.InferOutput<S> } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const r = v.safeParse(schema, json);
  if (r.success) return { ok: true, value: r.output };
  const issue = r.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, problem: `${path ? `${path}: ` : ''}${issue.message}` };
}
