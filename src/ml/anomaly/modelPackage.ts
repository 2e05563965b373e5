// The body of the anomaly app's signed model image (payload type anomalyBlobV1, docs/ota.md): the model blob of
// modelBlob.ts, then self-test vectors — feature rows and the prediction the page computed for each, which the
// device must reproduce bit for bit with its own float32 arithmetic before it confirms the image.
//
//   off  type          field
//    0   blob          the model blob v1 (its length field says where it ends)
//    L   char[4]       magic "ANST"
//   L+4  u16           vector count N (1..MODEL_SELF_TEST_MAX_VECTORS)
//   L+6  u16           reserved, 0
//   L+8  N × f32[F+1]  per vector: its F features (the blob's, in the blob's order), then the expected prediction
//
// The body ends with the last vector: any other length is refused. wasm/apps/anomaly/model_blob.h gets the
// constants from here (modelBlobHeader.ts).
import { encodeModelBlob, featureCount, type AnomalyModel } from './modelBlob';
import { lagMatrix, predictFeatures } from './regression';

export const MODEL_SELF_TEST_MAGIC = 'ANST';
export const MODEL_SELF_TEST_HEADER_BYTES = 8;
export const MODEL_SELF_TEST_MAX_VECTORS = 16;

/** The first `count` feature rows of a reading series, as the detector builds them. */
export function selfTestRows(m: AnomalyModel, series: ArrayLike<number>, count: number): Float32Array[] {
  const { x, rows, cols } = lagMatrix(series, m);
  if (rows < count) throw new Error(`self-test: ${count} vectors need ${count + m.k} readings, got ${series.length}`);
  return Array.from({ length: count }, (_, r) => Float32Array.from(x.subarray(r * cols, (r + 1) * cols)));
}

export interface AnomalyPackageOptions {
  /** Write a wrong last expected prediction, as if the device computed the model differently from the page. */
  failingSelfTest?: boolean;
}

export function writeAnomalyPackage(
  m: AnomalyModel,
  rows: readonly Float32Array[],
  options: AnomalyPackageOptions = {},
): Uint8Array {
  const F = featureCount(m);
  if (rows.length < 1 || rows.length > MODEL_SELF_TEST_MAX_VECTORS)
    throw new Error(`self-test: 1..${MODEL_SELF_TEST_MAX_VECTORS} vectors, got ${rows.length}`);
  if (rows.some((r) => r.length !== F)) throw new Error(`self-test: every vector has the model's ${F} features`);
  const blob = encodeModelBlob(m);
  const out = new Uint8Array(blob.length + MODEL_SELF_TEST_HEADER_BYTES + rows.length * (F + 1) * 4);
  out.set(blob);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[blob.length + i] = MODEL_SELF_TEST_MAGIC.charCodeAt(i);
  dv.setUint16(blob.length + 4, rows.length, true);
  let at = blob.length + MODEL_SELF_TEST_HEADER_BYTES;
  for (const row of rows) {
    for (const v of row) {
      dv.setFloat32(at, v, true);
      at += 4;
    }
    dv.setFloat32(at, predictFeatures(m, row), true);
    at += 4;
  }
  if (options.failingSelfTest) dv.setFloat32(at - 4, dv.getFloat32(at - 4, true) + 0.5, true);
  return out;
}
