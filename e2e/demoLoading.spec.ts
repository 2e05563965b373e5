// A demo that cannot be fetched says so over the board with Retry; nothing that was running is lost.
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

test('a demo whose firmware fetch fails shows the error with Retry, and Retry opens it', async ({ page }) => {
  await page.route('**/firmware/blinky.wasm', (route) => route.abort('failed'));
  await page.goto('/?demo=blinky');
  const failure = page.getByTestId('open-failure');
  await expect(failure).toContainText(/Could not open blinky: firmware\/blinky\.wasm: network error/);
  await page.unroute('**/firmware/blinky.wasm');
  await page.getByTestId('open-retry').click();
  await expect(failure).toHaveCount(0);
  const board = new BoardPage(page);
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'off');
});

test('switching to a demo that answers 404 keeps the running demo, and Retry opens the new one', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await page.route('**/firmware/button_lcd.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.getByTestId('demo-select').selectOption('button_lcd');
  await expect(page.getByTestId('open-failure')).toContainText(/Could not open button_lcd: .*HTTP 404/);
  await expect(page.getByTestId('demo-select')).toHaveValue('blinky');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'off');
  await page.unroute('**/firmware/button_lcd.json');
  await page.getByTestId('open-retry').click();
  await expect(page.getByTestId('open-failure')).toHaveCount(0);
  await expect(page.getByTestId('demo-select')).toHaveValue('button_lcd');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
});

test('a failed fetch of the demo list offers Retry', async ({ page }) => {
  await page.route('**/firmware/index.json', (route) => route.abort('connectionrefused'));
  await page.goto('/?demo=button_lcd');
  await expect(page.getByTestId('open-failure')).toContainText(/Could not fetch the demo list/);
  await page.unroute('**/firmware/index.json');
  await page.getByTestId('open-retry').click();
  await expect(page.getByTestId('demo-select')).toHaveValue('button_lcd');
  await expect.poll(() => new BoardPage(page).lcdText()).toMatch(/Presses: 0/);
});
