// The demos, driven through the page as a user would.
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

test('blinky toggles LED1 every 500 ms of virtual time, and the page does not fetch the compiler', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const board = new BoardPage(page);
  await board.open('blinky');
  const led = board.led('LED1');
  await expect(led).toHaveAttribute('data-state', 'on');
  await expect(led).toHaveAttribute('data-state', 'off');
  await expect(led).toHaveAttribute('data-state', 'on');
  expect(await board.simTimeMs()).toBeGreaterThanOrEqual(500);
  await expect(page.getByTestId('speed-pct')).toHaveText(/^×[\d.,]+$/);
  expect(requests.filter((u) => /llvm|clang|compiler\.worker/i.test(u))).toEqual([]);
});

test('pressing BUTTON1 counts on the LCD and LED2 follows the button', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
  await board.holdButton('BUTTON1', async () => {
    await expect(board.led('LED2')).toHaveAttribute('data-state', 'on');
  });
  await expect(board.led('LED2')).toHaveAttribute('data-state', 'off');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 1/);
  // The keyboard works too: Space on the focused button, and the global hotkey "1".
  await board.button('BUTTON1').focus();
  await page.keyboard.down(' ');
  await page.keyboard.up(' ');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 2/);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.down('1');
  await page.keyboard.up('1');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 3/);
});

test('serial echo answers a typed line', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('serial_echo');
  await page.getByTestId('serial-input').fill('hello board');
  await page.getByTestId('serial-input').press('Enter');
  await expect(board.serialOutput).toContainText('echo: hello board');
});

test('the serial console is as many columns wide as its panel, at any window width', async ({ page }) => {
  const board = new BoardPage(page);
  const widths = async () =>
    page.locator('.serial > .terminal').evaluate((host) => {
      const pad = parseFloat(getComputedStyle(host).paddingLeft) + parseFloat(getComputedStyle(host).paddingRight);
      return { rows: host.querySelector('.xterm-rows')!.getBoundingClientRect().width, box: host.clientWidth - pad };
    });
  await page.setViewportSize({ width: 375, height: 667 });
  await board.open('serial_echo', 'board');
  await expect(board.serialOutput).not.toBeEmpty();
  await expect.poll(async () => (await widths()).rows).toBeGreaterThan(0);
  const narrow = await widths();
  expect(narrow.rows).toBeLessThanOrEqual(narrow.box);
  // Wider: the columns follow the panel and fill it (less a scrollbar and part of a cell).
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect.poll(async () => (await widths()).box).toBeGreaterThan(narrow.box + 100);
  await expect
    .poll(async () => {
      const wide = await widths();
      return wide.rows <= wide.box && wide.rows > wide.box - 40;
    })
    .toBe(true);
});

test('a busy loop can be stopped and the page keeps answering', async ({ page }) => {
  const board = new BoardPage(page);
  await page.goto('/?demo=busy_loop');
  await expect(board.serialOutput).toContainText('Spinning', { timeout: 30_000 });
  // The worker spins inside wasm and sends nothing: the page says so rather than looking stalled.
  await expect(page.getByTestId('busy-note')).toBeVisible({ timeout: 2_000 });
  await expect(page.getByTestId('speed-pct')).toHaveText('busy');
  // Pause cannot reach a loop that never calls the HAL: it shows as pending.
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('pause')).toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId('pause')).toBeDisabled();
  // Stop takes effect within 100 ms, measured in the page from the click to the board showing "stopped".
  const stopMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        document.querySelector<HTMLButtonElement>('[data-testid="stop"]')!.click();
        const check = () => {
          if (document.querySelector('[data-testid="speed-pct"]')?.textContent === 'stopped')
            resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  expect(stopMs).toBeLessThan(100);
  await expect(page.getByTestId('busy-note')).toHaveCount(0);
  // Reset restarts the same firmware in a fresh worker, even after a spin.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('speed-pct')).not.toHaveText('stopped');
  await expect(board.serialOutput).toContainText('Spinning');
  // The page is responsive: switching demos works and the new firmware runs.
  await page.getByTestId('demo-select').selectOption('blinky');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
});

test('the board view embeds without the editor and without downloading the compiler', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const board = new BoardPage(page);
  await board.open('blinky', 'board');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(page.getByTestId('compile-run')).toHaveCount(0);
  expect(requests.filter((u) => /llvm|clang|monaco|editor\.worker/i.test(u))).toEqual([]);
});
