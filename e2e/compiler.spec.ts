// The in-browser compiler under load and abuse: its download is cached, huge diagnostics stay cheap, a build can be
// cancelled or runs into a time limit, and a build belongs to the project it was started in.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';
import { traceMainThread } from './MainThreadTrace';

const LLVM_RESOURCE = /\/llvm[^/]*\.(wasm|tar)$/;
const buildStatus = (page: Page) => page.getByTestId('build-status');

/** `#define NAME<k>(n)` expanding to 10^k copies of `one(n…)`, so a short source yields 10,000 diagnostics. */
function tenThousand(one: string, body: string): string {
  const digits = (m: string, n: string) => Array.from({ length: 10 }, (_, i) => `${m}(n##${i})`).join(' ') + ` // ${n}`;
  return [
    `#define X1(n) ${one}`,
    `#define X10(n) ${digits('X1', '10')}`,
    `#define X100(n) ${digits('X10', '100')}`,
    `#define X1000(n) ${digits('X100', '1000')}`,
    `${body} { ${Array.from({ length: 10 }, (_, i) => `X1000(${i + 1})`).join(' ')} }`,
  ].join('\n');
}

test('the compiler is downloaded once: after a reload it compiles from Cache Storage', async ({ page, context }) => {
  const downloads: { url: string; bytes: number }[] = [];
  context.on('requestfinished', (req) => {
    if (LLVM_RESOURCE.test(new URL(req.url()).pathname))
      void req.sizes().then((s) => downloads.push({ url: req.url(), bytes: s.responseBodySize }));
  });
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.appendToEditor('\n// first build\n');
  await page.getByTestId('compile-run').click();
  await expect(page.getByTestId('compiler-load')).toContainText(
    /Downloading the compiler \(first use only\): \d+\.\d \/ \d+\.\d MB \(\d+%\)/,
  );
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'succeeded', { timeout: 120_000 });
  await expect.poll(() => downloads.length).toBe(4);
  const bytes = downloads.reduce((n, d) => n + d.bytes, 0);
  console.log(`compiler resources downloaded: ${bytes} bytes in ${downloads.length} requests`);
  // 102.3 MB uncompressed; less when the server compresses (vite preview gzips the headers' tar, not the wasm).
  expect(bytes).toBeGreaterThan(50e6);

  const requested: string[] = [];
  context.on('request', (req) => LLVM_RESOURCE.test(new URL(req.url()).pathname) && requested.push(req.url()));
  await page.reload();
  await expect.poll(() => board.simTimeMs()).toBeGreaterThan(0);
  await board.appendToEditor('\n// second build\n');
  await page.getByTestId('compile-run').click();
  await expect(page.getByTestId('compiler-load')).toContainText(/from this browser's cache: \d+\.\d \/ \d+\.\d MB/);
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'succeeded', { timeout: 120_000 });
  expect(requested).toEqual([]);
});

test('10,000 warnings: a capped, virtualized problems list and short main-thread tasks', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: 'longtask',
    });
  });
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.appendToEditor(`\n${tenThousand('int w##n = 0;', 'void unused_variables()')}\n`);
  // Measure what the compiler costs the page: the board is stopped, and the window opens once clang runs.
  await page.getByTestId('stop').click();
  await page.getByTestId('compile-run').click();
  await expect(buildStatus(page)).toHaveText(/^Compiling…/, { timeout: 120_000 });
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks.length = 0));
  const rows = page.getByTestId('problems').getByRole('listitem');
  const figures = await traceMainThread(page, async () => {
    await expect(buildStatus(page)).toHaveAttribute('data-phase', 'succeeded', { timeout: 120_000 });
    await expect(buildStatus(page)).toContainText('10,000 warning(s)');
    await expect(page.getByTestId('problems-omitted')).toContainText(/Showing the first 500 of [\d,]+ diagnostics/);
    expect(await rows.count()).toBeLessThanOrEqual(16);
    await page.getByTestId('problems').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(rows.last()).toHaveAttribute('aria-posinset', '500');
    await board.appendToEditor('\n// typing after the build');
  });
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  const wall = longest ? `${longest.toFixed(0)} ms wall` : 'no task over 50 ms wall';
  console.log(
    `longest main-thread task from Compile to typing: ${figures.longestTaskCpuMs.toFixed(0)} ms CPU, ${wall}` +
      ` (${figures.longestTaskParts})`,
  );
  // Uncapped, this build made a 0.7 s task. Capped, the longest is 10-17 ms of CPU here (a layout and a frame of the
  // problems list), but one CI run on a loaded machine saw 103 ms CPU and 253 ms wall: times vary with the machine,
  // so the bound only catches the uncapped kind of regression; the figures are printed for comparison.
  expect(figures.longestTaskCpuMs).toBeLessThan(300);
});

test('10,000 errors: the status says clang stopped at its error limit', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.appendToEditor(`\n${tenThousand('int e##n = ;', 'void broken()')}\n`);
  await board.compileAndRun();
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'failed');
  await expect(buildStatus(page)).toContainText(
    /Build failed: 19 error\(s\)\. Clang stopped at its error limit \("too many errors emitted"\), so there may be more/,
  );
});

test('template recursion past the depth limit is reported by clang with its location', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.appendToEditor(
    '\ntemplate <int N> struct Depth { static constexpr int value = Depth<N - 1>::value + 1; };\n' +
      'template <> struct Depth<0> { static constexpr int value = 0; };\nint depth_result = Depth<250>::value;\n',
  );
  await board.compileAndRun();
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'failed');
  await expect(page.getByTestId('problems')).toContainText(
    /main\.cpp:\d+:\d+ recursive template instantiation exceeded maximum depth of 200/,
  );
});

test('Cancel ends a running build at once; the board keeps its firmware and the next build works', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  const compilerClosed = new Promise<void>((resolve) =>
    page.on('worker', (w) => /compiler/.test(w.url()) && w.on('close', () => resolve())),
  );
  await board.appendToEditor('\n// cancelled build\n');
  await page.getByTestId('compile-run').click();
  await page.getByTestId('compile-cancel').click();
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'cancelled');
  await expect(buildStatus(page)).toContainText('The previous firmware keeps running.');
  await compilerClosed;
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'off');
  await board.compileAndRun();
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'succeeded');
});

test('a build that compiles past the time limit is stopped with a clear message', async ({ page }) => {
  await page.clock.install();
  const board = new BoardPage(page);
  await board.open('blinky');
  // Slow enough to be still compiling when the clock jumps.
  await board.appendToEditor(`\n${tenThousand('int w##n = 0;', 'void unused_variables()')}\n`);
  await page.getByTestId('compile-run').click();
  await expect(buildStatus(page)).toHaveText(/^Compiling…/, { timeout: 120_000 });
  await page.clock.fastForward('02:01');
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'timed-out');
  await expect(buildStatus(page)).toContainText(
    /compiling took longer than 2 min, the limit for one build\. The previous firmware keeps running\./,
  );
  await expect(board.led('LED1')).toHaveAttribute('data-state', /on|off/);
});

test('a build belongs to its project: it never runs on the demo on screen, and runs when its own returns', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
  const source = readFileSync(new URL('../wasm/apps/button_lcd/main.cpp', import.meta.url), 'utf8');
  await board.replaceEditorText(source.replace('"Presses: %d"', '"Clicks: %d"'));
  await page.getByTestId('compile-run').click();
  await page.getByTestId('demo-select').selectOption('blinky');
  await expect(page.getByTestId('background-build')).toContainText(/in the background/);
  await expect(page.getByTestId('kept-build')).toHaveAttribute('data-project', 'button_lcd', { timeout: 120_000 });
  await expect(page.getByTestId('demo-select')).toHaveValue('blinky');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'off');
  expect(await board.lcdText()).not.toMatch(/Clicks/);

  await page.getByTestId('demo-select').selectOption('button_lcd');
  await expect.poll(() => board.lcdText()).toMatch(/Clicks: 0/);
  await expect(buildStatus(page)).toHaveAttribute('data-phase', 'succeeded');
  await expect(page.getByTestId('kept-build')).toHaveCount(0);
});
