// Finds a Chromium for the browser tests and prints its path. Order: $CHROMIUM_PATH, Playwright's own download,
// the system Chromium/Chrome; as root on Debian/Ubuntu, installs Debian's chromium with apt-get. Otherwise it
// says what to do and exits 1.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const say = (m) => process.stderr.write(`${m}\n`);

async function playwrightOwn() {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];
const system = () => SYSTEM.find((p) => existsSync(p));

function aptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  say("No Chromium found: installing Debian's chromium with apt-get (one time)…");
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return true;
  } catch (e) {
    say(`apt-get install chromium failed: ${e.message}`);
    return false;
  }
}

const fromEnv =
  process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
let found = fromEnv ?? (await playwrightOwn()) ?? system();
if (!found && aptInstall()) found = system();
if (!found) {
  say(
    [
      'The browser tests need Chromium and none was found.',
      'Do one of these, then run the tests again:',
      '  - Debian/Ubuntu:  sudo apt-get install chromium',
      '  - any OS:         npx playwright install chromium',
      '  - or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    ].join('\n'),
  );
  process.exit(1);
}
process.stdout.write(found);
