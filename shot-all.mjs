import { chromium } from '@playwright/test';
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const base = 'http://127.0.0.1:4291';
const shots = [
  ['full', '/?demo=mnist'],
  ['lesson', '/?lesson=blinky-virtual-time'],
  ['example', '/embed/v1/example.html'],
];
for (const [w, h] of [
  [1400, 900],
  [640, 480],
  [375, 667],
])
  for (const [name, url] of shots) {
    const ctx = await b.newContext({ viewport: { width: w, height: h } });
    const p = await ctx.newPage();
    await p.goto(base + '/');
    await p.evaluate(() => localStorage.setItem('tinyml-sim:intro-seen', '1'));
    await p.goto(base + url);
    await p.waitForTimeout(5000);
    await p.screenshot({ path: `tmp/s-${name}-${w}.png` });
    await ctx.close();
  }
await b.close();
