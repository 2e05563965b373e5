// The page stays responsive and its memory flat while a firmware floods it: a beginner's print loop compiled in
// the page, and the anomaly demo in fast-forward. Measured in the page: the click round trip (Pause clicked →
// the board shows "paused", through the firmware worker and back) and the JS heap (CDP).
import { expect, test, type Page } from '@playwright/test';
import { BoardPage } from './BoardPage';
import { traceMainThread } from './MainThreadTrace';
import { clickRoundTripMs, heapMb, longestTaskMs, watchLongestTask } from './pageProbes';

const PRINT_LOOP = `#include "mbed.h"

int main()
{
    unsigned i = 0;
    while (1) printf("line %u\\n", i++);
}
`;

/** Measures the round trip every ~second for `seconds` (wall time, counted in the page); returns the slowest. */
/** Click round trips, one a second for `seconds`, sorted (ms). */
async function roundTripsMs(page: Page, seconds: number): Promise<number[]> {
  const start = await page.evaluate(() => performance.now());
  const trips: number[] = [];
  for (;;) {
    trips.push(await clickRoundTripMs(page));
    const now = await page.evaluate(() => new Promise<number>((r) => setTimeout(() => r(performance.now()), 1000)));
    if (now - start > seconds * 1000) return trips.sort((a, b) => a - b);
  }
}

/**
 * A click answers within 100 ms as a rule; a rare frame stall (one of 15 clicks at 200 ms was seen once on CI's
 * 2-core machine) may take one past it, never far (the old flow took seconds).
 */
function expectResponsive(trips: number[]): void {
  expect(trips[Math.floor(trips.length / 2)]).toBeLessThan(100);
  expect(trips[trips.length - 1]).toBeLessThan(300);
}

test('a print loop compiled in the page keeps clicks under 100 ms and says how much output it dropped', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.replaceEditorText(PRINT_LOOP);
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded');
  await expect(board.serialOutput).toContainText(/line \d+/);
  await expect(board.serialOutput).toContainText(/… [\d.]+ (KB|MB|GB) of output dropped …/);
  const newestLine = async () =>
    Math.max(
      ...[...(await board.serialOutput.textContent())!.slice(-4096).matchAll(/line (\d+)/g)].map((m) => Number(m[1])),
    );
  const lineBefore = await newestLine();
  const heapBefore = await heapMb(page);
  expectResponsive(await roundTripsMs(page, 10));
  const heapAfter = await heapMb(page);
  expect(heapAfter - heapBefore).toBeLessThan(30);
  // The newest output keeps arriving (older output is what gets dropped).
  expect(await newestLine()).toBeGreaterThan(lineBefore);
  expect(errors.filter((e) => /discarded|flow control/i.test(e))).toEqual([]);
});

test('the anomaly demo in fast-forward keeps clicks under 100 ms and the heap flat', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('anomaly', 'board');
  await page.getByTestId('replay-speed').selectOption('fast');
  await expect
    .poll(async () => Number((await page.getByTestId('samples-seen').textContent())!.replace(/,/g, '')))
    .toBeGreaterThan(5000);
  const heapBefore = await heapMb(page);
  expectResponsive(await roundTripsMs(page, 15));
  const heapAfter = await heapMb(page);
  expect(heapAfter - heapBefore).toBeLessThan(30);
  await expect(page.getByTestId('speed-pct')).toHaveText(/^×[\d,]+$/);
});

test('the anomaly demo in fast-forward keeps every main-thread task short and forces no layout per frame', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('anomaly', 'board');
  await page.getByTestId('replay-speed').selectOption('fast');
  await expect
    .poll(async () => Number((await page.getByTestId('samples-seen').textContent())!.replace(/,/g, '')))
    .toBeGreaterThan(5000);
  await watchLongestTask(page);
  const figures = await traceMainThread(page, () =>
    page.evaluate(() => new Promise<void>((r) => setTimeout(r, 15_000))),
  );
  const longestWallMs = await longestTaskMs(page);
  // Wall time also counts the moments a loaded machine gives the core to another process, so the bound is on CPU
  // time; the wall figure is reported alongside.
  test.info().annotations.push({
    type: 'main thread',
    description: `longest task ${figures.longestTaskCpuMs.toFixed(0)} ms CPU, ${longestWallMs.toFixed(0)} ms wall; ${figures.forcedLayouts} forced layouts in ${figures.tasks} tasks`,
  });
  expect(figures.tasks).toBeGreaterThan(1000);
  expect(figures.longestTaskCpuMs).toBeLessThan(50);
  // A view that reads geometry in its frame callback after the page changed forces a layout on every frame
  // (the chart once did: about 40 a second).
  expect(figures.forcedLayouts).toBeLessThan(15);
});
