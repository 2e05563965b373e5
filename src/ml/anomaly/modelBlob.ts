// The anomaly firmware's model blob, version 1: the parameters of the one-layer regression and of the detector
// around it. The firmware compiles one in (wasm/apps/anomaly/default_model.h) and swaps it at run time when the
// host puts a new one in blob slot 1 (SIM_IRQ_BLOB). Little-endian, 4-byte aligned:
//
//   off  type      field
//    0   char[4]   magic "ANMD"
//    4   u16       version (1)
//    6   u16       total length in bytes, CRC included (44 + 4·F)
//    8   u8        k: number of past readings the prediction uses (1..32)
//    9   u8        flags: bit 0 time-of-day features (sin, cos of the reading's phase in the day),
//                         bit 1 start in on-device learning mode
//   10   u8        debounce n: consecutive readings outside the interval that raise an alarm (1..32)
//   11   u8        reserved, 0
//   12   u16       hold-off: readings after an alarm that cannot raise another (outliers there are not counted)
//   14   u16       time-of-day period in readings (2.. with bit 0, e.g. 288 for 5-minute readings; else 0)
//   16   u16       learning: first fit after this many readings (>= k + F + 2)
//   18   u16       learning: fit over at most the last this many readings (learn_min .. 8192)
//   20   u16       learning: refit every this many readings (0: fit once)
//   22   u16       alarm threshold in hundredths of sigma (0: off): one reading this far from its prediction, or a
//                  spike and its echo in the next reading as strong together, raises an alarm at once
//   24   f32       z: interval half-width in residual standard deviations (1.96 for 95 %)
//   28   f32       sigma: residual standard deviation of the model (°C)
//   32   f32       sigma floor: lower bound for sigma (°C; sensor resolution, a perfectly flat stream)
//   36   f32       bias (°C)
//   40   f32[F]    weights, F = k (+2 with time of day): oldest reading first, newest last, then sin, cos
//   40+4F u32      CRC-32 (IEEE 802.3, as zlib) of all bytes before it

// This file is the one source of the layout: wasm/apps/anomaly/model_blob.h is generated from the constants below
// (modelBlobHeader.ts, npm run gen:contracts) and a test fails when the committed header is stale.

export const MODEL_BLOB_MAGIC = 'ANMD';
export const MODEL_BLOB_VERSION = 1;
export const MODEL_BLOB_SLOT = 1;
export const MODEL_MAX_LAGS = 32;
export const MODEL_MAX_DEBOUNCE = 32;
export const MODEL_MAX_LEARN_WINDOW = 8192;
/** Byte offset of each field (the weights run from `weights` to the CRC). */
export const MODEL_BLOB_OFFSETS = {
  magic: 0,
  version: 4,
  length: 6,
  k: 8,
  flags: 9,
  debounce: 10,
  holdoff: 12,
  todPeriod: 14,
  learnMin: 16,
  learnWindow: 18,
  refitEvery: 20,
  alarmZ: 22,
  z: 24,
  sigma: 28,
  sigmaFloor: 32,
  bias: 36,
  weights: 40,
} as const;
export const MODEL_BLOB_FLAGS = { timeOfDay: 1, learnOnDevice: 2 } as const;
export const MODEL_BLOB_CRC_BYTES = 4;
const HEADER = MODEL_BLOB_OFFSETS.weights;
const O = MODEL_BLOB_OFFSETS;
const FLAG = MODEL_BLOB_FLAGS;
/** Length in bytes of a blob with F weights. */
export const modelBlobBytes = (features: number) => HEADER + 4 * features + MODEL_BLOB_CRC_BYTES;

export interface AnomalyModel {
  k: number;
  timeOfDay: boolean;
  todPeriod: number;
  learnOnDevice: boolean;
  debounce: number;
  holdoff: number;
  learnMin: number;
  learnWindow: number;
  refitEvery: number;
  z: number;
  /** Alarm threshold in residual standard deviations (0: only the debounce rule raises alarms); 2 decimals. */
  alarmZ: number;
  sigma: number;
  sigmaFloor: number;
  bias: number;
  /** k lag weights (oldest first), then sin and cos weights when timeOfDay. */
  weights: number[];
}

export const featureCount = (m: Pick<AnomalyModel, 'k' | 'timeOfDay'>) => m.k + (m.timeOfDay ? 2 : 0);

let crcTable: Uint32Array | undefined;
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Why the model cannot be encoded or run, or undefined when it is fine. Same rules as the firmware. */
export function checkModel(m: AnomalyModel): string | undefined {
  const F = featureCount(m);
  if (!Number.isInteger(m.k) || m.k < 1 || m.k > MODEL_MAX_LAGS) return `k must be 1..${MODEL_MAX_LAGS}, got ${m.k}`;
  if (m.weights.length !== F) return `expected ${F} weights, got ${m.weights.length}`;
  if (!Number.isInteger(m.debounce) || m.debounce < 1 || m.debounce > MODEL_MAX_DEBOUNCE)
    return `debounce must be 1..${MODEL_MAX_DEBOUNCE}, got ${m.debounce}`;
  if (!Number.isInteger(m.holdoff) || m.holdoff < 0 || m.holdoff > 65535)
    return `hold-off must be 0..65535, got ${m.holdoff}`;
  if (m.timeOfDay && (!Number.isInteger(m.todPeriod) || m.todPeriod < 2 || m.todPeriod > 65535))
    return `time-of-day period must be 2..65535, got ${m.todPeriod}`;
  if (!Number.isInteger(m.learnMin) || m.learnMin < m.k + F + 2 || m.learnMin > MODEL_MAX_LEARN_WINDOW) {
    return `first fit must wait ${m.k + F + 2}..${MODEL_MAX_LEARN_WINDOW} readings, got ${m.learnMin}`;
  }
  if (!Number.isInteger(m.learnWindow) || m.learnWindow < m.learnMin || m.learnWindow > MODEL_MAX_LEARN_WINDOW) {
    return `learning window must be ${m.learnMin}..${MODEL_MAX_LEARN_WINDOW}, got ${m.learnWindow}`;
  }
  if (!Number.isInteger(m.refitEvery) || m.refitEvery < 0 || m.refitEvery > 65535)
    return `refit period must be 0..65535, got ${m.refitEvery}`;
  if (!(Number.isFinite(m.z) && m.z > 0)) return `z must be > 0, got ${m.z}`;
  if (!(m.alarmZ === 0 || (m.alarmZ >= 1 && m.alarmZ <= 655.35)))
    return `alarm threshold must be 0 (off) or 1..655.35, got ${m.alarmZ}`;
  if (!(Number.isFinite(m.sigma) && m.sigma >= 0)) return `sigma must be >= 0, got ${m.sigma}`;
  if (!(Number.isFinite(m.sigmaFloor) && m.sigmaFloor >= 0)) return `sigma floor must be >= 0, got ${m.sigmaFloor}`;
  if (!Number.isFinite(m.bias) || m.weights.some((w) => !Number.isFinite(w))) return 'weights and bias must be finite';
  const f32 = (x: number) => Math.abs(x) <= 3.4028234663852886e38;
  if (!f32(m.bias) || !m.weights.every(f32) || !f32(m.sigma) || !f32(m.z)) return 'a parameter does not fit a float32';
  return undefined;
}

export function encodeModelBlob(m: AnomalyModel): Uint8Array {
  const problem = checkModel(m);
  if (problem) throw new Error(`encodeModelBlob: ${problem}`);
  const len = modelBlobBytes(featureCount(m));
  const out = new Uint8Array(len);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[O.magic + i] = MODEL_BLOB_MAGIC.charCodeAt(i);
  dv.setUint16(O.version, MODEL_BLOB_VERSION, true);
  dv.setUint16(O.length, len, true);
  out[O.k] = m.k;
  out[O.flags] = (m.timeOfDay ? FLAG.timeOfDay : 0) | (m.learnOnDevice ? FLAG.learnOnDevice : 0);
  out[O.debounce] = m.debounce;
  dv.setUint16(O.holdoff, m.holdoff, true);
  dv.setUint16(O.todPeriod, m.timeOfDay ? m.todPeriod : 0, true);
  dv.setUint16(O.learnMin, m.learnMin, true);
  dv.setUint16(O.learnWindow, m.learnWindow, true);
  dv.setUint16(O.refitEvery, m.refitEvery, true);
  dv.setUint16(O.alarmZ, Math.round(m.alarmZ * 100), true);
  dv.setFloat32(O.z, m.z, true);
  dv.setFloat32(O.sigma, m.sigma, true);
  dv.setFloat32(O.sigmaFloor, m.sigmaFloor, true);
  dv.setFloat32(O.bias, m.bias, true);
  m.weights.forEach((w, i) => dv.setFloat32(O.weights + 4 * i, w, true));
  dv.setUint32(len - MODEL_BLOB_CRC_BYTES, crc32(out.subarray(0, len - MODEL_BLOB_CRC_BYTES)), true);
  return out;
}

export type DecodeResult = { ok: true; model: AnomalyModel; crc: number } | { ok: false; error: string };

export function decodeModelBlob(bytes: Uint8Array): DecodeResult {
  const fail = (error: string): DecodeResult => ({ ok: false, error });
  if (bytes.length < modelBlobBytes(1)) return fail(`blob too short (${bytes.length} bytes)`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(O.magic, O.magic + 4)) !== MODEL_BLOB_MAGIC)
    return fail('bad magic (not an anomaly model blob)');
  const version = dv.getUint16(O.version, true);
  if (version !== MODEL_BLOB_VERSION)
    return fail(`unsupported version ${version} (this firmware reads ${MODEL_BLOB_VERSION})`);
  const len = dv.getUint16(O.length, true);
  if (len !== bytes.length) return fail(`length field says ${len} bytes, blob has ${bytes.length}`);
  const stored = dv.getUint32(len - MODEL_BLOB_CRC_BYTES, true);
  const computed = crc32(bytes.subarray(0, len - MODEL_BLOB_CRC_BYTES));
  if (stored !== computed) return fail(`CRC mismatch (stored 0x${hex(stored)}, computed 0x${hex(computed)})`);
  const k = bytes[O.k];
  const timeOfDay = (bytes[O.flags] & FLAG.timeOfDay) !== 0;
  const F = featureCount({ k, timeOfDay });
  if (len !== modelBlobBytes(F))
    return fail(`length ${len} does not match k=${k}${timeOfDay ? ' with time of day' : ''} (${modelBlobBytes(F)})`);
  const model: AnomalyModel = {
    k,
    timeOfDay,
    learnOnDevice: (bytes[O.flags] & FLAG.learnOnDevice) !== 0,
    debounce: bytes[O.debounce],
    holdoff: dv.getUint16(O.holdoff, true),
    todPeriod: dv.getUint16(O.todPeriod, true),
    learnMin: dv.getUint16(O.learnMin, true),
    learnWindow: dv.getUint16(O.learnWindow, true),
    refitEvery: dv.getUint16(O.refitEvery, true),
    z: dv.getFloat32(O.z, true),
    alarmZ: dv.getUint16(O.alarmZ, true) / 100,
    sigma: dv.getFloat32(O.sigma, true),
    sigmaFloor: dv.getFloat32(O.sigmaFloor, true),
    bias: dv.getFloat32(O.bias, true),
    weights: Array.from({ length: F }, (_, i) => dv.getFloat32(O.weights + 4 * i, true)),
  };
  const problem = checkModel(model);
  return problem ? fail(problem) : { ok: true, model, crc: stored };
}

const hex = (x: number) => x.toString(16).padStart(8, '0');
