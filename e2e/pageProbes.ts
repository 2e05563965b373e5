// Measurements of the page that the browser tests assert and the benchmarks print: one definition for both.
import type { Page } from '@playwright/test';

/**
 * Pause, wait until the board says so, resume: the round trip of a click through the worker, ms. The page-side code
 * is a string so that it runs as written whatever transpiles this file (tsx's helpers do not exist in the page).
 * Changes are seen the moment the DOM changes (a MutationObserver), not at the next frame.
 */
const CLICK_ROUND_TRIP = `new Promise((resolve) => {
  const speed = document.querySelector('[data-testid="speed-pct"]');
  const when = (done, then) => {
    if (done()) return then();
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      then();
    });
    observer.observe(speed, { childList: true, characterData: true, subtree: true });
  };
  const t0 = performance.now();
  document.querySelector('[data-testid="pause"]').click();
  when(() => speed.textContent === 'paused', () => {
    const ms = performance.now() - t0;
    document.querySelector('[data-testid="resume"]').click();
    when(() => speed.textContent !== 'paused', () => resolve(ms));
  });
})`;

export function clickRoundTripMs(page: Page): Promise<number> {
  return page.evaluate(CLICK_ROUND_TRIP) as Promise<number>;
}

/** The page's JS heap after a garbage collection, MB. */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

/** Starts keeping the longest main-thread task the page sees from now on (wall time, `longtask` entries ≥ 50 ms). */
export function watchLongestTask(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    window.__longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longestTaskMs = Math.max(window.__longestTaskMs, e.duration);
    }).observe({ type: 'longtask' });
  })()`) as Promise<void>;
}

/** The longest task since watchLongestTask, ms of wall time (0: none of 50 ms or more). */
export function longestTaskMs(page: Page): Promise<number> {
  return page.evaluate('window.__longestTaskMs') as Promise<number>;
}
