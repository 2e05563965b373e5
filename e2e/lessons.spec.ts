// Guided lessons: ?lesson=<id> opens a lesson on its demo; its checks watch the board and pass when the learner did
// what a step asks, not before; progress survives a reload; the panel works by keyboard and on a phone.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BoardPage } from './BoardPage';
import { stroke } from './drawing';

const step = (page: Page, id: string) =>
  page.getByTestId('lessons').locator(`[data-testid="lesson-step"][data-step="${id}"]`);

test('a lesson check passes when the firmware does what the step asks, fails until then, and progress survives a reload', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await page.goto('/?lesson=blinky-virtual-time');
  await expect(page.getByTestId('demo-select')).toHaveValue('blinky');
  await expect(page.getByTestId('lessons')).toContainText('Blinky and virtual time');

  // The stock blinky toggles every 500 ms: the step asking for that passes, the one asking for 250 ms fails.
  await expect(step(page, 'watch-led1-blink')).toHaveAttribute('data-done', 'true');
  const faster = step(page, 'blink-twice-as-fast');
  await expect(faster).toHaveAttribute('data-done', 'false');
  await expect(faster).toContainText('LED1 toggles every 500 ms, expected every 250 ms ±10%');
  await expect(faster).toHaveAttribute('data-status', 'fail');
  // Four 500 ms intervals of the board's clock passed (sim-time shows whole milliseconds).
  expect(await board.simTimeMs()).toBeGreaterThanOrEqual(1999);

  // In fast-forward the LED still toggles every 500 ms of virtual time: the check times the LED events' own clock.
  await page.getByTestId('replay-speed').selectOption('fast');
  await expect(step(page, 'fast-forward-time')).toHaveAttribute('data-done', 'true');
  await page.getByTestId('replay-speed').selectOption('1');

  // Edit the period and compile: the new firmware toggles every 250 ms and the step passes.
  const source = readFileSync('wasm/apps/blinky/main.cpp', 'utf8');
  await board.replaceEditorText(source.replace('#define BLINKING_RATE 500ms', '#define BLINKING_RATE 250ms'));
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded');
  await expect(faster).toHaveAttribute('data-done', 'true');
  await expect(faster).toContainText('LED1 toggles every 250 ms (expected 250 ms ±10%)');
  // The step for LED2 still waits: nothing toggles it.
  await expect(step(page, 'blink-led2-as-well')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', /^[2-5]$/);

  // Reload: the address still names the lesson, and what was done stays done.
  expect(new URL(page.url()).searchParams.get('lesson')).toBe('blinky-virtual-time');
  await page.reload();
  await expect(page.getByTestId('lessons')).toBeVisible();
  await expect(step(page, 'blink-twice-as-fast')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'watch-led1-blink')).toHaveAttribute('data-done', 'true');

  // Reset progress: a step that needs a build since the lesson opened is not done any more.
  await page.getByTestId('lessons-reset').click();
  await page.getByTestId('lessons-reset-confirm').click();
  await expect(step(page, 'blink-twice-as-fast')).toHaveAttribute('data-done', 'false');
  await page.reload();
  await expect(step(page, 'blink-twice-as-fast')).toHaveAttribute('data-done', 'false');
});

test('the Lessons panel works by keyboard: list, open a lesson on its demo, back, close', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  const toggle = page.getByTestId('lessons-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('heading', { name: 'Lessons' })).toBeFocused();
  await expect(page.getByTestId('lessons').getByRole('button', { name: /steps done/ })).toHaveCount(7);

  // The first lesson button is the next stop; Enter opens it and its demo.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('lesson-open-blinky-virtual-time')).toBeFocused();
  await page.getByTestId('lesson-open-buttons-interrupts').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Buttons and interrupts' })).toBeFocused();
  await expect(page.getByTestId('demo-select')).toHaveValue('button_lcd');
  expect(new URL(page.url()).searchParams.get('lesson')).toBe('buttons-interrupts');

  // The key 1 presses BUTTON1 outside text fields: the first step passes.
  await expect.poll(() => board.lcdText()).toBe('Presses: 0');
  await page.getByTestId('lessons').locator('h2').blur();
  await page.keyboard.press('1');
  await expect(step(page, 'press-button1')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'count-to-five')).toHaveAttribute('data-done', 'false');

  // A step without checks is marked done by hand.
  await step(page, 'why-the-drawing-waits-in-a-queue').getByTestId('lesson-step-done').click();
  await expect(step(page, 'why-the-drawing-waits-in-a-queue')).toHaveAttribute('data-done', 'true');

  await page.getByTestId('lessons-back').click();
  await expect(page.getByTestId('lesson-open-buttons-interrupts')).toContainText('2 of 5 steps done');
  expect(new URL(page.url()).searchParams.get('lesson')).toBeNull();

  // Esc closes the panel and hands the focus back to the Lessons button.
  await page.getByTestId('lesson-open-the-lcd').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lessons')).toHaveCount(0);
  await expect(toggle).toBeFocused();
});

test('MNIST and anomaly lessons watch inferences, memory verdicts and anomalies through the board events', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await page.goto('/?lesson=draw-and-classify');
  await expect.poll(() => board.lcdText()).toBe('Draw a digit');
  const seven = step(page, 'draw-a-7');
  await expect(seven).toContainText('no inference yet');
  // A 1 is an inference but not the 7 the step asks for.
  await stroke(page, [
    [125, 35],
    [118, 205],
  ]);
  await board.button('BUTTON1').click();
  await expect(step(page, 'draw-a-digit-and-press-button1')).toHaveAttribute('data-done', 'true');
  await expect(seven).toContainText('the board predicted 1, expected 7');
  await expect(seven).toHaveAttribute('data-done', 'false');
  await board.clearCanvas();
  await expect(step(page, 'clear-the-canvas')).toHaveAttribute('data-done', 'true');
  await stroke(page, [
    [65, 45],
    [175, 45],
    [150, 100],
    [110, 205],
  ]);
  await board.button('BUTTON1').click();
  await expect(seven).toHaveAttribute('data-done', 'true');

  // The memory budget: the stock model fits the F413ZH; picking the NUCLEO-L053R8 is seen through the memory event.
  await page.getByTestId('lessons-back').click();
  await page.getByTestId('lesson-open-memory-budget').click();
  await expect(step(page, 'read-the-memory-figures')).toHaveAttribute('data-done', 'true');
  const pick = step(page, 'pick-a-cortex-m0-board');
  await expect(pick).toContainText('the panels compare with the DISCO-F413ZH');
  await expect(pick).toHaveAttribute('data-done', 'false');
  await page.getByTestId('board-select').selectOption('nucleo-l053r8');
  await expect(pick).toHaveAttribute('data-done', 'true');
  await expect(pick).toContainText('the firmware does not fit the NUCLEO-L053R8: it needs');
  await expect(step(page, 'put-the-small-model-on-the-board')).toContainText(
    'the model’s flash: 108 KB, at most 32 KB wanted',
  );

  // Anomalies: opening the lesson opens its demo; fast-forward brings the synthetic stream's injected anomalies.
  await page.getByTestId('lessons-back').click();
  await page.getByTestId('lesson-open-anomaly-interval').click();
  await expect(page.getByTestId('demo-select')).toHaveValue('anomaly');
  await expect(step(page, 'watch-the-readings-and-the-interval')).toContainText(/\d+ of 20 readings/);
  await page.getByTestId('replay-speed').selectOption('fast');
  await expect(step(page, 'watch-the-readings-and-the-interval')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'wait-for-an-anomaly')).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(step(page, 'make-your-own-anomaly')).toHaveAttribute('data-done', 'false');
});

test('the memory budget and retrain-and-deploy lessons follow a small model over the air and back', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await page.goto('/?lesson=memory-budget');
  await expect.poll(() => board.lcdText()).toBe('Draw a digit');
  const onBoard = step(page, 'put-the-small-model-on-the-board');
  const pico = step(page, 'fit-a-cortex-m0');
  await expect(onBoard).toHaveAttribute('data-status', 'fail');
  await expect(pico).toContainText('the model’s flash: 108 KB, at most 32 KB wanted');

  // As the lesson says: one hidden layer of 32 (one epoch here), deployed from the Device tab in fast-forward.
  await page.getByTestId('tab-train').click();
  await page.getByTestId('arch-hidden').fill('32');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-accuracy')).toBeVisible({ timeout: 120_000 });
  await step(page, 'train-a-model-a-quarter-the-size').getByTestId('lesson-step-done').click();
  await page.getByTestId('tab-device').click();
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.getByTestId('deploy').click();
  await expect(onBoard).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(pico).toHaveAttribute('data-done', 'true');
  await expect(pico).toContainText('the firmware fits the Raspberry Pi Pico');
  await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', '4');

  // The deploy lesson, opened after the update, starts from the board's last report: its deploy step is done.
  await page.getByTestId('lessons-back').click();
  await page.getByTestId('lesson-open-retrain-deploy').click();
  await expect(step(page, 'deploy-it')).toHaveAttribute('data-done', 'true');
  const refused = step(page, 'a-tampered-update-is-refused');
  await expect(refused).toHaveAttribute('data-status', 'fail');
  await page.getByTestId('deploy-tampered').click();
  await expect(refused).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  const back = step(page, 'roll-back-to-the-factory-model');
  await expect(back).toContainText('the board runs model 1.1.0+0');
  await page.getByTestId('rollback').click();
  await expect(back).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('model-version')).toHaveAttribute('data-version', '1.0.0+0');
});

test('an unknown lesson in the address shows the list and says so', async ({ page }) => {
  await page.goto('/?lesson=no-such-lesson');
  await expect(page.getByTestId('lessons')).toContainText('There is no lesson “no-such-lesson”');
  await expect(page.getByTestId('lesson-open-the-lcd')).toBeVisible();
});

for (const size of [
  { width: 1400, height: 900 },
  { width: 640, height: 480 },
  { width: 375, height: 667 },
]) {
  test(`the lessons panel fits ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?lesson=memory-budget');
    const panel = page.getByTestId('lessons');
    await expect(panel).toContainText('The memory budget');
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
    // Nothing in the page is wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: `test-results/lessons-${size.width}x${size.height}.png` });
  });
}
