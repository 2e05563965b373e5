// The Train tab of the MNIST demo: training in the page's worker (the same weights as the trainer in Node), what
// it shows during and after a run, Stop, bad settings, and the digits the user labels on the device.
import { expect, type Page, test } from '@playwright/test';
import { evaluateInt8 } from '../src/ml/mnist/evaluate';
import { loadDigitSet } from '../src/ml/mnist/files';
import { quantizeTrained } from '../src/ml/train/evaluate';
import { useWasmBackend } from '../src/ml/train/nodeBackend';
import { trainMlp } from '../src/ml/train/trainer';
import { weightsSha256 } from '../src/ml/train/weightsHash';
import { readFileSync } from 'node:fs';
import { decodeDigitSet } from '../src/ml/mnist/dataset';
import { BoardPage } from './BoardPage';
import { stroke } from './drawing';
import { traceMainThread } from './MainThreadTrace';
import { longestTaskMs, watchLongestTask } from './pageProbes';

async function openTrainTab(page: Page): Promise<BoardPage> {
  const board = new BoardPage(page);
  await board.open('mnist');
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('arch-hidden')).toBeVisible();
  return board;
}

async function settings(page: Page, hidden: string, epochs: string, batch = '32'): Promise<void> {
  await page.getByTestId('arch-hidden').fill(hidden);
  await page.getByTestId('train-epochs').fill(epochs);
  await page.getByTestId('train-batch').fill(batch);
}

test('one epoch trained in the page: progress, curves, confusion matrix, float vs int8 — the weights Node trains', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openTrainTab(page);
  await settings(page, '32', '1');
  // Before training: the architecture's cost on the board, from the planner and the cycle model.
  await expect(page.getByTestId('arch-flash')).toHaveAttribute('data-bytes', /^\d{5,}$/);
  await expect(page.getByTestId('arch-verdict')).toHaveAttribute('data-fits', 'true');
  const m4 = Number(await page.getByTestId('arch-latency').getAttribute('data-ms'));
  await page.getByTestId('board-select').selectOption('nucleo-l053r8');
  await expect(page.getByTestId('arch-verdict')).toHaveAttribute('data-fits', 'false');
  await expect(page.getByTestId('arch-verdict')).toContainText('Does not fit the NUCLEO-L053R8: flash needs');
  await page.getByTestId('board-select').selectOption('disco-f746ng');
  await expect
    .poll(async () => Number(await page.getByTestId('arch-latency').getAttribute('data-ms')))
    .toBeLessThan(m4);
  await page.getByTestId('board-select').selectOption('disco-f413zh');

  await watchLongestTask(page);
  const progress = page.getByTestId('train-progress');
  const figures = await traceMainThread(page, async () => {
    await page.getByTestId('train-start').click();
    await expect(progress).toHaveAttribute('data-phase', 'training', { timeout: 60_000 });
    await expect(page.getByTestId('train-stop')).toBeEnabled();
    await expect(page.locator('.train-progress-text')).toContainText(/Epoch 1 of 1, batch \d+ of 250/);
    await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });
  });
  const longestWallMs = await longestTaskMs(page);
  test.info().annotations.push({
    type: 'main thread while training',
    description: `longest task ${figures.longestTaskCpuMs.toFixed(0)} ms CPU, ${longestWallMs.toFixed(0)} ms wall, ${figures.tasks} tasks`,
  });
  expect(figures.longestTaskCpuMs).toBeLessThan(50);

  await expect(progress).toHaveAttribute('data-epoch', '1');
  await expect(progress).toHaveAttribute('data-epochs', '1');
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('train-loss-chart')).toHaveAttribute('data-points', /^[1-9]\d*$/);
  await expect(page.getByTestId('train-loss-chart')).toHaveAttribute('data-validation-points', '1');
  await expect(page.getByTestId('train-loss-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(page.getByTestId('per-class').locator('td')).toHaveCount(10);
  const card = page.getByTestId('train-accuracy');
  const float = Number(await card.getAttribute('data-float'));
  const int8 = Number(await card.getAttribute('data-int8'));
  expect(float).toBeGreaterThan(0.8);
  expect(int8).toBeGreaterThan(0.8);
  const wrong = Number(await page.getByTestId('misclassified').getAttribute('data-count'));
  expect(wrong).toBe(Math.round((1 - float) * 2000));
  await expect(page.getByTestId('misclassified').locator('canvas')).toHaveCount(Math.min(60, wrong));

  // The same run in Node, with the same trainer and quantizer: the same weights, the same int8 accuracy.
  await useWasmBackend();
  const train = loadDigitSet('train');
  const run = await trainMlp(train, { hidden: [32], epochs: 1, batchSize: 32, learningRate: 0.001, seed: 7 });
  run.model.dispose();
  await expect(page.getByTestId('train-weights')).toHaveAttribute('data-sha256', weightsSha256(run.mlp!));
  expect(int8).toBe(evaluateInt8(quantizeTrained(run.mlp!, train).model, loadDigitSet('test')).accuracy);
  expect(errors).toEqual([]);
});

test('a bad architecture gets a clear message and nothing starts', async ({ page }) => {
  await openTrainTab(page);
  const arch = page.getByTestId('arch-hidden');
  const message = page.getByTestId('train-settings-error');
  for (const [text, expected] of [
    ['128,abc', 'Layer 2: “abc” is not a whole number of units'],
    ['8,8,8,8', '4 hidden layers: at most 3'],
    ['0', 'Layer 1: 0 units; each layer needs 1 to 1024'],
    ['', 'Enter the hidden layers'],
  ]) {
    await arch.fill(text);
    await expect(message).toContainText(expected);
    await expect(arch).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('train-start')).toBeDisabled();
  }
  await arch.fill('64');
  await page.getByTestId('train-epochs').fill('0');
  await expect(message).toContainText('Epochs: a whole number from 1 to 100');
  await page.getByTestId('train-epochs').fill('2');
  await expect(message).toHaveText('');
  await expect(page.getByTestId('train-start')).toBeEnabled();
});

test('Stop keeps the last complete epoch, or says nothing was trained', async ({ page }) => {
  await openTrainTab(page);
  const progress = page.getByTestId('train-progress');
  // Batch size 1: the first epoch is long enough to stop inside it.
  await settings(page, '16', '3', '1');
  await page.getByTestId('train-start').click();
  await expect(page.locator('.train-progress-text')).toContainText(/Epoch 1 of 3, batch \d+ of 8000/, {
    timeout: 60_000,
  });
  await page.getByTestId('train-stop').click();
  await expect(progress).toHaveAttribute('data-phase', 'nothing-trained');
  await expect(page.locator('.train-progress-text')).toHaveText(
    'Stopped before the first epoch ended: nothing was trained.',
  );
  await expect(page.getByTestId('train-accuracy')).toHaveCount(0);

  await settings(page, '16', '50', '64');
  await page.getByTestId('train-start').click();
  await expect(page.locator('.train-progress-text')).toContainText(/Epoch 2 of 50/, { timeout: 60_000 });
  await page.getByTestId('train-stop').click();
  await expect(progress).toHaveAttribute('data-phase', 'done');
  const kept = Number(await progress.getAttribute('data-epoch'));
  expect(kept).toBeGreaterThanOrEqual(1);
  expect(kept).toBeLessThan(50);
  await expect(page.locator('.train-progress-text')).toContainText(`Stopped: kept epoch ${kept} of 50.`);
  expect(Number(await page.getByTestId('train-accuracy').getAttribute('data-float'))).toBeGreaterThan(0.8);
});

test('a labelled digit joins the data set, survives a reload, can be viewed, exported and cleared', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  await stroke(page, [
    [125, 35],
    [118, 205],
  ]);
  await board.button('BUTTON1').click();
  await expect.poll(() => board.lcdText()).toBe('Predicted: 1');
  const input = await page.getByTestId('input-image').evaluate((el: HTMLCanvasElement) =>
    Array.from(
      el
        .getContext('2d')!
        .getImageData(0, 0, 28, 28)
        .data.filter((_, i) => i % 4 === 0),
    ),
  );
  const label = page.getByTestId('label-digit');
  await label.locator('[data-digit="1"]').click();
  await expect(label.locator('[data-digit="1"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.label-digit')).toContainText('Kept as a 1: 1 digit in your data set');
  // One label per inference; the next inference can be labelled again.
  await expect(label.locator('[data-digit="7"]')).toBeDisabled();
  await board.button('BUTTON1').click();
  await expect(label.locator('[data-digit="7"]')).toBeEnabled();
  await label.locator('[data-digit="7"]').click();
  await expect(page.locator('.label-digit')).toContainText('Kept as a 7: 2 digits');

  await page.reload();
  await page.getByTestId('tab-train').click();
  const count = page.getByTestId('dataset-count');
  await expect(count).toHaveAttribute('data-count', '2');
  await page.getByTestId('dataset-view').click();
  await expect(page.getByTestId('dataset-grid').locator('figcaption')).toHaveText(['1', '7']);

  // The export is the bundled digits' own format, holding exactly the firmware's input.
  const download = page.waitForEvent('download');
  await page.getByTestId('dataset-export').click();
  const file = decodeDigitSet(new Uint8Array(readFileSync(await (await download).path())));
  expect(Array.from(file.labels)).toEqual([1, 7]);
  expect(Array.from(file.images.subarray(0, 784))).toEqual(input);

  // Training adds them to the 8,000 bundled digits.
  await settings(page, '16', '1');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.locator('.train-progress-text')).toContainText('on 8,002 digits');

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('dataset-clear').click();
  await expect(count).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('dataset-grid')).toContainText('No digits yet.');
  await page.reload();
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('dataset-count')).toHaveAttribute('data-count', '0');
});

test('without IndexedDB the data set says so plainly, and training still works', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await openTrainTab(page);
  await expect(page.getByTestId('dataset-problem')).toHaveText(
    'Your digits cannot be kept in this browser: this browser has no IndexedDB.',
  );
  await expect(page.getByTestId('train-include-collected')).toBeDisabled();
  await settings(page, '16', '1');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });
  await new BoardPage(page).open('anomaly');
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('readings-problem')).toHaveText(
    "The device's readings cannot be kept in this browser: this browser has no IndexedDB.",
  );
});

test('the Train tab works by keyboard and fits 1400×900, 640×480 and 375×667', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  await page.getByTestId('tab-train').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-train')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Tab'); // the Device tab
  await page.keyboard.press('Tab'); // the Model tab
  await page.keyboard.press('Tab'); // the Firmware source tab
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('arch-hidden')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('24');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('train-epochs')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter'); // submits the form: Train
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.train-progress-text')).toContainText('Trained 1 epoch on 8,000 digits');

  for (const [width, height] of [
    [1400, 900],
    [640, 480],
    [375, 667],
  ]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('train-accuracy').scrollIntoViewIfNeeded();
    // Nothing sticks out sideways: the page never scrolls horizontally.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const id of ['arch-hidden', 'train-start', 'train-progress', 'confusion-matrix', 'dataset-count']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x, `${id} at ${width}px`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${id} at ${width}px`).toBeLessThanOrEqual(width);
    }
    await test.info().attach(`train-tab-${width}x${height}`, {
      body: await page.screenshot({ fullPage: true }),
      contentType: 'image/png',
    });
  }
});

test('the anomaly demo keeps the readings the device posts and retrains its regression from them', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('anomaly');
  await page.getByTestId('replay-speed').selectOption('100');
  await page.getByTestId('tab-train').click();
  const count = page.getByTestId('readings-count');
  await expect
    .poll(async () => Number(await count.getAttribute('data-count')), { timeout: 60_000 })
    .toBeGreaterThan(600);
  await page.getByTestId('anomaly-retrain').click();
  const result = page.getByTestId('anomaly-retrain-result');
  await expect(result).toBeVisible();
  for (const name of ['data-train-mse', 'data-test-mse', 'data-running-train-mse', 'data-running-test-mse']) {
    const v = Number(await result.getAttribute(name));
    expect(v, name).toBeGreaterThan(0);
    expect(v, name).toBeLessThan(5);
  }
  await expect(result).toContainText('running model');

  // The readings are the device's posted data: they survive a reload, and Clear empties them.
  const kept = Number(await count.getAttribute('data-count'));
  await page.reload();
  await page.getByTestId('tab-train').click();
  await expect
    .poll(async () => Number(await page.getByTestId('readings-count').getAttribute('data-count')))
    .toBeGreaterThanOrEqual(kept);
  await page.getByTestId('stop').click();
  await page.getByTestId('readings-clear').click();
  await expect(page.getByTestId('readings-count')).toHaveAttribute('data-count', '0');
});
