// The MNIST demo: draw digits with the mouse on the touch screen, classify with BUTTON1, read the panel.
import { expect, type Page, test } from '@playwright/test';
import { BitCanvas, canvasToMnist } from '../src/ml/mnist/preprocess';
import { BoardPage } from './BoardPage';
import { stroke, type Pt } from './drawing';

const ellipse = (cx: number, cy: number, rx: number, ry: number): Pt[] =>
  Array.from({ length: 33 }, (_, i) => [
    cx + rx * Math.sin((i / 32) * 2 * Math.PI),
    cy - ry * Math.cos((i / 32) * 2 * Math.PI),
  ]);

const DIGITS: { digit: number; strokes: Pt[][] }[] = [
  {
    digit: 1,
    strokes: [
      [
        [125, 35],
        [118, 205],
      ],
    ],
  },
  {
    digit: 7,
    strokes: [
      [
        [65, 45],
        [175, 45],
        [150, 100],
        [110, 205],
      ],
    ],
  },
  { digit: 0, strokes: [ellipse(120, 120, 55, 85)] },
];

test('drawn digits are recognised and shown on the LCD; the panel reports what the firmware reports', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  await expect(board.serialOutput).toContainText('bytes in flash');
  const serial = (await board.serialOutput.textContent())!;
  const [, flash, arena] = serial.match(/model (\d+) bytes in flash, arena (\d+) bytes/)!;
  await expect(page.getByTestId('memory-flash')).toHaveAttribute('data-bytes', flash);
  await expect(page.getByTestId('memory-sram')).toHaveAttribute('data-bytes', arena);
  const heap = page.getByTestId('memory-heap');
  await expect(heap).toHaveAttribute('data-used', /^[1-9]\d*$/);
  await expect(heap).toHaveAttribute('data-free', /^[1-9]\d*$/);
  await expect(heap).toContainText(/B used, [\d,]+ B free/);

  for (const { digit, strokes } of DIGITS) {
    await board.clearCanvas();
    for (const s of strokes) await stroke(page, s);
    await board.button('BUTTON1').click();
    await expect.poll(() => board.lcdText(), { message: `digit ${digit}` }).toBe(`Predicted: ${digit}`);
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', String(digit));
  }
  await expect(page.getByTestId('scores')).toContainText('%');
  await expect(page.getByTestId('layer-table')).toContainText('FullyConnected');
});

test('the board picker changes the latency estimate and the fit verdict', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  const latency = page.getByTestId('latency-estimate');
  await expect(latency).toHaveAttribute('data-ms', /\d/);
  await page.getByTestId('board-select').selectOption('disco-f413zh');
  const m4 = Number(await latency.getAttribute('data-ms'));
  await expect(page.getByTestId('fit-verdict')).toHaveAttribute('data-fits', 'true');
  await page.getByTestId('board-select').selectOption('disco-f746ng');
  await expect.poll(async () => Number(await latency.getAttribute('data-ms'))).toBeLessThan(m4);
  await page.getByTestId('board-select').selectOption('nucleo-l053r8');
  await expect(page.getByTestId('fit-verdict')).toHaveAttribute('data-fits', 'false');
});

/** The ink on the touch screen as 1-bit panel pixels (ink is bright, paper is dark). */
async function inkBits(page: Page): Promise<BitCanvas> {
  const lit = await page.getByTestId('digit-canvas').evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    return Array.from({ length: el.width * el.height }, (_, i) => data[i * 4] > 128);
  });
  const bits = new BitCanvas();
  lit.forEach((on, i) => on && bits.stroke(i % 240, Math.floor(i / 240), i % 240, Math.floor(i / 240), 0));
  return bits;
}

const inkCount = (page: Page) =>
  page.getByTestId('digit-canvas').evaluate(
    (el: HTMLCanvasElement) =>
      el
        .getContext('2d')!
        .getImageData(0, 0, el.width, el.height)
        .data.filter((v, i) => i % 4 === 0 && v > 128).length,
  );

/** The 28x28 image the Inference tab shows (the firmware's input). */
const inputImage = (page: Page) =>
  page.getByTestId('input-image').evaluate((el: HTMLCanvasElement) =>
    Array.from(
      el
        .getContext('2d')!
        .getImageData(0, 0, 28, 28)
        .data.filter((_, i) => i % 4 === 0),
    ),
  );

test('the ink on the touch screen is the firmware’s canvas: the same pixels, cleared with its inference by the board’s BUTTON2', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  await expect(page.getByTestId('draw-hint')).toBeVisible();
  await stroke(page, DIGITS[1].strokes[0]);
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);
  await board.button('BUTTON1').click();
  await expect.poll(() => board.lcdText()).toBe('Predicted: 7');
  // What the page shows, preprocessed as the firmware does, is exactly the 28x28 image the firmware classified.
  expect(Array.from(canvasToMnist(await inkBits(page))!)).toEqual(await inputImage(page));

  // The board's own BUTTON2 (not the panel's Clear) clears the firmware's canvas, and with it the ink shown.
  await board.button('BUTTON2').click();
  await expect.poll(() => inkCount(page)).toBe(0);
  // The inference shown was the drawing's: it goes with it.
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '');
  await expect(page.getByTestId('scores')).toContainText('no inference yet');
  await stroke(page, DIGITS[0].strokes[0]);
  await page.keyboard.press('2');
  await expect.poll(() => inkCount(page)).toBe(0);
  await page.keyboard.press('1');
  await expect.poll(() => board.lcdText()).toBe('Draw a digit first');
});

test('a digit drawn 40 px tall reads as it does full size: the firmware re-inks it to scale, and so does the page', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  // the same 0, 170 px and 40 px tall (with the 19 px drawing brush alone, the small one is read as an 8)
  for (const scale of [1, 40 / 170]) {
    await board.clearCanvas();
    await expect.poll(() => inkCount(page)).toBe(0);
    await stroke(page, ellipse(120, 120, 55 * scale, 85 * scale));
    const drawn = await inkCount(page);
    await board.button('BUTTON1').click();
    await expect.poll(() => board.lcdText()).toBe('Predicted: 0');
    await expect
      .poll(async () => JSON.stringify(Array.from(canvasToMnist(await inkBits(page))!)))
      .toBe(JSON.stringify(await inputImage(page)));
    if (scale < 1) expect(await inkCount(page)).toBeLessThan(drawn / 2); // the thinner brush shows
  }
});

test('each figure on the panel is explained where it stands, and the prediction reaches screen readers', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('mnist');
  const explain = async (id: string, text: RegExp) => {
    await page.getByTestId(`explain-${id}`).click();
    await expect(page.getByTestId(`explain-${id}-text`)).toBeVisible();
    await expect(page.getByTestId(`explain-${id}-text`)).toContainText(text);
    await expect(page.getByTestId(`explain-${id}-text`).getByRole('link')).toHaveAttribute(
      'href',
      /docs\/(mnist|cycle-model)\.md#/,
    );
    await page.getByTestId(`explain-${id}`).click();
    await page.mouse.move(0, 0); // away from the bubble, which also opens on hover
    await expect(page.getByTestId(`explain-${id}-text`)).toBeHidden();
  };
  await explain('flash', /size of the WebAssembly code section, a stand-in for the Thumb-2 code/);
  await explain('sram', /An upper bound/);
  await explain('naive', /first layer alone/);
  await explain('model-flash', /int8 weights/);
  await explain('arena', /activation buffers/);
  await explain('preprocess', /1-bit 240×240 canvas/);
  await explain('heap', /mbed_stats_heap_get/);
  await explain('latency', /cycles per MAC/);

  await stroke(page, DIGITS[0].strokes[0]);
  await board.button('BUTTON1').click();
  await expect(page.getByTestId('lcd-announcer')).toHaveText('Predicted: 1');
  await explain('host-time', /mean of 64 runs/);
});

test('on a phone the layer table scrolls in its own box, so its last columns can be read', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  const board = new BoardPage(page);
  // The full page: the compact board view shows no layer table.
  await board.open('mnist');
  const box = page.locator('.layers-scroll');
  await expect(page.getByTestId('layer-table')).toContainText('FullyConnected');
  await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const last = (await page.getByTestId('layer-table').locator('th').last().boundingBox())!;
  const shown = (await box.boundingBox())!;
  expect(shown.x + shown.width).toBeLessThanOrEqual(375);
  expect(last.x).toBeGreaterThanOrEqual(shown.x);
  expect(last.x + last.width).toBeLessThanOrEqual(shown.x + shown.width + 0.5);
});
