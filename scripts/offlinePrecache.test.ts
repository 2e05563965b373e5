// The precache plugin on a small real project built by Vite: what it lists, with which hashes, and when the version
// changes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrecacheManifest } from '../src/offline/precacheManifest';
import { buildManifest, offlinePrecache, sha256, withManifest } from './offlinePrecache';

const SERVICE_WORKER = fileURLToPath(new URL('../src/offline/serviceWorker.ts', import.meta.url));

const SOURCES: Record<string, string> = {
  'index.html': '<!doctype html><script type="module" src="/main.ts"></script>',
  'main.ts': [
    "new Worker(new URL('./eager.worker.ts', import.meta.url), { type: 'module' });",
    "document.onclick = () => new Worker(new URL('./lazy.worker.ts', import.meta.url), { type: 'module' });",
    "void import('./later.ts');",
  ].join('\n'),
  'later.ts': "export const later = 'later';",
  'eager.worker.ts': "import { shared } from './shared.ts';\npostMessage(shared);",
  'lazy.worker.ts': [
    "import { shared } from './shared.ts';",
    "void fetch(new URL('./vendor/compiler/core.wasm', import.meta.url));",
    "void fetch(new URL('./lazy-data.bin', import.meta.url));",
    'postMessage(shared);',
  ].join('\n'),
  'shared.ts': "export const shared = 'x'.repeat(4000);",
  'vendor/compiler/core.wasm': 'compiler bytes '.repeat(400),
  'lazy-data.bin': 'data the lazy worker reads '.repeat(400),
  'public/firmware/index.json': '["blinky"]',
  'public/sdk/libmbed.a': '!<arch>\n',
};

let root: string;

function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function buildFixture(outDir: string): Promise<{ manifest: PrecacheManifest; sw: string }> {
  const offline = offlinePrecache({
    serviceWorker: SERVICE_WORKER,
    onDemandWorkers: /\/lazy\.worker\.ts$/,
    ownCache: /(^|\/)vendor\/compiler\//,
  });
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [offline.app],
    // Assets are emitted as files whatever their size, as the app's are.
    build: { outDir: join(root, outDir), emptyOutDir: true, assetsInlineLimit: 0 },
    worker: { format: 'es', plugins: () => [offline.worker()] },
  });
  const sw = readFileSync(join(root, outDir, 'sw.js'), 'utf8');
  const json = sw.slice(sw.indexOf('=') + 1, sw.indexOf(';\n'));
  return { manifest: JSON.parse(json) as PrecacheManifest, sw };
}

describe('offlinePrecache', () => {
  let first: { manifest: PrecacheManifest; sw: string };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'offline-precache-'));
    write(SOURCES);
    first = await buildFixture('dist-a');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('precaches the page, its chunks, the eager worker and the public files, each with its SHA-256', () => {
    const paths = first.manifest.precache.map((e) => e.path);
    expect(paths).toContain('index.html');
    expect(paths).toContain('firmware/index.json');
    expect(paths).toContain('sdk/libmbed.a');
    expect(paths.some((p) => /^assets\/later-.*\.js$/.test(p))).toBe(true);
    expect(paths.some((p) => /^assets\/eager\.worker-.*\.js$/.test(p))).toBe(true);
    expect(paths).not.toContain('sw.js');
    for (const e of first.manifest.precache) {
      const bytes = readFileSync(join(root, 'dist-a', e.path));
      expect({ path: e.path, sha256: e.sha256, bytes: e.bytes }).toEqual({
        path: e.path,
        sha256: sha256(bytes),
        bytes: bytes.length,
      });
    }
  });

  it("stores the on-demand worker's files on first use and leaves its own-cache assets out", () => {
    const { onDemand, precache } = first.manifest;
    expect(onDemand.map((e) => e.name).sort()).toEqual(['lazy-data.bin', 'lazy.worker']);
    expect(onDemand.map((e) => e.path).sort()).toEqual([
      expect.stringMatching(/^assets\/lazy-data-[\w-]+\.bin$/),
      expect.stringMatching(/^assets\/lazy\.worker-[\w-]+\.js$/),
    ]);
    const all = [...onDemand.map((e) => e.path), ...precache.map((e) => e.path)];
    expect(all.filter((p) => p.includes('core'))).toEqual([]);
  });

  it('writes sw.js as one script that reads the manifest from its first line', () => {
    expect(first.sw.startsWith('self.__TINYML_PRECACHE__={')).toBe(true);
    expect(first.sw).not.toMatch(/\bimport\s*[({'"]|\bimport\s+\w|\bexport\s/);
    expect(first.sw).toContain(first.manifest.version);
  });

  it('gives the same version for the same sources, another when one public file changes', async () => {
    expect((await buildFixture('dist-b')).manifest.version).toBe(first.manifest.version);
    write({ 'public/firmware/index.json': '["blinky","mnist"]' });
    const changed = await buildFixture('dist-c');
    expect(changed.manifest.version).not.toBe(first.manifest.version);
    expect(changed.manifest.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('buildManifest', () => {
  it('sorts the files and derives the version from their hashes', () => {
    const m = buildManifest(
      [
        { path: 'b.js', bytes: 'b' },
        { path: 'a.js', bytes: new Uint8Array([1, 2, 3]) },
      ],
      [{ path: 'z-1.js', name: 'z' }],
    );
    expect(m.precache.map((e) => [e.path, e.bytes])).toEqual([
      ['a.js', 3],
      ['b.js', 1],
    ]);
    expect(m.precache[1].sha256).toBe('3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d');
    expect(buildManifest([{ path: 'b.js', bytes: 'c' }], m.onDemand).version).not.toBe(m.version);
  });

  it('puts the manifest in front of the code', () => {
    const m = buildManifest([], []);
    expect(withManifest('run();', m)).toBe(`self.__TINYML_PRECACHE__=${JSON.stringify(m)};\nrun();`);
  });
});
