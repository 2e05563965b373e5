// A first visit opens on a short intro; it stays dismissed, comes back from the "?" button, and names the demos by
// their titles as the picker does.
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

test.use({ storageState: { cookies: [], origins: [] } });

test('a first visit opens on the intro; dismissed, it stays closed and the ? button brings it back', async ({
  page,
}) => {
  await page.goto('/?demo=blinky');
  const intro = page.getByTestId('intro');
  await expect(intro).toBeVisible();
  await expect(intro).toContainText('A microcontroller in your browser tab');
  await expect(page.getByTestId('intro-demo-mnist')).toHaveText('MNIST digit recognizer');
  await expect(intro.getByRole('link', { name: /MNIST demo/ })).toHaveAttribute('href', /docs\/mnist\.md$/);
  await expect(page.getByTestId('intro-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(intro).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('demo-select')).toHaveValue('blinky');
  await expect(intro).toHaveCount(0);
  await page.getByTestId('about').click();
  await page.getByTestId('intro-demo-button_lcd').click();
  await expect(intro).toHaveCount(0);
  await expect(page.getByTestId('demo-select')).toHaveValue('button_lcd');
});

test('an embedded board never shows the intro', async ({ page }) => {
  await new BoardPage(page).open('blinky', 'board');
  await expect(page.getByTestId('intro')).toHaveCount(0);
});

test('the demo picker shows titles, not ids', async ({ page }) => {
  await page.goto('/?demo=blinky');
  await page.keyboard.press('Escape');
  // The options arrive with the demo list: poll until they are there.
  await expect
    .poll(() => page.getByTestId('demo-select').locator('option').allTextContents())
    .toEqual(
      expect.arrayContaining([
        'Blinky',
        'Button and LCD',
        'Serial echo',
        'Busy loop',
        'MNIST digit recognizer',
        'Anomaly detection',
      ]),
    );
});

test('the docs the page links to are served with it', async ({ request }) => {
  const res = await request.get('/docs/mnist.md');
  expect(res.ok()).toBe(true);
  expect(await res.text()).toContain('## Memory figures');
});

test('closing the first intro leaves focus on the demo picker; reopened from ?, it hands focus back to ?', async ({
  page,
}) => {
  await page.goto('/?demo=blinky');
  await expect(page.getByTestId('intro-close')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intro')).toHaveCount(0);
  await expect(page.getByTestId('demo-select')).toBeFocused();
  // Tab goes on through the top bar (which run controls are enabled depends on the board) rather than past it.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.topbar'))).toBe(true);
  await page.getByTestId('about').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intro-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('about')).toBeFocused();
});
