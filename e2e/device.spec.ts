// The Device tab of the MNIST demo: a new board runs its factory image; a model trained in the page is signed,
// deployed over the air, tried and confirmed, and the board's predictions come from it; a tampered copy is refused
// with the old model still running; Roll back brings the previous model back. Virtual time runs in fast-forward
// while the board downloads and swaps (seconds of erase and program time).
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';
import { stroke } from './drawing';

test.setTimeout(240_000);

const otaState = (page: Page) => page.getByTestId('ota-state');
const running = (page: Page) => page.getByTestId('model-version');

/** Waits until the update agent is idle with `result`, fast-forwarding virtual time meanwhile. */
async function settle(page: Page, result: string): Promise<void> {
  await expect(otaState(page)).toHaveAttribute('data-state', 'Idle', { timeout: 120_000 });
  await expect(otaState(page)).toHaveAttribute('data-result', result, { timeout: 120_000 });
}

test('a model trained in the page is deployed, refused when tampered, and rolled back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const board = new BoardPage(page);
  await board.open('mnist');
  await page.getByTestId('tab-device').click();
  await expect(running(page)).toHaveAttribute('data-version', '1.0.0+0', { timeout: 30_000 });
  await expect(page.getByTestId('slot-primary')).toHaveAttribute('data-confirmed', 'true');
  await expect(page.getByTestId('deploy')).toBeDisabled();

  // Train a small model: one epoch, one hidden layer of 32.
  await page.getByTestId('tab-train').click();
  await page.getByTestId('arch-hidden').fill('32');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 120_000 });

  await page.getByTestId('tab-device').click();
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.getByTestId('deploy').click();
  await settle(page, 'success');
  await expect(running(page)).toHaveAttribute('data-version', '1.1.0+0');
  await expect(page.getByTestId('slot-primary')).toHaveAttribute('data-version', '1.1.0+0');
  await expect(page.getByTestId('slot-primary')).toHaveAttribute('data-confirmed', 'true');
  await expect(page.getByTestId('slot-secondary')).toHaveAttribute('data-version', '1.0.0+0');
  // Each slot's digest is what the firmware computed when it checked the image: the running one's is the primary's.
  const runningDigest = (await running(page).textContent())!.match(/digest ([0-9a-f]{16})/)![1];
  await expect(page.getByTestId('slot-primary')).toHaveAttribute('data-digest', runningDigest!);
  await expect(page.getByTestId('slot-secondary')).toHaveAttribute('data-digest', /^[0-9a-f]{16}$/);
  await expect(page.getByTestId('update-history').getByRole('listitem').first()).toContainText('success');

  // The board now runs the new network: the inference panel's layers are its layers, and it classifies a "1".
  await page.getByTestId('replay-speed').selectOption('1');
  await page.getByRole('tab', { name: 'Inference' }).click();
  await expect(page.locator('table.layers')).toContainText('1×784 → 1×32');
  await stroke(page, [
    [120, 30],
    [120, 210],
  ]);
  await page.getByRole('button', { name: 'Classify (BUTTON1)' }).click();
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '1');

  // A tampered copy is refused; the model stays.
  await page.getByTestId('tab-device').click();
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.getByTestId('deploy-tampered').click();
  await settle(page, 'integrityCheckFailure');
  await expect(otaState(page)).toContainText('digest');
  await expect(running(page)).toHaveAttribute('data-version', '1.1.0+0');

  // A signed image whose self-test fails on the device is tried, then swapped back out.
  await page.getByTestId('deploy-failing-selftest').click();
  await settle(page, 'updateFailed');
  await expect(otaState(page)).toContainText('self-test failed');
  await expect(running(page)).toHaveAttribute('data-version', '1.1.0+0');

  // Roll back offers the previous image again; the device installs it like any update.
  await expect(page.getByTestId('rollback')).toHaveText('Roll back to v1.0.0+0');
  await page.getByTestId('rollback').click();
  await settle(page, 'success');
  await expect(running(page)).toHaveAttribute('data-version', '1.0.0+0');
  expect(errors).toEqual([]);
});

test('the anomaly regression retrained from the device’s readings is deployed; bad images are refused', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const board = new BoardPage(page);
  await board.open('anomaly');
  const model = page.getByTestId('anomaly-model');
  await expect(model).toHaveAttribute('data-source', 'image');
  await expect(model).toHaveAttribute('data-version', '1.0.0+0');
  await page.getByTestId('tab-device').click();
  await expect(running(page)).toHaveAttribute('data-version', '1.0.0+0', { timeout: 30_000 });
  await expect(page.getByTestId('deploy')).toBeDisabled();

  // Let the device post readings, then retrain its regression from them.
  await page.getByTestId('replay-speed').selectOption('100');
  await page.getByTestId('tab-train').click();
  await expect
    .poll(async () => Number(await page.getByTestId('readings-count').getAttribute('data-count')), { timeout: 60_000 })
    .toBeGreaterThan(200);
  await page.getByTestId('anomaly-retrain').click();
  await expect(page.getByTestId('anomaly-retrain-result')).toBeVisible();

  await page.getByTestId('tab-device').click();
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.getByTestId('deploy').click();
  await settle(page, 'success');
  await expect(running(page)).toHaveAttribute('data-version', '1.1.0+0');
  await expect(page.getByTestId('slot-secondary')).toHaveAttribute('data-version', '1.0.0+0');
  // The detector now runs the retrained regression.
  await page.getByRole('tab', { name: 'Temperature stream' }).click();
  await expect(model).toHaveAttribute('data-version', '1.1.0+0');
  await expect(model).toHaveAttribute('data-source', 'image');

  await page.getByTestId('tab-device').click();
  await page.getByTestId('deploy-tampered').click();
  await settle(page, 'integrityCheckFailure');
  await page.getByTestId('deploy-failing-selftest').click();
  await settle(page, 'updateFailed');
  await expect(otaState(page)).toContainText('self-test failed');
  await expect(running(page)).toHaveAttribute('data-version', '1.1.0+0');
  await page.getByRole('tab', { name: 'Temperature stream' }).click();
  await expect(model).toHaveAttribute('data-version', '1.1.0+0');
  expect(errors).toEqual([]);
});
