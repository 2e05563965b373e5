// Serves the production build and opens it in headless Chromium for the browser benchmarks.
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { execFileSync } from 'node:child_process';

export interface BrowserSession {
  page: Page;
  url: string;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
  const executablePath = execFileSync('node', ['scripts/find-browser.mjs'], { encoding: 'utf8' }).trim();
  const port = Number(process.env.BENCH_PORT) || 4174;
  const server: PreviewServer = await preview({
    preview: { port, strictPort: true, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const browser: Browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // A returning visitor: the first-visit introduction would cover the editor the benchmarks type into.
  await page.addInitScript(() => localStorage.setItem('tinyml-sim:intro-seen', '1'));
  return {
    page,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
