// Editing main.cpp of the MNIST demo compiles about as fast as blinky: the generated model ships prebuilt in the
// SDK (libmodels.a), and a rebuild compiles only the edited file before linking.
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

test.describe.configure({ mode: 'serial' });

/** Appends a comment to the open file (main.cpp), compiles, and returns the build time the page reports. */
async function editAndCompile(board: BoardPage, mark: string): Promise<number> {
  await board.appendToEditor(`\n// ${mark}\n`);
  await board.compileAndRun();
  const status = board.page.getByTestId('build-status');
  await expect(status).toHaveAttribute('data-phase', 'succeeded');
  return Number(await status.getAttribute('data-ms'));
}

test('an edit to the MNIST main.cpp compiles as fast as one to blinky', async ({ page }) => {
  test.setTimeout(300_000);
  const board = new BoardPage(page);
  await board.open('blinky');
  await editAndCompile(board, 'warm up the compiler');
  const blinkyMs = await editAndCompile(board, 'blinky edit');
  // Switch demos in the same page, so the compiler stays loaded.
  await page.getByTestId('demo-select').selectOption('mnist');
  await expect(board.serialOutput).toContainText('bytes in flash');
  await page.getByTestId('editor-tab').click();
  const firstMnistMs = await editAndCompile(board, 'first mnist edit');
  const mnistMs = await editAndCompile(board, 'second mnist edit');
  console.log(`compile after an edit: blinky ${blinkyMs} ms; mnist ${firstMnistMs} ms (first), ${mnistMs} ms (next)`);
  expect(mnistMs).toBeLessThan(2 * blinkyMs);
});
