// Sharing a project: a link that carries an edit opens it in another page of the same browser profile, builds and
// runs it, and leaves the visitor's own saved edit of the demo alone until they choose to keep the shared one; a
// damaged link says why and opens the visitor's own project; a project's .zip export imports back.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { mulberry32 } from '../src/shared/mulberry32';
import { projectToZip } from '../src/shared/project/projectZip';
import { encodeShareFragment } from '../src/shared/project/shareLink';
import { BoardPage } from './BoardPage';

const line = (page: Page, text: string) => page.locator('.view-line', { hasText: text }).first();

/** Blinky's main.cpp at another rate, marked with a comment the test can look for. */
const blinky = (ms: number, mark: string) =>
  `// ${mark}\n#include "mbed.h"\n\nint main() {\n    DigitalOut led(LED1);\n    while (true) {\n        led = !led;\n        ThisThread::sleep_for(${ms}ms);\n    }\n}\n`;

/**
 * LED1's period in virtual time: the virtual clock at each of its changes, seen the moment the DOM changes (a
 * MutationObserver). The first changes are left out (the firmware that ran before may still be toggling).
 */
function ledPeriodMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const led = document.querySelector('[data-testid="led-LED1"]')!;
        const clock = document.querySelector<HTMLElement>('[data-testid="sim-time"]')!;
        const at: number[] = [];
        const observer = new MutationObserver(() => {
          at.push(Number(clock.dataset.ms));
          if (at.length < 9) return;
          observer.disconnect();
          const gaps = at
            .slice(3)
            .map((t, i, a) => (i ? t - a[i - 1] : NaN))
            .slice(1)
            .sort((x, y) => x - y);
          resolve(gaps[Math.floor(gaps.length / 2)]);
        });
        observer.observe(led, { attributes: true, attributeFilter: ['data-state'] });
      }),
  );
}

test('a shared link shows the shared edit with a banner and runs it; the visitor’s own saved edit stays until they keep the shared one', async ({
  context,
}) => {
  test.setTimeout(400_000);
  const sender = await context.newPage();
  const board = new BoardPage(sender);
  await board.open('blinky');
  await board.replaceEditorText(blinky(200, 'shared version'));
  await sender.getByTestId('share').click();
  await expect(sender.getByTestId('share-link')).toHaveValue(/\?demo=blinky#share=[\w-]+$/);
  const link = await sender.getByTestId('share-link').inputValue();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await sender.getByTestId('share-copy').click();
  await expect(sender.getByText('Copied to the clipboard.')).toBeVisible();
  expect(await sender.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // The visitor's own edit of the same demo, in the same browser profile.
  await board.replaceEditorText(blinky(700, 'my own version'));
  await expect(line(sender, 'my own version')).toBeVisible();
  await sender.close();

  const visitor = await context.newPage();
  await visitor.goto(link);
  const banner = visitor.getByTestId('share-banner');
  await expect(banner).toHaveAttribute('data-kind', 'shared');
  await expect(banner).toContainText('your own saved edits of Blinky are untouched');
  await expect(line(visitor, 'shared version')).toBeVisible();
  // It builds and runs the shared files: LED1 toggles every 200 ms of virtual time, not blinky's 500 ms.
  await expect(visitor.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded', { timeout: 300_000 });
  const period = await ledPeriodMs(visitor);
  console.log(`shared blinky: LED1 period ${period} ms of virtual time`);
  // The clock is read at each DOM update (about 60 a second at ×1), so a period is known to about ±16 ms.
  expect(period).toBeGreaterThanOrEqual(170);
  expect(period).toBeLessThanOrEqual(230);

  // Reopened without the fragment, the demo is the visitor's own saved edit.
  const own = await context.newPage();
  await own.goto('/?demo=blinky');
  await expect(line(own, 'my own version')).toBeVisible();
  await expect(line(own, 'shared version')).toHaveCount(0);
  await own.close();

  // Keeping the shared copy over saved edits asks first; Cancel changes nothing.
  await visitor.getByTestId('share-keep').click();
  await expect(visitor.getByTestId('keep-question')).toContainText('You have saved edits of Blinky');
  const download = visitor.waitForEvent('download');
  await visitor.getByTestId('keep-download-mine').click();
  expect((await download).suggestedFilename()).toBe('blinky-my-edits.zip');
  await visitor.getByTestId('keep-cancel').click();
  await expect(visitor.getByTestId('keep-question')).toHaveCount(0);
  await expect(banner).toHaveAttribute('data-kind', 'shared');

  // Back to my project: the visitor's own edit, and the address no longer carries the shared project.
  await visitor.getByTestId('share-back').click();
  await expect(banner).toHaveCount(0);
  await expect(line(visitor, 'my own version')).toBeVisible();
  expect(new URL(visitor.url()).hash).toBe('');

  // Back while the shared project still builds: its build ends and never runs on the visitor's project, which runs
  // blinky's shipped firmware (500 ms) until the visitor builds their own edit.
  // (Other files than before: the compiler keeps the units it built, and would build the same files at once.)
  await visitor.goto(
    `/?demo=blinky${await encodeShareFragment({ demo: 'blinky', files: { 'main.cpp': blinky(200, 'still building') } })}`,
  );
  await expect(visitor.getByTestId('build-status')).toHaveAttribute('data-phase', /downloading|compiling/);
  await visitor.getByTestId('share-back').click();
  await expect(line(visitor, 'my own version')).toBeVisible();
  const afterBack = await ledPeriodMs(visitor);
  console.log(`back to my project: LED1 period ${afterBack} ms of virtual time`);
  expect(afterBack).toBeGreaterThanOrEqual(440);
  expect(afterBack).toBeLessThanOrEqual(560);

  // Opened again and kept: the shared project replaces the saved edit, and is there in the next page.
  await visitor.goto(link);
  await expect(banner).toHaveAttribute('data-kind', 'shared');
  await visitor.getByTestId('share-keep').click();
  await visitor.getByTestId('keep-replace').click();
  await expect(banner).toHaveAttribute('data-kind', 'kept');
  expect(new URL(visitor.url()).hash).toBe('');
  const next = await context.newPage();
  await next.goto('/?demo=blinky');
  await expect(line(next, 'shared version')).toBeVisible();
  await expect(next.getByTestId('restore-demo')).toBeVisible();

  // A shared demo the visitor has no saved edits of is kept at once, without a question.
  const shipped = (
    JSON.parse(readFileSync('public/firmware/serial_echo.json', 'utf8')) as { sources: Record<string, string> }
  ).sources['main.cpp'];
  await next.goto(
    `/?demo=serial_echo${await encodeShareFragment({ demo: 'serial_echo', files: { 'main.cpp': `// shared echo\n${shipped}` } })}`,
  );
  await expect(next.getByTestId('share-banner')).toHaveAttribute('data-kind', 'shared');
  await next.getByTestId('share-keep').click();
  await expect(next.getByTestId('share-banner')).toHaveAttribute('data-kind', 'kept');
  await expect(next.getByTestId('keep-question')).toHaveCount(0);
  await next.goto('/?demo=serial_echo');
  await expect(line(next, 'shared echo')).toBeVisible();
});

test('a damaged or hostile link says why and opens the visitor’s own project; nothing is saved or lost', async ({
  page,
}) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  await board.appendToEditor('\n// kept through bad links\n');
  const unknownDemo = await encodeShareFragment({ demo: 'no_such_demo', files: { 'main.cpp': '' } });
  const extraFile = await encodeShareFragment({ demo: 'button_lcd', files: { 'evil.h': '' } });
  const cases: [string, RegExp][] = [
    ['#share=AQAA', /compressed data is corrupt or cut off/],
    ['#share=AAAA', /unknown format \(0\)/],
    ['#share=not*base64', /not base64url/],
    [unknownDemo, /no demo "no_such_demo"/],
    [extraFile, /the demo has no file "evil.h"/],
  ];
  for (const [fragment, message] of cases) {
    await page.goto(`/?demo=button_lcd${fragment}`);
    const banner = page.getByTestId('share-banner');
    await expect(banner).toHaveAttribute('data-kind', 'failed');
    await expect(banner).toContainText(message);
    await expect(banner).toContainText('Your own project opened as usual');
    await expect(line(page, 'kept through bad links')).toBeVisible();
    await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
    expect(new URL(page.url()).hash).toBe('');
  }
});

test('a project exported as a .zip imports back; a bad archive changes nothing; an archive of another demo opens it', async ({
  page,
}, info) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.replaceEditorText(blinky(300, 'exported version'));
  const download = page.waitForEvent('download');
  await page.getByTestId('export-project').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('blinky.zip');
  const zip = readFileSync((await file.path())!);

  await page.getByTestId('restore-demo').click();
  await expect(line(page, 'exported version')).toHaveCount(0);
  await page
    .getByTestId('import-project')
    .setInputFiles({ name: 'blinky.zip', mimeType: 'application/zip', buffer: zip });
  const notice = page.getByTestId('project-notice');
  await expect(notice).toHaveAttribute('data-ok', 'true');
  await expect(notice).toContainText('Imported blinky.zip: 1 file of Blinky');
  await expect(line(page, 'exported version')).toBeVisible();
  await expect(page.getByTestId('restore-demo')).toBeVisible();

  await page.getByTestId('import-project').setInputFiles({
    name: 'notes.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('these are notes, not an archive'),
  });
  await expect(notice).toHaveAttribute('data-ok', 'false');
  await expect(notice).toContainText('notes.zip was not imported: the file cannot be read: it is not a zip archive');
  await expect(notice).toContainText('Nothing changed.');
  await expect(line(page, 'exported version')).toBeVisible();

  // The import is saved like an edit: it is there after a reload.
  await page.reload();
  await expect(line(page, 'exported version')).toBeVisible();

  const other = await projectToZip({
    demo: 'serial_echo',
    files: { 'main.cpp': '// imported into serial_echo\nint main() {}\n' },
  });
  await page.getByTestId('import-project').setInputFiles({
    name: 'echo.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(other),
  });
  await expect(page.getByTestId('demo-select')).toHaveValue('serial_echo');
  await expect(line(page, 'imported into serial_echo')).toBeVisible();
  await expect(page.getByTestId('project-notice')).toContainText('of Serial echo');
  info.annotations.push({ type: 'zip bytes', description: String(zip.length) });

  // A project too big for a link: Share says so and points to the .zip instead.
  const random = mulberry32(7);
  const noise = Buffer.from(Array.from({ length: 300_000 }, () => Math.floor(random() * 256))).toString('base64');
  const big = await projectToZip({ demo: 'serial_echo', files: { 'main.cpp': `// big\n/* ${noise} */\n` } });
  await page
    .getByTestId('import-project')
    .setInputFiles({ name: 'big.zip', mimeType: 'application/zip', buffer: Buffer.from(big) });
  await expect(page.getByTestId('project-notice')).toContainText('Imported big.zip');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-error')).toContainText(
    /too big for a link \(\d+ KB compressed, at most 256 KB\): export it as a \.zip instead/,
  );
  await expect(page.getByTestId('share-link')).toHaveCount(0);
});
