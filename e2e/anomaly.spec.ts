// The anomaly demo: load a CSV trace, fast-forward, see anomalies on the chart and the LCD; switch sources.
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
  await expect.poll(async () => Number(await page.getByTestId('anomaly-count').getAttribute('data-count')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => board.lcdText()).toMatch(/anomalies [1-9]/);
  await expect.poll(async () => Number(await page.getByTestId('temperature-chart').getAttribute('data-anomalies'))).toBeGreaterThan(0);

  // The replay pauses at the end of the trace; switching to the slider and resuming, the firmware reads it.
  await expect(page.getByTestId('speed-pct')).toHaveText('paused');
  await page.getByTestId('replay-speed').selectOption('1');
  await page.getByTestId('resume').click();
  await page.getByTestId('stream-source').selectOption('manual');
  await page.getByTestId('temperature-slider').fill('95');
  await expect.poll(() => board.lcdText()).toMatch(/95\.0/);
  // And to the synthetic stream: readings keep coming.
  await page.getByTestId('stream-source').selectOption('synthetic');
  const seen = Number((await page.getByTestId('samples-seen').textContent())!.replace(/,/g, ''));
  await expect.poll(async () => Number((await page.getByTestId('samples-seen').textContent())!.replace(/,/g, ''))).toBeGreaterThan(seen);
});

test('a malformed CSV is rejected with line numbers and the running stream is kept', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('anomaly');
  await upload(page, 'broken.csv', 'timestamp,value\n2024-01-01 00:00:00,20.5\n2024-01-01 00:05:00,warm\n');
  await expect(page.getByTestId('csv-messages')).toContainText('line 3');
  await expect(page.getByTestId('stream-source')).toHaveValue('synthetic');
  await expect(page.getByTestId('hardfault')).toHaveCount(0);
});
