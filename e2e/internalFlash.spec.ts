// The board's internal flash in the page: what a firmware programs with FlashIAP survives Reset (the page replays
// the worker's flash writes on its copy and boots the next worker with it), as a device's flash would.
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

const bootCounter = `#include "mbed.h"
#include "flash_map.h"

// Counts boots in the scratch sector: boot N finds N - 1 programmed words and programs one more.
int main() {
    FlashIAP flash;
    flash.init();
    const uint32_t base = flash_map::kScratchAddress;
    unsigned boots = 0;
    uint32_t word = 0;
    while (boots < 1024 && flash.read(&word, base + 4 * boots, 4) == 0 && word != 0xFFFFFFFF) {
        ++boots;
    }
    const uint32_t mark = 0;
    int rc = flash.program(&mark, base + 4 * boots, 4);
    printf("boot %u (program %d)\\n", boots + 1, rc);
    while (true) {
        ThisThread::sleep_for(1s);
    }
}
`;

test('a boot counter in the internal flash counts across Reset', async ({ page }) => {
  test.setTimeout(180_000);
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.replaceEditorText(bootCounter);
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded');
  await expect(board.serialOutput).toContainText('boot 1 (program 0)');
  await page.getByTestId('reset').click();
  await expect(board.serialOutput).toContainText('boot 2 (program 0)');
  await page.getByTestId('reset').click();
  await expect(board.serialOutput).toContainText('boot 3 (program 0)');
});
