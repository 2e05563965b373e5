// floatWeights.ts — a float MLP's weights as one little-endian float32 blob (per layer: kernel [units, depth],
// then bias [units]), with the shapes kept beside it in JSON.
import type { DenseActivation, FloatMlp } from './floatMlp';

export interface FloatLayerShape {
  units: number;
  depth: number;
  activation: DenseActivation;
}

export function encodeFloatWeights(mlp: FloatMlp): { shapes: FloatLayerShape[]; bytes: Uint8Array } {
  const total = mlp.layers.reduce((a, l) => a + l.units * l.depth + l.units, 0);
  const out = new Float32Array(total);
  let o = 0;
  for (const l of mlp.layers) {
    out.set(l.kernel, o);
    o += l.kernel.length;
    out.set(l.bias, o);
    o += l.bias.length;
  }
  return {
    shapes: mlp.layers.map((l) => ({ units: l.units, depth: l.depth, activation: l.activation })),
    bytes: new Uint8Array(out.buffer),
  };
}

export function decodeFloatWeights(shapes: readonly FloatLayerShape[], bytes: Uint8Array): FloatMlp {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const take = (n: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++, o += 4) a[i] = view.getFloat32(o, true);
    return a;
  };
  const layers = shapes.map((s) => ({ ...s, kernel: take(s.units * s.depth), bias: take(s.units) }));
  if (o !== bytes.length) throw new Error(`floatWeights: ${bytes.length} bytes, shapes need ${o}`);
  return { layers };
}
