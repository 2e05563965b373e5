// The board's SRAM bounds a firmware compiled in the page: a malloc loop gets NULL, a `new` loop halts the board
// with an out-of-memory HardFault, and the tab's memory stays flat (it grew past 4 GB before).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BoardPage } from './BoardPage';

const OOM_FIRMWARE = `#include "mbed.h"

struct Block { Block* next; char data[996]; };

int main() {
    Block* list = nullptr;
    unsigned blocks = 0;
    while (Block* b = static_cast<Block*>(malloc(sizeof(Block)))) {
        b->next = list;
        list = b;
        ++blocks;
    }
    printf("malloc returned NULL after %u blocks\\n", blocks);
    while (list != nullptr) {
        Block* next = list->next;
        free(list);
        list = next;
    }
    static Block* volatile head;
    for (;;) head = new Block{head, {}};
}
`;

/** Resident memory of the browser's renderer processes (the page and its workers), from /proc. */
async function rendererBytes(page: Page): Promise<number> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  await cdp.detach();
  let total = 0;
  for (const p of processInfo.filter((i) => i.type === 'renderer')) {
    const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

test('a firmware that allocates without end halts with an out-of-memory HardFault; the tab stays flat', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  // A first build loads the compiler (about 0.8 GB in this tab), so what the firmware takes shows as the difference.
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded');
  const before = await rendererBytes(page);
  await board.replaceEditorText(OOM_FIRMWARE);
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded');
  await expect(board.hardfault).toBeVisible();
  await expect(board.hardfault).toContainText(/out of memory \(heap \d+ of \d+ bytes\): new of 1000 bytes failed/);
  await expect(board.serialOutput).toContainText(/malloc returned NULL after \d+ blocks/);
  expect(await rendererBytes(page)).toBeLessThan(before + 200 * 1024 ** 2);
});
