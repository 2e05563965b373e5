// Nothing typed is lost: demo switches are not edits, edits survive a tab closed at once, two tabs never overwrite
// each other unseen, and a browser that cannot store edits says so.
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

const line = (page: Page, text: string) => page.locator('.view-line', { hasText: text }).first();

test('switching demos does not mark the new one edited, before or after a reload', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await expect(line(page, 'ThisThread::sleep_for')).toBeVisible();
  await page.getByTestId('demo-select').selectOption('button_lcd');
  await expect(line(page, 'Presses')).toBeVisible();
  await expect(page.getByTestId('restore-demo')).toHaveCount(0);
  await page.getByTestId('demo-select').selectOption('serial_echo');
  await expect(line(page, 'echo')).toBeVisible();
  await page.reload();
  await expect(line(page, 'echo')).toBeVisible();
  await expect(page.getByTestId('restore-demo')).toHaveCount(0);
  await page.getByTestId('demo-select').selectOption('button_lcd');
  await expect(line(page, 'Presses')).toBeVisible();
  await expect(page.getByTestId('restore-demo')).toHaveCount(0);
});

test('an edit typed right before the tab closes is there in the next tab', async ({ context }) => {
  const first = await context.newPage();
  await new BoardPage(first).open('blinky');
  await new BoardPage(first).appendToEditor('\n// typed just before closing\n');
  await first.close();
  const next = await context.newPage();
  await new BoardPage(next).open('blinky');
  await expect(line(next, 'typed just before closing')).toBeVisible();
  await expect(next.getByTestId('restore-demo')).toBeVisible();
});

test('two tabs on one demo: a quiet tab follows the other’s save; two edited ones keep both versions and ask', async ({
  context,
}) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) await new BoardPage(p).open('blinky');
  await new BoardPage(a).appendToEditor('\n// from tab A\n');
  // B had nothing unsaved: it shows A's version.
  await expect(line(b, 'from tab A')).toBeVisible();
  await expect(b.getByTestId('save-conflict')).toHaveCount(0);

  // Both tabs edit at the same moment, so both saves come due together: exactly one lands, and the other tab keeps
  // both versions and asks.
  for (const p of [a, b]) {
    await p.locator('.view-lines').first().click();
    await p.keyboard.press('Control+End');
  }
  await Promise.all([a.keyboard.insertText('\n// A again\n'), b.keyboard.insertText('\n// from tab B\n')]);
  const conflicts = async () => [
    await a.getByTestId('save-conflict').count(),
    await b.getByTestId('save-conflict').count(),
  ];
  await expect.poll(conflicts).not.toEqual([0, 0]);
  const [inA] = await conflicts();
  expect(await conflicts()).toEqual(inA ? [1, 0] : [0, 1]);
  const [asked, other, keptText, droppedText] = inA ? [a, b, 'A again', 'from tab B'] : [b, a, 'from tab B', 'A again'];
  await expect(asked.getByTestId('save-conflict')).toContainText('Another tab saved this demo');
  await asked.getByTestId('conflict-keep-mine').click();
  await expect(asked.getByTestId('save-conflict')).toHaveCount(0);
  // The other tab had nothing unsaved any more: it follows the version the user kept.
  await expect(line(other, keptText)).toBeVisible();
  await expect(line(other, droppedText)).toHaveCount(0);
});

test('when IndexedDB cannot be opened the page says so, and the journal still keeps the edit', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  const board = new BoardPage(page);
  await board.open('blinky');
  await expect(page.getByTestId('save-problem')).toContainText(
    'cannot be saved to IndexedDB (this browser has no IndexedDB)',
  );
  await board.appendToEditor('\n// only in the journal\n');
  await page.reload();
  await expect(line(page, 'only in the journal')).toBeVisible();
});
