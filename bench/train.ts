// Training in the page: the Train tab's epoch time against its matmul floor — the epoch's matmul FLOPs
// (src/ml/train/flops.ts) ÷ the GFLOP/s TF.js's wasm backend reaches on exactly those products in the same page —
// and the longest main-thread task while the worker trains.
import { traceMainThread } from '../e2e/MainThreadTrace';
import { batchMatmuls, epochMatmulFlops, matmulFlops, type MatmulShape } from '../src/ml/train/flops';
import type { BrowserSession } from './browser';
import { loadTfjs } from './tfjsPage';
import { longestTaskMs, watchLongestTask } from '../e2e/pageProbes';

const HIDDEN = [128, 64];
const EPOCHS = 3;
const BATCH = 32;
const TRAIN_DIGITS = 8000;

/** Seconds per batch of the given products, timed with TF.js (wasm) in the page: FLOPs and time. */
async function matmulGflops(session: BrowserSession, shapes: MatmulShape[]): Promise<number> {
  await loadTfjs(session.page);
  const seconds = await session.page.evaluate(async (shapes) => {
    const tf = (globalThis as unknown as { tf: any }).tf; // eslint-disable-line @typescript-eslint/no-explicit-any
    const pairs = shapes.map((s) => [tf.randomUniform([s.m, s.k]), tf.randomUniform([s.k, s.n])]);
    // (No named functions in here: the bench runner's transpiler would wrap them in a helper the page lacks.)
    for (let i = 0; i < 50; i++) for (const [a, b] of pairs) tf.matMul(a, b).dataSync();
    const reps = 400;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) for (const [a, b] of pairs) tf.matMul(a, b).dataSync();
    return (performance.now() - t0) / 1000 / reps;
  }, shapes);
  return shapes.reduce((a, s) => a + matmulFlops(s), 0) / seconds / 1e9;
}

export async function benchTrain(session: BrowserSession): Promise<string[]> {
  const { page, url } = session;
  await page.goto(`${url}/?demo=mnist`);
  await page.getByTestId('tab-train').click();
  await page.getByTestId('arch-hidden').fill(HIDDEN.join(','));
  await page.getByTestId('train-epochs').fill(String(EPOCHS));
  await page.getByTestId('train-batch').fill(String(BATCH));
  await page.getByTestId('train-include-collected').uncheck();
  await watchLongestTask(page);
  const progress = page.getByTestId('train-progress');
  const main = await traceMainThread(page, async () => {
    await page.getByTestId('train-start').click();
    await progress.and(page.locator('[data-phase="done"]')).waitFor({ timeout: 300_000 });
  });
  const wallMs = await longestTaskMs(page);
  const epochMs = Number(await progress.getAttribute('data-epoch-ms'));
  const widths = [784, ...HIDDEN, 10];
  const gflops = await matmulGflops(session, batchMatmuls(widths, BATCH));
  const flops = epochMatmulFlops(widths, TRAIN_DIGITS, BATCH);
  const floorMs = (flops / (gflops * 1e9)) * 1000;
  return [
    `MLP ${widths.join('-')}, batch ${BATCH}, ${TRAIN_DIGITS} digits, ${EPOCHS} epochs in the page's worker (TF.js wasm):`,
    `  epoch ${(epochMs / 1000).toFixed(2)} s   matmul floor ${(floorMs / 1000).toFixed(2)} s (${(flops / 1e9).toFixed(2)} GFLOP at ${gflops.toFixed(1)} GFLOP/s, measured on the same products in the page)   ratio ${(epochMs / floorMs).toFixed(1)}×`,
    `  longest main-thread task while training: ${main.longestTaskCpuMs.toFixed(0)} ms CPU, ${wallMs.toFixed(0)} ms wall (0: none ≥ 50 ms) in ${main.tasks} tasks`,
  ];
}
