// The MNIST demo: draw digits with the mouse on the touch screen, classify with BUTTON1, read the panel.
import { expect, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

type Pt = [number, number];

/** Drags the mouse through `points` (panel coordinates, 0..239) on the digit canvas. */
async function stroke(page: Page, points: Pt[]): Promise<void> {
  const box = (await page.getByTestId('digit-canvas').boundingBox())!;
  const at = ([x, y]: Pt) => [box.x + (x / 240) * box.width, box.y + (y / 240) * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 8 });
  await page.mouse.up();
}

const ellipse = (cx: number, cy: number, rx: number, ry: number): Pt[] =>
  Array.from({ length: 33 }, (_, i) => [cx + rx * Math.sin((i / 32) * 2 * Math.PI), cy - ry * Math.cos((i / 32) * 2 * Math.PI)]);

const DIGITS: { digit: number; strokes: Pt[][] }[] = [
  { digit: 1, strokes: [[[125, 35], [118, 205]]] },
  { digit: 7, strokes: [[[65, 45], [175, 45], [150, 100], [110, 205]]] },
  { digit: 0, strokes: [ellipse(120, 120, 55, 85)] },
];

test('drawn digits are recognised and shown on the LCD; the panel reports what the firmware reports', async ({ page }) => {
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
    await board.button('BUTTON2').click();
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
