// The embed API v1 (docs/embed.md) from a host page on another origin: the raw protocol, the SDK, and hostile input.
// Every wait is on something the board did (an event, a response, virtual time), never on the clock.
import { expect, test, type Frame, type Page } from '@playwright/test';
import { BOARD_ORIGIN, EmbedHost } from './embedHost';

let host: EmbedHost;
test.beforeAll(async () => {
  host = await EmbedHost.start();
});
test.afterAll(() => host.close());

type Msg = { type: string; id?: string | number; payload?: unknown; ok?: boolean; result?: unknown; error?: unknown };

const request = (page: Page, msg: Msg) =>
  page.evaluate((m) => (window as never as { request(m: Msg): Promise<Msg> }).request(m), msg);
const post = (page: Page, msg: unknown) =>
  page.evaluate((m) => (window as never as { port: MessagePort }).port.postMessage(m), msg);
const events = (page: Page, type?: string) =>
  page.evaluate((t) => (window as never as { events: Msg[] }).events.filter((e) => !t || e.type === t), type);
const connected = (page: Page) =>
  page.waitForFunction(() => (window as never as { port?: MessagePort }).port !== undefined);
const embedState = (frame: Frame) => frame.evaluate(() => document.documentElement.dataset.embed ?? '');
const ignoredCount = (frame: Frame) => frame.evaluate(() => Number(document.documentElement.dataset.embedIgnored ?? 0));

/** A "1" as the MNIST tests draw it, sampled every 5 px. */
const ONE: [number, number][] = Array.from({ length: 35 }, (_, i) => [Math.round(125 - i * 0.2), 35 + i * 5]);

/**
 * The board's origin holds nothing the embed wrote: no saved projects, edit journal, readings, signing key or
 * preferences (the only key is the intro flag playwright.config.ts sets for every test).
 */
async function nothingSaved(frame: Frame) {
  const stored = await frame.evaluate(async () => ({
    local: Object.keys(localStorage),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
  expect(stored).toEqual({ local: ['tinyml-sim:intro-seen'], databases: [] });
}

test('raw protocol: handshake over a port, press a button and read the LCD, LED events in virtual time', async ({
  page,
}) => {
  const frame = await host.open(page, 'raw', { demo: 'button_lcd' });
  await connected(page);
  const hello = await page.evaluate(() => (window as never as { hello: Msg }).hello);
  expect(hello).toMatchObject({ type: 'response', id: 'h1', ok: true, result: { version: 1 } });
  expect((hello.result as { capabilities: { commands: string[] } }).capabilities.commands).toContain('touch');
  await expect.poll(() => embedState(frame)).toBe('connected');
  // The port's first message is the ready event, with the version and capabilities.
  await expect.poll(async () => (await events(page))[0]).toMatchObject({ type: 'ready', payload: { version: 1 } });

  await request(page, { type: 'subscribe', id: 1, payload: { events: ['led', 'lcd', 'state'] } });
  await expect
    .poll(async () => (await request(page, { type: 'get', id: 2, payload: { what: 'lcd' } })).result)
    .toEqual({
      what: 'lcd',
      text: expect.stringContaining('Presses: 0') as unknown as string,
    });
  expect(await request(page, { type: 'button', id: 3, payload: { name: 'BUTTON1', pressed: true } })).toMatchObject({
    ok: true,
  });
  // LED2 lights while the button is held: an led event stamped with its virtual time.
  await expect.poll(async () => (await events(page, 'led')).at(-1)?.payload).toMatchObject({ name: 'LED2', on: true });
  await request(page, { type: 'button', id: 4, payload: { name: 'BUTTON1', pressed: false } });
  await expect
    .poll(async () => (await events(page, 'lcd')).at(-1)?.payload)
    .toEqual({ text: expect.stringContaining('Presses: 1') });
  const leds = async () =>
    (await events(page, 'led')).map((e) => e.payload as { name: string; on: boolean; timeUs: number });
  await expect.poll(async () => (await leds()).at(-1)).toMatchObject({ name: 'LED2', on: false });
  const [on, off] = (await leds()).slice(-2);
  expect(off!.timeUs).toBeGreaterThan(on!.timeUs);
  const got = await request(page, { type: 'get', id: 5, payload: { what: 'leds' } });
  expect(got.result).toEqual({ what: 'leds', leds: { LED1: false, LED2: false, LED3: false, LED4: false } });
  await nothingSaved(frame);
});

for (const sandbox of [undefined, 'allow-scripts', 'allow-scripts allow-same-origin']) {
  test(`SDK${sandbox ? ` in an iframe sandboxed with "${sandbox}"` : ''}: read the LCD, draw a digit, press a button, receive the inference event`, async ({
    page,
  }) => {
    const frame = await host.open(page, 'sdk', { demo: 'mnist', sandbox });
    await page.waitForFunction(() => 'board' in window);
    await expect.poll(() => embedState(frame)).toBe('connected');
    type Sdk = {
      board: {
        get(w: string): Promise<{ text: string }>;
        on(t: string, fn: (p: unknown) => void): void;
        touch(s: unknown): Promise<unknown>;
        press(n: string): Promise<void>;
        digit(p: number[]): Promise<unknown>;
      };
      sdkEvents: { type: string; payload: unknown }[];
    };
    await page.evaluate(() => {
      const w = window as never as Sdk;
      for (const type of ['inference', 'lcd']) w.board.on(type, (payload) => w.sdkEvents.push({ type, payload }));
    });
    const lcd = () => page.evaluate(async () => (await (window as never as Sdk).board.get('lcd')).text);
    await expect.poll(lcd).toBe('Draw a digit');

    await page.evaluate((stroke) => (window as never as Sdk).board.touch(stroke), ONE);
    await page.evaluate(() => (window as never as Sdk).board.press('BUTTON1'));
    const inference = () =>
      page.evaluate(() =>
        (window as never as Sdk).sdkEvents.filter((e) => e.type === 'inference').map((e) => e.payload),
      );
    await expect.poll(async () => (await inference()).length).toBe(1);
    const [first] = (await inference()) as { digit: number; scores: number[]; source: string; timeUs: number }[];
    expect(first).toMatchObject({ digit: 1, source: 'touch' });
    expect(first!.scores).toHaveLength(10);
    expect(first!.timeUs).toBeGreaterThan(0);
    await expect.poll(lcd).toBe('Predicted: 1');
    // The board's own page shows what the host did.
    await expect(frame.getByTestId('prediction')).toHaveAttribute('data-digit', '1');

    // A 28x28 image classified directly (blob slot 0).
    await page.evaluate(() => (window as never as Sdk).board.digit(new Array(784).fill(0)));
    await expect.poll(async () => ((await inference()).at(-1) as { source: string } | undefined)?.source).toBe('blob');
    const opaque = sandbox !== undefined && !sandbox.includes('allow-same-origin');
    if (!opaque) return nothingSaved(frame);
    // An opaque origin has no storage at all; the board ran without it.
    expect(await frame.evaluate(() => origin)).toBe('null');
    expect(
      await frame.evaluate(() => {
        try {
          return typeof localStorage;
        } catch {
          return 'refused';
        }
      }),
    ).toBe('refused');
  });
}

test('hostile input: other sources and origins are ignored; malformed, oversized and bursts get errors; the board runs on', async ({
  page,
}) => {
  // A board told to accept only another origin never answers this host.
  const deaf = await host.open(page, 'raw', { demo: 'blinky', origin: 'http://evil.example' });
  // (It announced itself to that origin only, so this host never heard its ready: it says hello unasked.)
  const helloUnasked = () =>
    page.evaluate((board) => {
      const hello = { protocol: 'tinyml-sim', v: 1, type: 'hello', id: 'h1' };
      document.querySelector('iframe')!.contentWindow!.postMessage(hello, board);
    }, BOARD_ORIGIN);
  await expect
    .poll(async () => {
      await helloUnasked();
      return ignoredCount(deaf);
    })
    .toBeGreaterThan(0);
  expect(await embedState(deaf)).toBe('waiting');
  expect(await page.evaluate(() => 'port' in window)).toBe(false);

  // A board given a bogus ?origin= lets no host in at all.
  const bogus = await host.open(page, 'raw', { demo: 'blinky', origin: 'not an origin' });
  await expect.poll(() => embedState(bogus)).toBe('invalid-origin');

  const frame = await host.open(page, 'raw', { demo: 'blinky' });
  // Before the host's hello: a hello from the board's own window (not its parent) is ignored.
  await frame.evaluate(() => window.postMessage({ protocol: 'tinyml-sim', v: 1, type: 'hello', id: 'x' }, '*'));
  await expect.poll(() => ignoredCount(frame)).toBe(1);
  await connected(page);
  expect(await embedState(frame)).toBe('connected');
  const ignoredAtConnect = await ignoredCount(frame);
  await request(page, { type: 'subscribe', id: 's', payload: { events: ['led'] } });

  // After the hello, commands on the window are ignored: the parent's button press does nothing.
  await page.evaluate((board) => {
    const w = document.querySelector('iframe')!.contentWindow!;
    w.postMessage({ protocol: 'tinyml-sim', v: 1, type: 'hello', id: 'again' }, board);
    w.postMessage({ protocol: 'tinyml-sim', v: 1, type: 'reset' }, board);
  }, BOARD_ORIGIN);
  await expect.poll(() => ignoredCount(frame)).toBe(ignoredAtConnect + 2);
  expect(
    await page.evaluate(() => (window as never as { responses: Msg[] }).responses.some((r) => r.id === 'again')),
  ).toBe(false);

  // Malformed: each answered by an error event (no id) or an error response (with an id).
  for (const bad of [
    'hello',
    42,
    null,
    { protocol: 'x', v: 1, type: 'run' },
    { protocol: 'tinyml-sim', v: 2, type: 'run' },
  ])
    await post(page, bad);
  await expect.poll(async () => (await events(page, 'error')).length).toBe(5);
  expect((await events(page, 'error')).every((e) => (e.payload as { code: string }).code === 'malformed')).toBe(true);
  expect(await request(page, { type: 'explode', id: 'e1' })).toMatchObject({ ok: false, error: { code: 'malformed' } });
  expect(await request(page, { type: 'button', id: 'e2', payload: { name: 'BUTTON9', pressed: true } })).toMatchObject({
    ok: false,
    error: { code: 'invalid' },
  });
  expect(await request(page, { type: 'digit', id: 'e3', payload: { pixels: [1, 2, 3] } })).toMatchObject({
    ok: false,
    error: { code: 'invalid' },
  });
  // Oversized: 300 KB of serial input.
  expect(await request(page, { type: 'serial', id: 'big', payload: { text: 'x'.repeat(300_000) } })).toMatchObject({
    ok: false,
    error: { code: 'too-large' },
  });

  // 10,000 in a burst: the first ones are answered, the rest dropped with a rate-limited error event.
  await page.evaluate(() => {
    const port = (window as never as { port: MessagePort }).port;
    for (let i = 0; i < 10_000; i++)
      port.postMessage({ protocol: 'tinyml-sim', v: 1, type: 'get', id: `b${i}`, payload: { what: 'leds' } });
  });
  await expect
    .poll(async () =>
      (await events(page, 'error')).some((e) => (e.payload as { code: string }).code === 'rate-limited'),
    )
    .toBe(true);
  const answered = await page.evaluate(
    () => (window as never as { responses: Msg[] }).responses.filter((r) => String(r.id).startsWith('b')).length,
  );
  expect(answered).toBeGreaterThan(0);
  expect(answered).toBeLessThan(1_000);

  // The board runs on: LED1 keeps toggling every 500 ms of virtual time, and it still answers.
  const ledTimes = async () => (await events(page, 'led')).map((e) => (e.payload as { timeUs: number }).timeUs);
  const seen = (await ledTimes()).length;
  await expect.poll(async () => (await ledTimes()).length).toBeGreaterThan(seen + 2);
  const times = (await ledTimes()).slice(-3);
  // (sleep_for(500ms) plus the loop's few instructions)
  expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(500_000);
  expect(times[2]! - times[1]!).toBeLessThan(500_100);
  await expect
    .poll(async () => (await request(page, { type: 'get', id: 'after', payload: { what: 'lcd' } })).ok)
    .toBe(true);
  await nothingSaved(frame);
});

test('load: another demo, an unknown one refused, and edited files compiled and run in virtual time', async ({
  page,
}) => {
  await host.open(page, 'raw', { demo: 'button_lcd' });
  await connected(page);
  await request(page, { type: 'subscribe', id: 's', payload: { events: ['led', 'build', 'state'] } });
  expect(await request(page, { type: 'load', id: 1, payload: { demo: 'nope' } })).toMatchObject({
    ok: false,
    error: { code: 'failed', message: 'load: there is no demo "nope"' },
  });
  expect(await request(page, { type: 'load', id: 2, payload: { demo: 'blinky' } })).toMatchObject({
    ok: true,
    result: { demo: 'blinky' },
  });
  await expect.poll(async () => (await events(page, 'led')).length).toBeGreaterThan(1);

  // Blinky at 250 ms instead of 500 ms, compiled in the page.
  const shipped = (await (await fetch(`${BOARD_ORIGIN}/firmware/blinky.json`)).json()) as {
    sources: Record<string, string>;
  };
  const main = shipped.sources['main.cpp']!.replace('500ms', '250ms');
  expect(main).not.toBe(shipped.sources['main.cpp']);
  const loaded = await page.evaluate(
    (files) =>
      (window as never as { request(m: Msg): Promise<Msg> }).request({ type: 'load', id: 3, payload: { files } }),
    { 'main.cpp': main },
  );
  expect(loaded).toMatchObject({ ok: true, result: { demo: 'blinky' } });
  expect((await events(page, 'build')).map((e) => (e.payload as { phase: string }).phase)).toEqual([
    'running',
    'succeeded',
  ]);
  const times = async () =>
    (await events(page, 'led')).map((e) => e.payload as { timeUs: number }).map((p) => p.timeUs);
  const before = (await times()).length;
  await expect.poll(async () => (await times()).length).toBeGreaterThan(before + 2);
  const [a, b] = (await times()).slice(-2);
  expect(b! - a!).toBeGreaterThanOrEqual(250_000);
  expect(b! - a!).toBeLessThan(250_100);
});

test('the app serves /embed/v1/ (SDK, declarations, schema, example) to any origin', async () => {
  const get = async (file: string) => {
    const r = await fetch(`${BOARD_ORIGIN}/embed/v1/${file}`, { headers: { origin: 'https://docs.example' } });
    expect(r.status, file).toBe(200);
    expect(r.headers.get('access-control-allow-origin'), file).toBe('*');
    return r.text();
  };
  expect(await get('host.js')).toMatch(/export\s*\{/);
  expect(await get('host.d.ts')).toContain('export declare function embed(iframe: HTMLIFrameElement');
  expect(await get('types.d.ts')).toContain('export interface EventPayloads');
  const schema = JSON.parse(await get('schema.json')) as { $id: string; title: string };
  expect(schema).toMatchObject({ $id: '/embed/v1/schema.json', title: 'tinyml-sim embed API v1' });
  expect(await get('example.html')).toContain("import { embed } from './host.js'");
});

test('the example page drives its board with the SDK', async ({ page }) => {
  await page.goto('/embed/v1/example.html');
  await expect(page.getByRole('button', { name: 'Draw a 7' })).toBeEnabled();
  await expect(page.frameLocator('iframe').getByTestId('lcd')).toHaveAttribute('aria-label', 'Draw a digit');
  await page.getByRole('button', { name: 'Draw a 7' }).click();
  await page.getByRole('button', { name: /Press BUTTON1/ }).click();
  await expect(page.locator('#digit')).toHaveText(/^7 \(/);
  await expect(page.locator('#text')).toHaveText('Predicted: 7');
});

test('anomaly demo: a temperature reaches the detector, a CSV trace is loaded, a bad one is refused by line', async ({
  page,
}) => {
  await host.open(page, 'raw', { demo: 'anomaly' });
  await connected(page);
  await request(page, { type: 'subscribe', id: 's', payload: { events: ['anomaly'] } });
  const values = async () => (await events(page, 'anomaly')).map((e) => (e.payload as { value: number }).value);
  await expect.poll(async () => (await values()).length).toBeGreaterThan(0);
  expect(await request(page, { type: 'temperature', id: 't', payload: { celsius: 42.5 } })).toMatchObject({ ok: true });
  // The sensor (an SHT31) reads it to within its resolution; it is sampled once a virtual second.
  await expect.poll(async () => (await values()).at(-1)).toBeCloseTo(42.5, 1);

  const rows = Array.from({ length: 600 }, (_, i) => `${i},${(20 + Math.sin(i / 30)).toFixed(2)}`).join('\n');
  expect(await request(page, { type: 'stream', id: 'csv', payload: { csv: `t,value\n${rows}\n` } })).toMatchObject({
    ok: true,
    result: { readings: 600 },
  });
  await expect.poll(async () => Math.abs((await values()).at(-1)! - 42.5)).toBeGreaterThan(10);
  const bad = await request(page, { type: 'stream', id: 'bad', payload: { csv: 't,value\n0,20\n1,warm\n' } });
  expect(bad).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('line 3') } });
});
