// A workshop end to end: the real workshop server (server/main.ts: HTTP API, aedes broker, fleet manager, SQLite)
// serves the built app on a free port; two board pages join with the join link it prints, the instructor page runs
// a campaign with the server's factory-signed MNIST image, and both boards download, verify, install and confirm
// it (their own update agents, in virtual time) while the campaign's counts reach 2 succeeded. A model the
// instructor trains in their own profile and saves as an image deploys to a board that joined. A wrong instructor
// token is refused, and the instructor token never appears in a request URL. The server killed mid-campaign and
// restarted on its data directory keeps every device, and the campaign completes once the boards are back.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';

test.setTimeout(240_000);
test.describe.configure({ mode: 'serial' });

let server: ChildProcess;
let dataDir: string | undefined;
let links: { instructor: string; join: string };

/**
 * Starts `npm run fleet`'s entry on `port` (0: a free one) with the data in `dataDir`, and resolves with the two
 * URLs it prints.
 */
function startServer(port = 0): Promise<{ instructor: string; join: string }> {
  dataDir ??= mkdtempSync(join(tmpdir(), 'fleet-e2e-'));
  const args = ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir];
  server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const found: Partial<{ instructor: string; join: string }> = {};
    server.once('exit', (code) => reject(new Error(`the fleet server exited (${code}) before printing its links`)));
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const m = /^(instructor|join): (\S+)$/.exec(line);
      if (m) found[m[1] as 'instructor' | 'join'] = m[2];
      if (found.instructor && found.join) resolve(found as { instructor: string; join: string });
    });
  });
}

test.beforeAll(async () => {
  links = await startServer();
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The profiles and pages a test opened: closed after it, or their boards would go on running beside the next spec's page. */
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
/** The instructor's one browser profile: the first to open the instructor page, its key is the workshop's. */
let instructorProfile: BrowserContext | undefined;
test.afterEach(async () => {
  await Promise.all([...contexts.splice(0), ...pages.splice(0)].map((c) => c.close()));
});
test.afterAll(async () => {
  await instructorProfile?.close();
});

/** A browser profile of its own (its own device credentials), past the first-visit intro on the server's origin. */
function newProfile(browser: Browser): Promise<BrowserContext> {
  const origin = new URL(links.join).origin;
  return browser.newContext({
    storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'tinyml-sim:intro-seen', value: '1' }] }] },
  });
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await newProfile(browser);
  contexts.push(context);
  return context.newPage();
}

/** A page in the instructor's profile. */
async function instructorPage(browser: Browser): Promise<Page> {
  instructorProfile ??= await newProfile(browser);
  const page = await instructorProfile.newPage();
  pages.push(page);
  return page;
}

async function joinBoard(browser: Browser): Promise<{ page: Page; id: string }> {
  const page = await freshPage(browser);
  await page.goto(links.join);
  const status = page.getByTestId('fleet-status');
  await expect(status).toHaveAttribute('data-connected', 'true', { timeout: 60_000 });
  const id = (await status.getAttribute('data-device-id'))!;
  expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  await page.getByTestId('tab-device').click();
  await expect(page.getByTestId('model-version')).toHaveAttribute('data-version', '1.0.0+0', { timeout: 60_000 });
  return { page, id };
}

/** Picks the server's re-issued MNIST model (the boards run the MNIST demo; another app's image is rejected). */
async function chooseMnistImage(instructor: Page): Promise<void> {
  const image = instructor.getByTestId('campaign-image');
  const mnist = await image.locator('option', { hasText: 'mnist model' }).getAttribute('value');
  await image.selectOption(mnist!);
}

test('two boards join and an instructor campaign updates both to the new model', async ({ browser }) => {
  const token = new URL(links.instructor).searchParams.get('token')!;
  const boards = [await joinBoard(browser), await joinBoard(browser)];
  expect(boards[0]!.id).not.toBe(boards[1]!.id);

  // A reload comes back as the same device.
  await boards[0]!.page.reload();
  await expect(boards[0]!.page.getByTestId('fleet-status')).toHaveAttribute('data-connected', 'true');
  await expect(boards[0]!.page.getByTestId('fleet-status')).toHaveAttribute('data-device-id', boards[0]!.id);
  await boards[0]!.page.getByTestId('tab-device').click();

  const instructor = await instructorPage(browser);
  const urls: string[] = [];
  instructor.on('request', (r) => urls.push(r.url()));
  instructor.on('websocket', (ws) => urls.push(ws.url()));
  await instructor.goto(links.instructor);
  await expect.poll(() => instructor.url()).not.toContain('token=');
  const rows = instructor.getByTestId('fleet-device');
  for (const { id } of boards) {
    const row = rows.and(instructor.locator(`[data-id="${id}"]`));
    await expect(row).toHaveAttribute('data-online', 'true');
    await expect(row).toHaveAttribute('data-version', '1.0.0+0');
  }

  await chooseMnistImage(instructor);
  await instructor.getByTestId('campaign-rate').fill('30');
  await instructor.getByTestId('campaign-abort-pct').fill('50');
  // The boards download and swap in virtual time: fast-forward them.
  for (const { page } of boards) await page.getByTestId('replay-speed').selectOption('fast');
  await instructor.getByTestId('campaign-create').click();

  const state = instructor.getByTestId('campaign-state');
  await expect(state).toHaveAttribute('data-total', '2');
  await expect(state).toHaveAttribute('data-succeeded', '2', { timeout: 120_000 });
  await expect(state).toHaveAttribute('data-failed', '0');
  await expect(state).toHaveAttribute('data-state', 'COMPLETED');
  for (const { page, id } of boards) {
    await expect(page.getByTestId('model-version')).toHaveAttribute('data-version', '1.1.0+0');
    await expect(page.getByTestId('slot-primary')).toHaveAttribute('data-confirmed', 'true');
    const row = rows.and(instructor.locator(`[data-id="${id}"]`));
    await expect(row).toHaveAttribute('data-version', '1.1.0+0');
    await expect(row).toHaveAttribute('data-state', 'Idle');
    await expect(row).toHaveAttribute('data-result', 'success');
  }
  // Every execution state has its count; an upload that is no signed image is refused with the server's reason.
  await expect(state.locator('[data-count="succeeded"] dd')).toHaveText('2');
  await expect(state.locator('[data-count="queued"] dd')).toHaveText('0');
  await instructor.getByTestId('campaign-upload').setInputFiles({
    name: 'notes.img',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not an image'),
  });
  await expect(instructor.getByTestId('fleet-note')).toContainText('notes.img refused: not a deployable image');
  // The token went in the Authorization header and the MQTT login, never in a URL after the first load's.
  expect(urls.length).toBeGreaterThan(1);
  expect(urls.slice(1).filter((u) => u.includes(token))).toEqual([]);
});

test('a model the instructor trains in their own profile is saved, uploaded and installed by a board that joins', async ({
  browser,
}) => {
  const instructor = await instructorPage(browser);
  await instructor.goto(links.instructor);
  // The instructor page registered this profile's key: boards that join from now on trust it.
  await expect(instructor.getByTestId('instructor-key')).toHaveAttribute('data-trusted', 'true');
  const board = await joinBoard(browser);

  // The instructor trains one small epoch on a board page of the same profile and saves the signed image.
  const workbench = await instructorPage(browser);
  await workbench.goto(`${new URL(links.join).origin}/?demo=mnist`);
  await workbench.getByTestId('tab-train').click();
  await workbench.getByTestId('arch-hidden').fill('16');
  await workbench.getByTestId('train-epochs').fill('1');
  await workbench.getByTestId('train-start').click();
  await expect(workbench.getByTestId('train-accuracy')).toBeVisible({ timeout: 90_000 });
  await workbench.getByTestId('tab-device').click();
  const download = workbench.waitForEvent('download');
  await workbench.getByTestId('save-image').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('mnist-v1.1.0-0.img');

  await instructor.getByTestId('campaign-upload').setInputFiles({
    name: saved.suggestedFilename(),
    mimeType: 'application/octet-stream',
    buffer: readFileSync(await saved.path()),
  });
  await expect(instructor.getByTestId('fleet-note')).toContainText('Uploaded mnist-v1.1.0-0.img');
  const image = instructor.getByTestId('campaign-image');
  await image.selectOption((await image.locator('option', { hasText: 'mnist-v1.1.0-0.img' }).getAttribute('value'))!);
  await instructor
    .getByTestId('fleet-device')
    .and(instructor.locator(`[data-id="${board.id}"]`))
    .getByRole('checkbox')
    .check();
  await instructor.getByTestId('campaign-target-selected').check();
  await board.page.getByTestId('replay-speed').selectOption('fast');
  await instructor.getByTestId('campaign-create').click();
  const state = instructor.getByTestId('campaign-state');
  await expect(state).toHaveAttribute('data-succeeded', '1', { timeout: 120_000 });
  await expect(board.page.getByTestId('model-version')).toHaveAttribute('data-version', '1.1.0+0');
  await expect(board.page.getByTestId('model-version')).toContainText('signed with the workshop key');
});

test('the instructor sees how far each learner is in the lesson their board page has open', async ({ browser }) => {
  const learner = await freshPage(browser);
  await learner.goto(`${links.join}&lesson=blinky-virtual-time`);
  await expect(learner.getByTestId('fleet-status')).toHaveAttribute('data-connected', 'true', { timeout: 60_000 });
  const id = (await learner.getByTestId('fleet-status').getAttribute('data-device-id'))!;
  // The stock blinky passes the lesson's first step by itself (four toggles 500 ms apart).
  await expect(learner.getByTestId('lesson-step').first()).toHaveAttribute('data-done', 'true');

  const instructor = await instructorPage(browser);
  await instructor.goto(links.instructor);
  const row = instructor.getByTestId('fleet-device').and(instructor.locator(`[data-id="${id}"]`));
  // Progress goes out when it changes and again with every heartbeat (15 s), should the page have missed it.
  await expect(row.getByTestId('fleet-lesson')).toHaveAttribute('data-done', '1', { timeout: 40_000 });
  await expect(row.getByTestId('fleet-lesson')).toHaveAttribute('data-steps', '4');
  await expect(row.getByTestId('fleet-lesson')).toHaveText('Blinky and virtual time 1/4');
});

test('a wrong instructor token is refused', async ({ browser }) => {
  const page = await freshPage(browser);
  const wrong = new URL(links.instructor);
  wrong.searchParams.set('token', 'not-the-token');
  await page.goto(wrong.href);
  await expect(page.getByTestId('instructor-access')).toHaveAttribute('data-access', 'refused');
  await expect(page.getByTestId('instructor-access')).toContainText('refused');
  await expect(page.getByTestId('fleet-devices')).toHaveCount(0);
  expect(page.url()).not.toContain('not-the-token');
});

test('the server killed mid-campaign and restarted loses no device, and the campaign completes', async ({
  browser,
}) => {
  const boards = [await joinBoard(browser), await joinBoard(browser)];
  const instructor = await instructorPage(browser);
  await instructor.goto(links.instructor);
  for (const { id } of boards) {
    const row = instructor.getByTestId('fleet-device').and(instructor.locator(`[data-id="${id}"]`));
    await expect(row).toHaveAttribute('data-online', 'true');
    await row.getByRole('checkbox').check();
  }
  await chooseMnistImage(instructor);
  await instructor.getByTestId('campaign-target-selected').check();
  await instructor.getByTestId('campaign-rate').fill('30');
  await instructor.getByTestId('campaign-create').click();
  // The boards download at real time (8 s of virtual time for the image): the server dies while they do.
  const state = instructor.getByTestId('campaign-state');
  await expect(state).toHaveAttribute('data-total', '2');
  await expect(state.locator('[data-count="inProgress"] dd')).toHaveText('2');
  const port = new URL(links.join).port;
  const known = await instructor.getByTestId('fleet-device').count();
  server.kill('SIGKILL');
  for (const { page } of boards)
    await expect(page.getByTestId('fleet-status')).toHaveAttribute('data-connected', 'false');

  expect(await startServer(Number(port))).toEqual(links);
  for (const { page, id } of boards) {
    await expect(page.getByTestId('fleet-status')).toHaveAttribute('data-connected', 'true', { timeout: 60_000 });
    await expect(page.getByTestId('fleet-status')).toHaveAttribute('data-device-id', id);
    await page.getByTestId('replay-speed').selectOption('fast');
  }
  await expect(state).toHaveAttribute('data-succeeded', '2', { timeout: 120_000 });
  await expect(state).toHaveAttribute('data-state', 'COMPLETED');
  await expect(instructor.getByTestId('fleet-device')).toHaveCount(known);
  for (const { page } of boards)
    await expect(page.getByTestId('model-version')).toHaveAttribute('data-version', '1.1.0+0');
});
