// The compact board view (?view=board, for an iframe): each demo's essentials fit a small frame without scrolling,
// they work there, and ?parts= picks which parts show.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { BoardPage } from './BoardPage';
import { stroke, type Pt } from './drawing';

const FRAMES = [
  { width: 640, height: 480 },
  { width: 375, height: 667 },
];

const SEVEN: Pt[] = [
  [65, 45],
  [175, 45],
  [150, 100],
  [110, 205],
];

/** The run controls every compact view keeps in its top bar. */
const RUN_CONTROLS = ['demo-select', 'stop', 'reset', 'pause', 'step', 'replay-speed', 'sim-time'];

const ESSENTIALS: Record<string, string[]> = {
  mnist: ['lcd', 'led-LED1', 'button-BUTTON1', 'button-BUTTON2', 'digit-canvas', 'prediction', 'scores'],
  anomaly: [
    'lcd',
    'led-LED1',
    'led-LED2',
    'button-BUTTON1',
    'temperature-chart',
    'anomaly-count',
    'samples-seen',
    'anomaly-model',
    'stream-source',
    'temperature-slider',
  ],
};

/** Neither the document nor the view under the top bar (which scrolls what does not fit) has anything to scroll. */
async function expectNoScrolling(page: Page): Promise<void> {
  const size = await page.evaluate(() => {
    const root = document.scrollingElement!;
    const view = document.querySelector('.workspace')!;
    return {
      sh: root.scrollHeight,
      sw: root.scrollWidth,
      ih: innerHeight,
      iw: innerWidth,
      vsh: view.scrollHeight,
      vsw: view.scrollWidth,
      vh: view.clientHeight,
      vw: view.clientWidth,
    };
  });
  expect(size.sh, 'document height').toBeLessThanOrEqual(size.ih);
  expect(size.sw, 'document width').toBeLessThanOrEqual(size.iw);
  expect(size.vsh, 'view height').toBeLessThanOrEqual(size.vh);
  expect(size.vsw, 'view width').toBeLessThanOrEqual(size.vw);
}

async function expectWhollyInView(page: Page, testIds: string[]): Promise<void> {
  for (const id of testIds) await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
}

async function openParts(page: Page, query: string): Promise<void> {
  await page.goto(`/?view=board&${query}`);
  await expect.poll(() => new BoardPage(page).simTimeMs()).toBeGreaterThan(0);
}

const height = async (l: Locator) => (await l.boundingBox())!.height;

for (const frame of FRAMES) {
  test.describe(`at ${frame.width}×${frame.height}`, () => {
    test.use({ viewport: frame });

    for (const demo of ['mnist', 'anomaly']) {
      test(`the ${demo} board view shows its essentials without scrolling`, async ({ page }) => {
        const board = new BoardPage(page);
        await board.open(demo, 'board');
        await expect(page.getByTestId('compact-view')).toHaveAttribute(
          'data-parts',
          demo === 'mnist' ? 'board,canvas' : 'board,chart',
        );
        await expectWhollyInView(page, [...RUN_CONTROLS, ...ESSENTIALS[demo]]);
        await expectNoScrolling(page);
        if (demo === 'mnist') {
          // Square and large enough to draw on with a finger.
          const box = (await page.getByTestId('digit-canvas').boundingBox())!;
          expect(box.width).toBeGreaterThanOrEqual(200);
          expect(Math.abs(box.width - box.height)).toBeLessThan(1);
        } else {
          // The plot itself (axes, band, marks) keeps a readable height beside its legend.
          expect(await height(page.locator('[data-testid=temperature-chart] canvas'))).toBeGreaterThanOrEqual(100);
        }
      });
    }

    test('drawing a digit and pressing BUTTON1 shows the prediction on the LCD and the panel', async ({ page }) => {
      const board = new BoardPage(page);
      await board.open('mnist', 'board');
      await stroke(page, SEVEN);
      await board.button('BUTTON1').click();
      await expect.poll(() => board.lcdText()).toBe('Predicted: 7');
      await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '7');
      await expect(page.getByTestId('scores')).toContainText('7: ');
      // A prediction fills the panel: it still fits.
      await expectWhollyInView(page, ['prediction', 'scores', 'input-image', 'lcd']);
      await expectNoScrolling(page);
    });
  });
}

test.describe('at 375×667', () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test('the compact chart marks an anomaly', async ({ page }) => {
    const board = new BoardPage(page);
    await board.open('anomaly', 'board');
    await page.getByTestId('stream-source').selectOption('manual');
    await expect.poll(() => board.lcdText()).toMatch(/^T 22\.0/);
    await page.getByTestId('temperature-slider').fill('90');
    await expect.poll(() => board.lcdText()).toMatch(/^T 90\.0/);
    await expect
      .poll(async () => Number(await page.getByTestId('temperature-chart').getAttribute('data-anomalies')))
      .toBeGreaterThan(0);
    await expect(page.getByTestId('anomaly-count')).not.toHaveAttribute('data-count', '0');
    await expectNoScrolling(page);
  });

  test('?parts= shows only the chosen parts; without the board the canvas brings its own buttons', async ({ page }) => {
    await openParts(page, 'demo=mnist&parts=canvas,console');
    await expect(page.getByTestId('compact-view')).toHaveAttribute('data-parts', 'canvas,console');
    await expect(page.getByTestId('digit-canvas')).toBeVisible();
    await expect(page.getByTestId('serial-input')).toBeVisible();
    await expect(page.getByTestId('lcd')).toHaveCount(0);
    await expect(page.getByTestId('button-BUTTON1')).toHaveCount(0);
    await expect(page.getByTestId('memory-flash')).toHaveCount(0);
    await expect(page.getByTestId('serial-output')).toContainText('Draw a digit');
    await stroke(page, SEVEN);
    await page.getByRole('button', { name: 'Classify (BUTTON1)' }).click();
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '7');
    await expect(page.getByTestId('serial-output')).toContainText('Predicted: 7');
  });

  test('?parts= picks the memory figures and the chart; a part the demo lacks falls back to its board', async ({
    page,
  }) => {
    await openParts(page, 'demo=mnist&parts=memory,board');
    await expect(page.getByTestId('compact-view')).toHaveAttribute('data-parts', 'board,memory');
    await expect(page.getByTestId('memory-flash')).toHaveAttribute('data-bytes', /^[1-9]\d*$/);
    await expect(page.getByTestId('fit-verdict')).toBeVisible();
    await expect(page.getByTestId('layer-table')).toHaveCount(0);
    await expect(page.getByTestId('digit-canvas')).toHaveCount(0);

    await openParts(page, 'demo=anomaly&parts=chart');
    await expect(page.getByTestId('compact-view')).toHaveAttribute('data-parts', 'chart');
    await expect(page.getByTestId('temperature-chart')).toBeVisible();
    await expect(page.getByTestId('lcd')).toHaveCount(0);
    await expect(page.getByTestId('serial-input')).toHaveCount(0);
    await expectNoScrolling(page);

    await openParts(page, 'demo=blinky&parts=chart');
    await expect(page.getByTestId('compact-view')).toHaveAttribute('data-parts', 'board');
    await expect(new BoardPage(page).led('LED1')).toHaveAttribute('data-state', 'on');
  });

  test('unknown ?parts= names are ignored with a console warning', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await openParts(page, 'demo=anomaly&parts=chart,editor,board');
    await expect(page.getByTestId('compact-view')).toHaveAttribute('data-parts', 'board,chart');
    expect(warnings.filter((w) => w.includes('?parts='))).toEqual([
      expect.stringContaining('ignores editor (known parts: board, canvas, chart, memory, console)'),
    ]);
  });
});

test.describe('at 640×480', () => {
  test.use({ viewport: { width: 640, height: 480 } });

  test('parts that do not fit the frame scroll under the run controls; the document does not', async ({ page }) => {
    await openParts(page, 'demo=mnist&parts=board,canvas,memory,console');
    const size = await page.evaluate(() => {
      const view = document.querySelector('.workspace')!;
      return { document: document.scrollingElement!.scrollHeight, view: view.scrollHeight, shown: view.clientHeight };
    });
    expect(size.document).toBeLessThanOrEqual(480);
    expect(size.view).toBeGreaterThan(size.shown);
    const input = page.getByTestId('serial-input');
    await input.scrollIntoViewIfNeeded();
    await expect(input).toBeInViewport({ ratio: 1 });
    await expectWhollyInView(page, RUN_CONTROLS);
  });
});

test('the full view ignores ?parts=', async ({ page }) => {
  const board = new BoardPage(page);
  await page.goto('/?demo=mnist&parts=canvas');
  await expect(page.getByTestId('compact-view')).toHaveCount(0);
  await expect(board.lcd).toBeVisible();
  await expect(page.getByTestId('serial-input')).toBeVisible();
  await expect(page.getByTestId('layer-table')).toBeVisible();
  await expect(page.getByTestId('editor-tab')).toBeVisible();
});
