// The C++ int8 library (wasm/nn) on the shared golden vectors, zero tolerance, built to wasm32-wasip1 with
// @yowasp/clang and run under node:wasi: once with -msimd128 (SIMD FullyConnected kernel) and once without (scalar
// fallback). Both FullyConnected kernels run every FullyConnected and MLP case; Conv2D and DepthwiseConv2D run the
// kernel they pick (SIMD in the -msimd128 build, except depthwise with a depth multiplier > 1) and the check names it.
// The driver also runs the planner overlap property test and SIMD-vs-reference stress tests of FullyConnected, Conv2D
// and DepthwiseConv2D on random shapes (wasm/tests/nn/property_tests.cc).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGolden } from '../../../src/ml/golden/format';
import { HAND_CASES } from '../../../src/ml/golden/handCases';
import { buildDriver, driverFlags, readFlat, ROOT, runDriver, type DriverBuild, type RunResult } from '../wasiDriver';

const NN = join(ROOT, 'wasm/nn');
const TESTS = join(ROOT, 'wasm/tests/nn');
const GOLDEN_DIR = join(TESTS, 'golden');

const headers = readFlat(join(NN, 'include/nn'), /\.h$/);
const librarySources = readFlat(join(NN, 'src'), /\.cc$/);
const testSources = readFlat(TESTS, /\.(cc|h)$/);
// The golden driver's translation units (main is in nn_golden_test.cc).
const DRIVER = [
  'nn_golden_test.cc',
  'golden_check.cc',
  'golden_op_cases.cc',
  'golden_table_cases.cc',
  'property_tests.cc',
];

function build(simd: boolean): Promise<DriverBuild> {
  const args = [
    ...driverFlags(simd),
    '-Inn/include',
    ...Object.keys(librarySources).map((f) => `nn/src/${f}`),
    ...DRIVER.map((f) => `tests/${f}`),
    '-o',
    'out/nn_test.wasm',
  ];
  const tree = { nn: { include: { nn: { ...headers } }, src: { ...librarySources } }, tests: { ...testSources } };
  return buildDriver('nn-test', simd ? 'simd' : 'scalar', 'nn_test', tree, args);
}

function run(wasm: Uint8Array, file = 'nn_golden.bin'): Promise<RunResult> {
  return runDriver(wasm, ['nn_test', `/golden/${file}`], { '/golden': GOLDEN_DIR });
}

interface CaseLine {
  name: string;
  op: string;
  variant: string;
  n: number;
  mismatches: number;
}

function parse(output: string): { cases: CaseLine[]; summary: Record<string, number> } {
  const cases: CaseLine[] = [];
  let summary: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const m = /^CASE (\S+) (\S+) (\S+) n=(\d+) mismatches=(\d+)/.exec(line);
    if (m) cases.push({ name: m[1]!, op: m[2]!, variant: m[3]!, n: Number(m[4]), mismatches: Number(m[5]) });
    if (line.startsWith('SUMMARY ')) {
      summary = Object.fromEntries(
        line
          .slice(8)
          .split(' ')
          .map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]),
      );
    }
  }
  return { cases, summary };
}

/** Every convolution case names the kernel it ran: SIMD wherever it applies in the -msimd128 build. */
function expectConvKernels(cases: CaseLine[], simd: boolean): void {
  const conv = cases.filter((c) => c.op === 'Conv2D' || c.op === 'DepthwiseConv2D');
  expect(conv.length).toBeGreaterThan(0);
  for (const c of conv) {
    const params = [...golden, ...HAND_CASES].find((g) => g.name === c.name)?.params ?? [];
    // DepthwiseConv2D params: [stride_h, stride_w, padding, depth multiplier, activation].
    const multiplier = c.op === 'DepthwiseConv2D' ? params[3] : 1;
    expect(c.variant, c.name).toBe(simd && multiplier === 1 ? 'simd' : 'reference');
  }
}

const golden = decodeGolden(new Uint8Array(readFileSync(join(GOLDEN_DIR, 'nn_golden.bin'))));

describe.each([
  { simd: true, label: 'wasm32 -msimd128' },
  { simd: false, label: 'wasm32 scalar' },
])('wasm/nn on the golden vectors ($label)', ({ simd }) => {
  let result: RunResult;
  let parsed: ReturnType<typeof parse>;
  let hand: RunResult;
  let log: string;

  beforeAll(async () => {
    const b = await build(simd);
    log = b.log;
    result = await run(b.wasm);
    parsed = parse(result.output);
    hand = await run(b.wasm, 'nn_hand.bin');
  }, 300_000);

  it('compiles the library and driver without warnings', () => {
    expect(log).not.toMatch(/warning:/);
  });

  it('passes every check with zero mismatches', () => {
    const failing = parsed.cases.filter((c) => c.mismatches !== 0);
    expect(
      failing,
      result.output
        .split('\n')
        .filter((l) => !/mismatches=0$/.test(l))
        .join('\n'),
    ).toEqual([]);
    expect(parsed.summary.failures).toBe(0);
    expect(result.exitCode).toBe(0);
    expect(parsed.summary.simd).toBe(simd ? 1 : 0);
  });

  it('ran every golden case, both FullyConnected kernels on FC and MLP cases', () => {
    expect(parsed.summary.cases).toBe(golden.length);
    for (const g of golden) {
      const lines = parsed.cases.filter((c) => c.name === g.name);
      expect(lines.length, g.name).toBeGreaterThan(0);
      if (g.op === 'FullyConnected' || g.op === 'MLP') {
        expect(lines.map((l) => l.variant)).toEqual(expect.arrayContaining(['reference', 'simd']));
      }
    }
    const values = parsed.cases.filter((c) => c.op !== 'property').reduce((n, c) => n + c.n, 0);
    expect(values).toBeGreaterThan(10_000);
  });

  it('gives the values worked out by hand for every op (src/ml/golden/handCases.ts), both FullyConnected kernels', () => {
    const { cases, summary } = parse(hand.output);
    expect(
      cases.filter((c) => c.mismatches !== 0),
      hand.output,
    ).toEqual([]);
    expect(summary.cases).toBe(HAND_CASES.length);
    expect(summary.failures).toBe(0);
    expect(hand.exitCode).toBe(0);
    expect(new Set(cases.filter((c) => c.op !== 'property').map((c) => c.name))).toEqual(
      new Set(HAND_CASES.map((c) => c.name)),
    );
    const fc = cases.filter((c) => c.op === 'FullyConnected').map((c) => c.variant);
    expect(fc).toEqual(expect.arrayContaining(['reference', 'simd']));
    expectConvKernels(cases, simd);
  });

  it('ran the SIMD Conv2D and DepthwiseConv2D kernels on the golden cases (reference in the scalar build)', () => {
    expectConvKernels(parsed.cases, simd);
  });

  it('ran the planner overlap, SIMD stress and graph checks', () => {
    const props = parsed.cases.filter((c) => c.op === 'property').map((c) => c.name);
    expect(props).toEqual(
      expect.arrayContaining([
        'planner_random_no_overlap',
        simd ? 'fc_simd_vs_reference_random' : 'fc_fallback_vs_reference_random',
        simd ? 'conv_simd_vs_reference_random' : 'conv_fallback_vs_reference_random',
        'graph_stats_and_errors',
      ]),
    );
  });
});
