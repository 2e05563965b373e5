// Fast-forward of every demo for a minute, measured in the page: the longest main-thread task, messages per second
// from the firmware worker, the page's JS heap and the renderer's resident memory before and after, and the click
// round trip (Pause clicked → the board shows "paused").
import { readFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';
import { clickRoundTripMs, heapMb } from '../e2e/pageProbes';
import type { BrowserSession } from './browser';

const FAST_FORWARD_S = Number(process.env.BENCH_FF_SECONDS) || 60;

// Page scripts are passed as text: tsx would wrap named functions in helpers the page does not have.

/** Counts messages from the firmware worker, from the first script on. */
const COUNT_WORKER_MESSAGES = `
  window.fwMessages = 0;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (options && options.name === 'firmware') this.addEventListener('message', () => window.fwMessages++);
    }
  };
`;

/** The renderer processes' resident memory, MB (Linux: from /proc). */
async function rendererRssMb(cdp: CDPSession): Promise<number> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  let kb = 0;
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
    if (m) kb += Number(m[1]);
  }
  return kb / 1024;
}

export async function benchFlow(session: BrowserSession): Promise<string[]> {
  const demos = (
    JSON.parse(readFileSync(new URL('../public/firmware/index.json', import.meta.url), 'utf8')) as { name: string }[]
  ).map((d) => d.name);
  const browser = session.page.context().browser()!;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(COUNT_WORKER_MESSAGES);
  const browserCdp = await browser.newBrowserCDPSession();
  const lines = [
    `fast-forward for ${FAST_FORWARD_S} s per demo, measured in the page:`,
    `  ${'demo'.padEnd(12)} ${'longest task'.padStart(12)} ${'msgs/s'.padStart(7)} ${'JS heap MB'.padStart(14)} ${'renderer MB'.padStart(14)} ${'click ms'.padStart(9)}`,
  ];
  try {
    for (const demo of demos) {
      await page.goto(`${session.url}/?demo=${demo}&view=board`);
      await page
        .getByTestId('speed-pct')
        .and(page.locator(':text-matches("^×|paused|exited|faulted")'))
        .waitFor({ timeout: 30_000 });
      const spins = demo === 'busy_loop';
      if (!spins) await page.getByTestId('replay-speed').selectOption('fast');
      const heap0 = await heapMb(page);
      const rss0 = await rendererRssMb(browserCdp);
      await page.evaluate(() => {
        const w = window as unknown as { longest: number; fwMessages: number; messages0: number; t0: number };
        w.longest = 0;
        new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => (w.longest = Math.max(w.longest, e.duration))),
        ).observe({ type: 'longtask' });
        w.messages0 = w.fwMessages;
        w.t0 = performance.now();
      });
      await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), FAST_FORWARD_S * 1000);
      const { longest, perSecond } = await page.evaluate(() => {
        const w = window as unknown as { longest: number; fwMessages: number; messages0: number; t0: number };
        return { longest: w.longest, perSecond: ((w.fwMessages - w.messages0) * 1000) / (performance.now() - w.t0) };
      });
      const click = spins ? NaN : await clickRoundTripMs(page);
      const heap1 = await heapMb(page);
      const rss1 = await rendererRssMb(browserCdp);
      const mb = (a: number, b: number) => `${a.toFixed(0)} → ${b.toFixed(0)}`.padStart(14);
      lines.push(
        `  ${demo.padEnd(12)} ${`${longest.toFixed(0)} ms`.padStart(12)} ${perSecond.toFixed(0).padStart(7)} ${mb(heap0, heap1)} ${mb(rss0, rss1)} ${(spins ? '(spins)' : click.toFixed(0)).padStart(9)}`,
      );
    }
  } finally {
    await browserCdp.detach();
    await context.close();
  }
  lines.push('  (longest task: 0 means none of ≥ 50 ms; busy_loop spins without yielding, so it is measured at ×1)');
  return lines;
}
