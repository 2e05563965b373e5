// tableCases.ts — golden tables for the fixed-point arithmetic (multipliers, quantization params) and the planner.

import { INT32_MAX, INT32_MIN } from '../quant/fixedpoint';
import type { GoldenCase } from './format';
import { f32, finish, randInt, rawTensor, uniform, type Rng } from './caseTensors';

export function quantizeMultiplierCase(rng: Rng): GoldenCase {
  const values = [
    0,
    1,
    -1,
    0.5,
    0.75,
    2 ** -31,
    2 ** -32,
    2 ** -33,
    2 ** -40,
    1 - 2 ** -33,
    1 - 2 ** -32,
    1 - 2 ** -31,
    0.5 - 2 ** -34,
    2 ** 30,
    2 ** 30 - 1,
    1e-10,
    5e-324,
    1e300,
    0.1,
    1 / 3,
    2 / 3,
    -0.3,
    1.5,
    255 / 256,
    1 / 255,
  ];
  for (let i = 0; i < 300; i++) {
    const v = 2 ** (rng() * 80 - 40) * (rng() < 0.1 ? -1 : 1);
    values.push(v);
  }
  // Products of float32 scales, as kernels form them.
  for (let i = 0; i < 100; i++) values.push((f32(rng() * 0.1) * f32(rng() * 0.02)) / f32(rng() * 0.5 + 1e-3));
  return finish({
    name: 'quantize_multiplier',
    op: 'QuantizeMultiplier',
    params: [],
    tensors: [rawTensor(Float64Array.from(values)), rawTensor(new Int32Array(0), 'expected')],
  });
}

export function multiplyByQuantizedMultiplierCase(rng: Rng): GoldenCase {
  const triples: number[] = [];
  const anyInt = () => (rng() * 4294967296 - 2147483648) | 0;
  const edgeX = [
    0,
    1,
    -1,
    2,
    -2,
    INT32_MAX,
    INT32_MIN,
    INT32_MAX - 1,
    INT32_MIN + 1,
    1 << 30,
    -(1 << 30),
    12345,
    -12345,
  ];
  const edgeM = [INT32_MIN, INT32_MAX, 1 << 30, (1 << 30) + 1, 0, 1, -1, -(1 << 30), 1518500250];
  for (const x of edgeX) for (const m of edgeM) for (const s of [0, 1, -1, -31, 30, 5, -12]) triples.push(x, m, s);
  for (let i = 0; i < 2000; i++) triples.push(anyInt(), anyInt(), randInt(rng, -31, 30));
  // Typical requantization: accumulators, multipliers in [2^30, 2^31), right shifts.
  for (let i = 0; i < 1500; i++)
    triples.push(randInt(rng, -200000, 200000), (1 << 30) + Math.floor(rng() * (1 << 30)), randInt(rng, -20, 2));
  // Exact ties for both roundings: x * 2^30 / 2^31 = x / 2, then divided by 2^r.
  for (let i = 0; i < 300; i++) {
    const r = randInt(rng, 0, 8);
    const k = randInt(rng, -5000, 5000);
    triples.push((2 * k + 1) * 2 ** r, 1 << 30, -r);
  }
  return finish({
    name: 'multiply_by_quantized_multiplier',
    op: 'MultiplyByQuantizedMultiplier',
    params: [],
    tensors: [rawTensor(Int32Array.from(triples)), rawTensor(new Int32Array(0), 'expected')],
  });
}

export function chooseQuantParamsCase(rng: Rng): GoldenCase {
  const pairs = [0, 0, -1, 1, 0, 6, -6, 0, 0, 1, -0.5, 100, -128, 127, 0.1, 0.2, -0.3, -0.1, 1e-6, 2e-6, -3, 1e-3];
  for (let i = 0; i < 150; i++) pairs.push(uniform(rng, -20, 5), uniform(rng, -5, 20));
  return finish({
    name: 'choose_quant_params',
    op: 'ChooseQuantParams',
    params: [],
    tensors: [
      rawTensor(Float32Array.from(pairs)),
      rawTensor(new Float32Array(0), 'expected'),
      rawTensor(new Int32Array(0), 'expected'),
    ],
  });
}

export function randomPlannerProblem(rng: Rng, n: number, ops: number): number[] {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const first = randInt(rng, 0, ops - 1);
    const last = randInt(rng, first, Math.min(ops - 1, first + randInt(rng, 0, 4)));
    const sz = rng() < 0.05 ? 0 : randInt(rng, 1, rng() < 0.5 ? 300 : 5000);
    t.push(sz, first, last);
  }
  return t;
}

export function plannerCase(rng: Rng, index: number): GoldenCase {
  const n = index === 0 ? 0 : randInt(rng, 1, 40);
  const t = randomPlannerProblem(rng, n, randInt(rng, 1, 16));
  return finish({
    name: `planner_${index}`,
    op: 'Planner',
    params: [],
    tensors: [
      rawTensor(Int32Array.from(t)),
      rawTensor(new Int32Array(0), 'expected'),
      rawTensor(new Int32Array(0), 'expected'),
    ],
  });
}
