// Keyboard only: every control is reachable with Tab, the serial console is no trap, keys 1/2 work wherever they
// are not text, and the LCD's text reaches screen readers through a polite live region.
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

/** Presses `key` until `done` holds for the focused element; returns the focus trail as labels. */
async function tabUntil(
  page: Page,
  key: 'Tab' | 'Shift+Tab',
  done: (label: string) => boolean,
  max = 60,
): Promise<string[]> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const inTerminal = el.closest('.terminal') ? 'terminal' : '';
      return el.dataset.testid ?? (inTerminal || el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName);
    });
    trail.push(label);
    if (done(label)) return trail;
  }
  throw new Error(`not reached with ${key}: ${trail.join(' → ')}`);
}

test('Tab reaches every control, goes through the serial console and out of it, and back with Shift+Tab', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('serial_echo');
  const forward = await tabUntil(page, 'Tab', (l) => l === 'serial-input');
  for (const id of [
    'demo-select',
    'stop',
    'reset',
    'pause',
    'step',
    'replay-speed',
    'button-BUTTON1',
    'button-BUTTON2',
    'terminal',
  ]) {
    expect(forward, id).toContain(id);
  }
  // Tab left the console to the line field; Shift+Tab goes back into it and on out to the buttons.
  expect(forward.indexOf('terminal')).toBeLessThan(forward.indexOf('serial-input'));
  const back = await tabUntil(page, 'Shift+Tab', (l) => l === 'button-BUTTON2');
  expect(back).toEqual(['terminal', 'button-BUTTON2']);
  // Tab never reached the firmware: the echo demo echoed no tab character.
  expect(await board.serialOutput.textContent()).not.toContain('\t');
});

test('keys 1 and 2 press the buttons while a select has focus', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
  await page.getByTestId('replay-speed').focus();
  await page.keyboard.press('1');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 1/);
  await expect(page.getByTestId('replay-speed')).toBeFocused();
});

test('LCD text changes are announced in a polite live region', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  const live = page.getByTestId('lcd-announcer');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toContainText('Presses: 0');
  await board.button('BUTTON1').click();
  await expect(live).toContainText('Presses: 1');
});

test('the editor says how to leave it: Ctrl+M, then Tab, moves focus on without editing; again, Tab indents', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  const inEditor = () => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
  await expect(page.getByTestId('editor-keys')).toContainText('Ctrl+M, then Tab, moves focus on');
  await page.getByTestId('compile-run').focus();
  await page.keyboard.press('Tab');
  expect(await inEditor()).toBe(true);
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  expect(await inEditor()).toBe(false);
  await expect(page.getByTestId('restore-demo')).toHaveCount(0);
  // Back in the editor, the same keys give Tab back to indenting.
  await page.keyboard.press('Shift+Tab');
  expect(await inEditor()).toBe(true);
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  expect(await inEditor()).toBe(true);
  await expect(page.getByTestId('restore-demo')).toBeVisible();
});
