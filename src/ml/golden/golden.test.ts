// The shared golden vectors on the TS side: the committed file is exactly what the generator produces, the TS
// engine reproduces every expected output with zero tolerance, and the int8 results mean what they should (within a
// rounding step of float64 references). wasm/tests/nn/nn.test.ts runs the same file through the C++ library.
// Regenerate after an intended change: `npx tsx scripts/gen-nn-golden.ts` or `UPDATE_GOLDEN=1 npx vitest run src/ml/golden`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activationFromCode, dequantizeValue } from '../quant/quantize';
import { computeOutSize, computePadding } from '../kernels/reference';
import { decodeGolden, encodeGolden, type GoldenCase } from './format';
import { generateGoldenFormatHeader, GOLDEN_FORMAT_HEADER_PATH } from './formatHeader';
import { convF, elementwiseF, fullyConnectedF, poolF, softmaxF, applyActivation } from './floatRef';
import { GOLDEN_FILE, buildGoldenCases } from './generate';
import { dequantizedValues, PADDINGS, runGoldenCase } from './runner';

const path = join(new URL('../../../', import.meta.url).pathname, GOLDEN_FILE);
const fresh = encodeGolden(buildGoldenCases());
if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, fresh);
const committed = existsSync(path) ? new Uint8Array(readFileSync(path)) : new Uint8Array(0);
const cases = committed.length ? decodeGolden(committed) : [];

const OPS = [
  'FullyConnected',
  'Add',
  'Sub',
  'Minimum',
  'Maximum',
  'ArgMax',
  'Relu',
  'Relu6',
  'Reshape',
  'Quantize',
  'Dequantize',
  'Softmax',
  'Conv2D',
  'DepthwiseConv2D',
  'MaxPool2D',
  'AveragePool2D',
  'MLP',
  'QuantizeMultiplier',
  'MultiplyByQuantizedMultiplier',
  'ChooseQuantParams',
  'Planner',
];

describe('golden vector file', () => {
  it('the C++ reader takes its codes from wasm/tests/nn/golden_format.h, generated from format.ts (npm run gen:contracts)', () => {
    expect(readFileSync(join(new URL('../../../', import.meta.url).pathname, GOLDEN_FORMAT_HEADER_PATH), 'utf8')).toBe(
      generateGoldenFormatHeader(),
    );
  });

  it('is committed and identical to a fresh deterministic generation', () => {
    expect(committed.length, `missing ${GOLDEN_FILE}: run npx tsx scripts/gen-nn-golden.ts`).toBeGreaterThan(0);
    expect(Buffer.compare(Buffer.from(committed), Buffer.from(fresh)), 'golden file is stale: regenerate it').toBe(0);
  });

  it('stays small and covers every op and table', () => {
    expect(committed.length).toBeLessThan(300 * 1024);
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(OPS));
  });
});

describe('TS engine on the golden vectors (zero tolerance)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expected = c.tensors.filter((t) => t.role === 'expected');
    for (const kernel of ['reference', 'simd'] as const) {
      const got = runGoldenCase(c, kernel);
      expect(got.length).toBe(expected.length);
      got.forEach((g, i) => {
        const want = expected[i]!.data;
        expect(g.constructor).toBe(want.constructor);
        // Bitwise for floats (Object.is also separates -0 and 0).
        const mismatches = Array.from(g).filter((v, k) => !Object.is(v, want[k])).length;
        expect(mismatches, `${c.name} output ${i}`).toBe(0);
        expect(g.length).toBe(want.length);
      });
    }
  });
});

// ---- semantic sanity: int8 results vs float64 references ----------------------------------------------------------

function tensorIndex(c: GoldenCase, role: string, k = 0): number {
  return c.tensors.map((t, i) => (t.role === role ? i : -1)).filter((i) => i >= 0)[k]!;
}

/** Float64 reference of a single-op case on the dequantized operands, or null when not applicable. */
function floatReference(c: GoldenCase): Float64Array | null {
  const p = c.params;
  const x = (k: number) => dequantizedValues(c, tensorIndex(c, 'input', k));
  const inShape = (k: number) => c.tensors[tensorIndex(c, 'input', k)]!.shape;
  const w = () => dequantizedValues(c, tensorIndex(c, 'weights'));
  const b = () => (c.tensors.some((t) => t.role === 'bias') ? dequantizedValues(c, tensorIndex(c, 'bias')) : null);
  const out = c.tensors[tensorIndex(c, 'expected')]!;
  switch (c.op) {
    case 'FullyConnected': {
      const [units, depth] = c.tensors[tensorIndex(c, 'weights')]!.shape as [number, number];
      return fullyConnectedF(x(0), w(), b(), x(0).length / depth, depth, units, activationFromCode(p[0]!));
    }
    case 'Add':
    case 'Sub': {
      const r = elementwiseF(x(0), inShape(0), x(1), inShape(1), c.op === 'Add' ? (u, v) => u + v : (u, v) => u - v);
      return r.map((v) => applyActivation(v, activationFromCode(p[0]!)));
    }
    case 'Minimum':
      return elementwiseF(x(0), inShape(0), x(1), inShape(1), Math.min);
    case 'Maximum':
      return elementwiseF(x(0), inShape(0), x(1), inShape(1), Math.max);
    case 'Relu':
      return x(0).map((v) => Math.max(0, v));
    case 'Relu6':
      return x(0).map((v) => Math.min(6, Math.max(0, v)));
    case 'Reshape':
    case 'Quantize':
    case 'Dequantize':
      return x(0);
    case 'Softmax':
      return softmaxF(x(0), inShape(0)[inShape(0).length - 1]!, p[0]!);
    case 'Conv2D':
    case 'DepthwiseConv2D':
    case 'MaxPool2D':
    case 'AveragePool2D': {
      const pool = c.op.endsWith('Pool2D');
      const [batches, inH, inW, inC] = inShape(0) as [number, number, number, number];
      const ws = pool ? [1, p[0]!, p[1]!, inC] : c.tensors[tensorIndex(c, 'weights')]!.shape;
      const kh = ws[1]!;
      const kw = ws[2]!;
      const [sh, sw, padCode] = pool ? [p[2]!, p[3]!, p[4]!] : [p[0]!, p[1]!, p[2]!];
      const padding = PADDINGS[padCode]!;
      const outH = computeOutSize(padding, inH, kh, sh);
      const outW = computeOutSize(padding, inW, kw, sw);
      const dm = c.op === 'DepthwiseConv2D' ? p[3]! : 1;
      const g = {
        batches,
        inH,
        inW,
        inC,
        outH,
        outW,
        outC: out.shape[3]!,
        kh,
        kw,
        strideH: sh,
        strideW: sw,
        padH: computePadding(sh, inH, kh, outH),
        padW: computePadding(sw, inW, kw, outW),
        depthMultiplier: dm,
      };
      const act = activationFromCode((pool ? p[5] : c.op === 'Conv2D' ? p[3] : p[4]) ?? 0);
      return pool
        ? poolF(g, x(0), c.op === 'AveragePool2D', act)
        : convF(g, x(0), w(), b(), c.op === 'DepthwiseConv2D', act);
    }
    default:
      return null;
  }
}

// Largest allowed |dequantized int8 result - clamped float reference|, in output quantization steps. Requantization
// rounds twice (TFLM): the high multiply rounds, then the rounding right shift by r rounds again, so the error is up
// to 0.5 + 2^-(r+1) <= 0.75 step. Add/Sub requantize three times; Softmax uses a fixed-point exp and reciprocal.
const TOLERANCE_STEPS: Record<string, number> = {
  FullyConnected: 0.75,
  Conv2D: 0.75,
  DepthwiseConv2D: 0.75,
  Add: 1,
  Sub: 1,
  Relu: 0.75,
  Relu6: 0.75,
  Quantize: 0.75,
  AveragePool2D: 0.5,
  MaxPool2D: 0,
  Minimum: 0,
  Maximum: 0,
  Reshape: 0,
  Dequantize: 0,
  Softmax: 1,
};

const worstByOp = new Map<string, number>();

describe('int8 results approximate the float64 references', () => {
  afterAll(() => {
    if (process.env.NN_GOLDEN_REPORT === '1')
      console.log(Object.fromEntries([...worstByOp].map(([k, v]) => [k, Number(v.toFixed(4))])));
  });
  const opCases = cases.filter((c) => c.op in TOLERANCE_STEPS);
  it.each(opCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ref = floatReference(c)!;
    const out = c.tensors[tensorIndex(c, 'expected')]!;
    const steps = TOLERANCE_STEPS[c.op]!;
    if (out.dtype === 'float32') {
      ref.forEach((r, i) => expect(out.data[i]).toBe(Math.fround(r)));
      return;
    }
    const s = out.scales[0]!;
    const lo = (-128 - out.zeroPoint) * s;
    const hi = (127 - out.zeroPoint) * s;
    let worst = 0;
    ref.forEach((r, i) => {
      const got = dequantizeValue(out.data[i]!, s, out.zeroPoint);
      worst = Math.max(worst, Math.abs(got - Math.min(hi, Math.max(lo, r))) / s);
    });
    worstByOp.set(c.op, Math.max(worstByOp.get(c.op) ?? 0, worst));
    expect(worst).toBeLessThanOrEqual(steps + 1e-4);
  });

  it('ArgMax picks the first maximum of the dequantized input', () => {
    for (const c of cases.filter((k) => k.op === 'ArgMax')) {
      const xin = c.tensors[0]!;
      const axis = c.params[0]! < 0 ? c.params[0]! + xin.shape.length : c.params[0]!;
      const v = dequantizedValues(c, 0);
      const outer = xin.shape.slice(0, axis).reduce((a, d) => a * d, 1);
      const size = xin.shape[axis]!;
      const inner = xin.shape.slice(axis + 1).reduce((a, d) => a * d, 1);
      const want: number[] = [];
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          let best = 0;
          for (let k = 1; k < size; k++)
            if (v[(o * size + k) * inner + i]! > v[(o * size + best) * inner + i]!) best = k;
          want.push(best);
        }
      }
      expect(Array.from(c.tensors[tensorIndex(c, 'expected')]!.data)).toEqual(want);
    }
  });
});
