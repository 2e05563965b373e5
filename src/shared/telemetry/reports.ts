// The telemetry reports of the demo firmware (sim_telemetry, written with the SDK's TelemetryReport), described
// once: the page's types and its run-time check come from here, and the firmware tests check every report the
// firmware sends against it (wasm/tests/*.test.ts), so a field renamed or retyped on either side fails a test.
// Meanings of the fields: docs/mnist.md#telemetry and docs/anomaly.md#telemetry-sim_telemetry.
import {
  array,
  boolean,
  check,
  type Field,
  type Infer,
  integer,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  tagged,
} from './fields';

const layer = object({
  op: string,
  kernel: string,
  input_shape: array(integer),
  output_shape: array(integer),
  macs: integer,
  weight_bytes: integer,
  bias_bytes: integer,
  scale_bytes: integer,
  multiplier_bytes: integer,
  qparam_bytes: integer,
  arena_bytes: integer,
  persistent_bytes: integer,
  live_bytes: integer,
});

const totals = object({
  macs: integer,
  flash_model_bytes: integer,
  weight_bytes: integer,
  bias_bytes: integer,
  scale_bytes: integer,
  arena_bytes: integer,
  arena_capacity: integer,
  planned_bytes: integer,
  persistent_bytes: integer,
  unplanned_bytes: integer,
  preprocess_bytes: integer,
  canvas_bytes: integer,
  static_data_bytes: integer,
  sim_only_bytes: integer,
  static_ram_bytes: integer,
  heap_high_water: integer,
  // Heap bytes allocated now, and the rest of the heap the board's SRAM leaves after stack and static data.
  heap_used: integer,
  heap_free: integer,
  stack_high_water: integer,
  stack_size: integer,
});

/** A model runner tensor: its shape and quantization. */
const runnerTensor = object({ shape: array(integer), scale: number, zero_point: integer });

/** The model runner's figures: the graph's (as in `totals`), the package, and the memory it shares with the arena. */
const runnerTotals = object({
  macs: integer,
  flash_model_bytes: integer,
  weight_bytes: integer,
  bias_bytes: integer,
  scale_bytes: integer,
  arena_bytes: integer,
  arena_capacity: integer,
  planned_bytes: integer,
  persistent_bytes: integer,
  unplanned_bytes: integer,
  package_bytes: integer,
  pool_bytes: integer,
  pool_capacity: integer,
  flash_window_bytes: integer,
});

const MNIST_CLASSES = 10;
const MNIST_PIXELS = 28 * 28;

const detectorParameters = {
  k: integer,
  time_of_day: boolean,
  z: number,
  sigma: number,
  debounce: integer,
  holdoff: integer,
} as const;

/** Every report type the demo firmware sends, by its "type" field. */
export const TELEMETRY_REPORTS = {
  'mnist.model': object({
    model: string,
    input: object({ side: integer, scale: number, zero_point: integer }),
    planner: string,
    layers: array(layer),
    totals,
  }),
  'mnist.inference': object({
    seq: integer,
    source: oneOf('touch', 'blob'),
    slot: optional(integer),
    /** A drawing: the brush radius its canvas was re-inked with before preprocessing. */
    ink_radius: optional(integer),
    time_us: integer,
    host_us: number,
    prediction: integer,
    scores: array(number, MNIST_CLASSES),
    scores_int8: array(integer, MNIST_CLASSES),
    logits_int8: array(integer, MNIST_CLASSES),
    input: array(integer, MNIST_PIXELS),
    layers: array(layer),
    totals,
  }),
  /** Sent at start and whenever the firmware clears its canvas: the touch screen's ink is gone. */
  'mnist.canvas': object({ size: integer, brush_radius: integer, path_capacity: integer }),
  'anomaly.sample': object({
    t_us: integer,
    value: number,
    predicted: nullable(number),
    lo: nullable(number),
    hi: nullable(number),
    outlier: boolean,
    anomaly: boolean,
    count: integer,
    mse: number,
    n: integer,
    phase: oneOf('warmup', 'learning', 'detect'),
    mode: oneOf('model', 'learn'),
  }),
  'anomaly.model': tagged('status', {
    loaded: {
      /** The compiled-in blob, a blob the host pushed, the fit saved before a reset, or the signed image. */
      source: oneOf('default', 'slot1', 'flash', 'image'),
      /** The image's version, with source "image". */
      version: optional(string),
      ...detectorParameters,
      mode: oneOf('model', 'learn'),
      crc: string,
    },
    learned: { source: oneOf('device'), ...detectorParameters, mode: oneOf('learn'), pairs: integer },
    rejected: { source: oneOf('slot1'), reason: string },
  }),
  'anomaly.error': object({ t_us: integer, message: string }),
  /** The model runner (wasm/apps/model_runner, docs/model-runner.md): the installed model, or why there is none. */
  'model_runner.model': tagged('status', {
    installed: {
      version: string,
      input: runnerTensor,
      /** The graph's first output: the one top-k is taken from. */
      output: runnerTensor,
      outputs: integer,
      layers: array(layer),
      totals: runnerTotals,
    },
    none: { reason: string },
  }),
  'model_runner.inference': object({
    seq: integer,
    source: oneOf('canvas', 'blob'),
    version: string,
    time_us: integer,
    host_us: number,
    top_k: array(object({ index: integer, score: number })),
    /** The first output's int8 values, when it has at most 1,024 elements. */
    output_int8: optional(array(integer)),
    layers: array(layer),
    totals: runnerTotals,
  }),
  /** An input the runner did not run: no model, an empty canvas, an input of the wrong size or shape. */
  'model_runner.error': object({ source: oneOf('canvas', 'blob'), message: string }),
  /** The update agent (wasm/mbed UpdateAgent): LwM2M Object 5's State and Update Result, and both model slots. */
  'ota.status': object({
    state: integer,
    result: integer,
    status: string,
    downloaded_bytes: integer,
    download_size: integer,
    /** The ETag of the offer the state and result are about, in hex ("" before any offer). */
    etag: string,
    /** Per slot: the image's version and body size from its header, the last check of it ("verified", a verdict). */
    slots: array(
      object({
        version: nullable(string),
        body_bytes: integer,
        check: string,
        /** The start of the SHA-256 the firmware computed over the image, in hex ("" until it did). */
        digest: string,
        confirmed: boolean,
        pending: boolean,
      }),
      2,
    ),
    running: nullable(string),
    security_counter: optional(integer),
    running_digest: optional(string),
    running_key_slot: optional(integer),
  }),
} as const satisfies Record<string, Field>;

export type ReportType = keyof typeof TELEMETRY_REPORTS;
type Reports = { [T in ReportType]: { type: T } & Infer<(typeof TELEMETRY_REPORTS)[T]> };
export type ReportOf<T extends ReportType> = Reports[T];

export type MnistModelReport = ReportOf<'mnist.model'>;
export type MnistInferenceReport = ReportOf<'mnist.inference'>;
export type MnistCanvasReport = ReportOf<'mnist.canvas'>;
export type OtaStatusReport = ReportOf<'ota.status'>;
export type LayerReport = MnistModelReport['layers'][number];
export type ModelTotals = MnistModelReport['totals'];
export type AnomalySampleReport = ReportOf<'anomaly.sample'>;
export type AnomalyModelReport = ReportOf<'anomaly.model'>;

export type RunnerModelReport = ReportOf<'model_runner.model'>;
export type RunnerInferenceReport = ReportOf<'model_runner.inference'>;
export type RunnerErrorReport = ReportOf<'model_runner.error'>;

export const isReportType = (type: string): type is ReportType => Object.hasOwn(TELEMETRY_REPORTS, type);

/**
 * Why a report of a described type does not match its description, or undefined when it does. Reports of other
 * types (a user's own firmware may send any) are not described and pass.
 */
export function checkReport(report: { type: string; [key: string]: unknown }): string | undefined {
  if (!isReportType(report.type)) return undefined;
  const { type, ...fields } = report;
  const problem = check(TELEMETRY_REPORTS[report.type], fields);
  return problem && `${type}: ${problem.replace(/^\$\.?/, '')}`;
}
