// The anomaly demo: load a CSV trace, fast-forward, see anomalies on the chart and the LCD; switch sources.
import { writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

/** 600 five-minute readings around 70 °C with a +6 °C step for 30 readings at row 400. */
function trace(): string {
  const rows = ['timestamp,value'];
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < 600; i++) {
    const ts = new Date(t0 + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    const value = 70 + 2 * Math.sin(i / 20) + 0.2 * Math.sin(i * 7.3) + (i >= 400 && i < 430 ? 6 : 0);
    rows.push(`${ts},${value.toFixed(3)}`);
  }
  return rows.join('\n');
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a loaded CSV replays in fast-forward and its anomaly is flagged on the chart and the LCD', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('anomaly');
  await upload(page, 'machine.csv', trace());
  await expect(page.getByTestId('stream-source')).toHaveValue('csv');
  await page.getByTestId('replay-speed').selectOption('fast');
  await expect
    .poll(async () => Number(await page.getByTestId('anomaly-count').getAttribute('data-count')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => board.lcdText()).toMatch(/anomalies [1-9]/);
  await expect
    .poll(async () => Number(await page.getByTestId('temperature-chart').getAttribute('data-anomalies')))
    .toBeGreaterThan(0);

  // The replay pauses at the end of the trace; loading a trace again replays it, without a Resume.
  await expect(page.getByTestId('speed-pct')).toHaveText('paused');
  const endedAtMs = await board.simTimeMs();
  await upload(page, 'machine.csv', trace());
  await expect.poll(() => board.simTimeMs()).toBeGreaterThanOrEqual(endedAtMs + 600_000); // all 600 readings again
  await expect(page.getByTestId('speed-pct')).toHaveText('paused');
  // Switching to the slider after the end runs on too, and the firmware reads it.
  await page.getByTestId('replay-speed').selectOption('1');
  await page.getByTestId('stream-source').selectOption('manual');
  await expect(page.getByTestId('pause')).toBeVisible();
  await page.getByTestId('temperature-slider').fill('95');
  await expect.poll(() => board.lcdText()).toMatch(/95\.0/);
  // And to the synthetic stream: readings keep coming.
  await page.getByTestId('stream-source').selectOption('synthetic');
  const seen = Number((await page.getByTestId('samples-seen').textContent())!.replace(/,/g, ''));
  await expect
    .poll(async () => Number((await page.getByTestId('samples-seen').textContent())!.replace(/,/g, '')))
    .toBeGreaterThan(seen);
});

test('a malformed CSV is rejected with line numbers and the running stream is kept', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('anomaly');
  await upload(page, 'broken.csv', 'timestamp,value\n2024-01-01 00:00:00,20.5\n2024-01-01 00:05:00,warm\n');
  await expect(page.getByTestId('csv-messages')).toContainText('line 3');
  await expect(page.getByTestId('stream-source')).toHaveValue('synthetic');
  await expect(page.getByTestId('hardfault')).toHaveCount(0);
});

test('a large CSV is parsed off the main thread, with progress, and a malformed one still names its line', async ({
  page,
}, testInfo) => {
  const board = new BoardPage(page);
  await board.open('anomaly');
  const rows = ['timestamp,value'];
  for (let i = 0; i < 1_000_000; i++) rows.push(`${i * 300},${(70 + 2 * Math.sin(i / 20)).toFixed(3)}`);
  const big = rows.join('\n');
  // Files on disk, as a user picks them: the browser reads them itself (a buffer would be decoded by the test's
  // own script on the page's thread).
  const bigPath = testInfo.outputPath('million.csv');
  const brokenPath = testInfo.outputPath('broken.csv');
  writeFileSync(bigPath, big);
  writeFileSync(brokenPath, `${big}\n299999700,hot\n`);
  await page.evaluate(() => {
    const w = window as unknown as { longTasksMs: number[] };
    w.longTasksMs = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasksMs.push(e.duration))).observe({
      type: 'longtask',
    });
  });
  await page.getByTestId('csv-input').setInputFiles(bigPath);
  await expect(page.getByTestId('csv-progress')).toBeVisible();
  await expect(page.getByText('1,000,000 readings from million.csv')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('csv-progress')).toHaveCount(0);
  await expect(page.getByTestId('stream-source')).toHaveValue('csv');
  const longTasks = await page.evaluate(() => (window as unknown as { longTasksMs: number[] }).longTasksMs);
  console.log(
    `long tasks while loading 1,000,000 rows (${(big.length / 1e6).toFixed(1)} MB): ${longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`,
  );
  expect(Math.max(0, ...longTasks)).toBeLessThan(50);

  // the same size with one bad row near the end: rejected with its line, the loaded trace stays
  await page.getByTestId('csv-input').setInputFiles(brokenPath);
  await expect(page.getByTestId('csv-messages')).toContainText('line 1000002: value "hot" is not a finite number', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('stream-source')).toHaveValue('csv');
});

test('Reset keeps the model the device learned, as flash would', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('anomaly');
  await board.holdButton('BUTTON1');
  await expect(board.led('LED2')).toHaveAttribute('data-state', 'on');
  await page.getByTestId('replay-speed').selectOption('100'); // the first fit comes after 288 readings
  await expect(board.serialOutput).toContainText('# fitted on the device over', { timeout: 60_000 });
  await page.getByTestId('reset').click();
  await expect(board.serialOutput).toContainText('# resumed the model learned on the device before the reset');
  await expect(board.led('LED2')).toHaveAttribute('data-state', 'on');
});
