// The Model runner demo: an int8 .tflite picked in the page (the MLPerf Tiny KWS model) is signed, installed over
// the air and self-tested on the board; an input file (the KWS sample, raw int8) comes back as top-5 with class 5
// first and the host time; a PNG is decoded, resized to the input's 49x10 and run; a drawing on the touch pad runs
// on BUTTON1 (and an empty one is refused); a file of the wrong size is refused with both sizes in the message. The
// Model tab's import runs the same way: Run on board opens the model runner and installs it.
import { deflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

test.setTimeout(180_000);

const FIXTURES = new URL('../../shared/models/mlperf-tiny/', import.meta.url).pathname;

/** A greyscale PNG (8-bit, no filter) of `w` x `h` pixels. */
function png(w: number, h: number, grey: (x: number, y: number) => number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: h }, (_, y) => Buffer.from([0, ...Array.from({ length: w }, (_, x) => grey(x, y))])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('an imported .tflite runs on the board: installed over the air, input files give top-k and host time', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const board = new BoardPage(page);
  await board.open('model_runner');
  await expect(page.getByTestId('runner-installed')).toContainText('No model installed', { timeout: 30_000 });
  await expect(page.getByTestId('model-run')).toHaveCount(0);

  await page.getByTestId('runner-model-file').setInputFiles({
    name: 'bad.tflite',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(64, 7),
  });
  await expect(page.getByTestId('runner-model-error')).toContainText('not a .tflite file: file identifier is');
  await page.getByTestId('runner-model-file').setInputFiles(`${FIXTURES}kws_ref_model.tflite`);
  await expect(page.getByTestId('model-input-file')).toBeDisabled();
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.getByTestId('model-run').click();
  await expect(page.getByTestId('runner-installed')).toContainText('Installed: v1.1.0+0, input [1, 49, 10, 1]', {
    timeout: 120_000,
  });
  await page.getByTestId('replay-speed').selectOption('1');
  await expect(page.getByTestId('model-run-status')).toContainText('Offered v1.1.0+0');

  await page.getByTestId('model-input-file').setInputFiles(`${FIXTURES}kws_sample_input.int8.bin`);
  const rows = page.getByTestId('model-topk-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toHaveAttribute('data-index', '5');
  expect(Number(await rows.first().getAttribute('data-score'))).toBeGreaterThan(0.5);
  expect(Number(await page.getByTestId('model-host-time').getAttribute('data-us'))).toBeGreaterThan(0);
  await expect(page.getByTestId('model-topk')).toContainText('Top-5 of inference 1 (input file)');

  await page.getByTestId('model-input-file').setInputFiles({
    name: 'stripes.png',
    mimeType: 'image/png',
    buffer: png(20, 98, (x) => (x < 10 ? 255 : 0)),
  });
  await expect(page.getByTestId('model-topk')).toContainText('Top-5 of inference 2 (input file)');
  await expect(page.getByTestId('model-input-note')).toHaveText('Sent stripes.png (490 int8 values)');

  // A drawing: the firmware resizes its canvas to the input's 49x10 and runs it on BUTTON1.
  const pad = (await page.getByTestId('runner-canvas').boundingBox())!;
  await page.mouse.move(pad.x + pad.width * 0.3, pad.y + pad.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(pad.x + pad.width * 0.6, pad.y + pad.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await page.getByTestId('runner-canvas-run').click();
  await expect(page.getByTestId('model-topk')).toContainText('Top-5 of inference 3 (touch canvas)');
  await page.getByTestId('runner-canvas-clear').click();
  await page.getByTestId('runner-canvas-run').click();
  await expect(page.getByTestId('model-run-error')).toHaveText('The canvas is empty: draw, then press BUTTON1.');

  await page.getByTestId('model-input-file').setInputFiles({
    name: 'short.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(100),
  });
  await expect(page.getByTestId('model-input-note')).toHaveText(
    "short.bin: 100 bytes; the model's input [1, 49, 10, 1] takes 490 bytes as raw int8 or 1960 as raw float32 " +
      '(or give a .npy file or an image)',
  );
  expect(errors).toEqual([]);
});

test('the Model tab runs its imported model on the board: the model runner opens and installs it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const board = new BoardPage(page);
  await board.open('blinky');
  await page.getByTestId('tab-model').click();
  await page.getByTestId('model-file').setInputFiles(`${FIXTURES}kws_ref_model.tflite`);
  await page.getByTestId('replay-speed').selectOption('fast');
  await page.getByTestId('model-run').click();
  await expect(page.getByTestId('demo-select')).toHaveValue('model_runner');
  // The Model tab stays on screen across the switch, with the same model.
  await expect(page.getByTestId('tab-model')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('model-input-file')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('replay-speed').selectOption('1');
  await page.getByTestId('model-input-file').setInputFiles(`${FIXTURES}kws_sample_input.int8.bin`);
  await expect(page.getByTestId('model-topk-row').first()).toHaveAttribute('data-index', '5');
  expect(errors).toEqual([]);
});
