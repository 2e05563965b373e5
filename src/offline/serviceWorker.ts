// The app's service worker (built to sw.js by scripts/offlinePrecache.ts, which puts the build's manifest at its top).
// Install stores every precached file, each checked against its SHA-256; afterwards those files are answered from
// the cache, so a reload without network runs the demos. The compiler's scripts are stored on first use; the
// compiler's own resources (~100 MB) are left to the compiler's cache (src/toolchain/compilerCache.ts), so they are
// kept once, not twice. A new build waits until the page asks it to take over (its "new version" notice).
import {
  MANIFEST_GLOBAL,
  olderOnDemandCaches,
  olderPrecaches,
  obsoleteCaches,
  onDemandCacheName,
  onDemandCarryOver,
  precacheCacheName,
  type PrecacheEntry,
  type PrecacheManifest,
} from './precacheManifest';
import type { FromServiceWorker, ToServiceWorker } from './protocol';

const sw = self as unknown as ServiceWorkerGlobalScope & { [MANIFEST_GLOBAL]?: PrecacheManifest };
const manifest = sw[MANIFEST_GLOBAL];
if (!manifest) throw new Error('sw.js: built without its precache manifest (scripts/offlinePrecache.ts)');
const { version } = manifest;

/** Stored responses carry the SHA-256 they were checked against, so the next build reuses unchanged files. */
const HASH_HEADER = 'x-tinyml-sim-sha256';
/** On-demand responses carry their file's name, so the next build knows which of its files replace them. */
const NAME_HEADER = 'x-tinyml-sim-name';
/** Downloads at a time while installing. */
const PARALLEL = 4;

const base = new URL('./', sw.location.href);
const href = (path: string) => new URL(path, base).href;
const entries = new Map(manifest.precache.map((e) => [href(e.path), e]));
const onDemandEntries = manifest.onDemand.map((e) => ({ path: href(e.path), name: e.name }));
const onDemand = new Map(onDemandEntries.map((e) => [e.path, e.name]));
const indexHref = href('index.html');
const PRECACHE = precacheCacheName(version);
const ON_DEMAND = onDemandCacheName(version);

async function tell(message: FromServiceWorker): Promise<void> {
  for (const client of await sw.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    client.postMessage(message);
}

const hex = (digest: ArrayBuffer) =>
  Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

async function fromOlderBuild(url: string, sha256: string): Promise<Response | undefined> {
  for (const name of olderPrecaches(await caches.keys(), version)) {
    const hit = await (await caches.open(name)).match(url);
    if (hit?.headers.get(HASH_HEADER) === sha256) return hit;
  }
  return undefined;
}

async function download(entry: PrecacheEntry, url: string): Promise<Response> {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${entry.path}: HTTP ${res.status}`);
  const bytes = await res.arrayBuffer();
  // A server half way through a deploy can send another build's file under this name: storing it would break the
  // offline copy, so the install fails and is tried again on the next visit. A body the server compressed arrives
  // decoded (for a .gz file, other bytes than the build's) and cannot be checked.
  const encoded = res.headers.has('content-encoding');
  if (!encoded && hex(await crypto.subtle.digest('SHA-256', bytes)) !== entry.sha256)
    throw new Error(`${entry.path}: the server sent different bytes than this build has`);
  // Stored decoded: the headers must not say otherwise.
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  headers.set(HASH_HEADER, entry.sha256);
  return new Response(bytes, { status: res.status, statusText: res.statusText, headers });
}

/** A response as stored, with `header` added (the body is read once, here). */
async function withHeader(res: Response, header: string, value: string): Promise<Response> {
  const headers = new Headers(res.headers);
  headers.set(header, value);
  return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers });
}

/**
 * The compiler's scripts older builds stored: copied when this build has them under the same name, downloaded anew
 * when it renamed them. Best effort: what fails is fetched on first use instead.
 */
async function carryOnDemand(): Promise<void> {
  const cache = await caches.open(ON_DEMAND);
  const stored: { path: string; name: string | null; response: Response }[] = [];
  for (const name of olderOnDemandCaches(await caches.keys(), version)) {
    const older = await caches.open(name);
    for (const request of await older.keys()) {
      const response = await older.match(request);
      if (response) stored.push({ path: request.url, name: response.headers.get(NAME_HEADER), response });
    }
  }
  const { copy, download } = onDemandCarryOver(onDemandEntries, stored);
  for (const url of copy) await cache.put(url, stored.find((s) => s.path === url)!.response);
  for (const url of download) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) await cache.put(url, await withHeader(res, NAME_HEADER, onDemand.get(url)!));
  }
}

/** Stores what is missing (an interrupted install resumes where it stopped). */
async function precacheAll(): Promise<void> {
  const cache = await caches.open(PRECACHE);
  const stored = new Set((await cache.keys()).map((r) => r.url));
  const todo = [...entries].filter(([url]) => !stored.has(url));
  const total = entries.size;
  let done = total - todo.length;
  let failed = false;
  const worker = async () => {
    for (let next = todo.shift(); next && !failed; next = todo.shift()) {
      const [url, entry] = next;
      try {
        await cache.put(url, (await fromOlderBuild(url, entry.sha256)) ?? (await download(entry, url)));
      } catch (e) {
        failed = true;
        throw e;
      }
      done++;
      await tell({ type: 'precache-progress', version, done, total });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // The app works offline without them; a full quota here must not fail the install.
  await carryOnDemand().catch(() => undefined);
}

async function status(): Promise<FromServiceWorker> {
  const keys = await (await caches.open(PRECACHE)).keys();
  return {
    type: 'offline-status',
    version,
    stored: keys.filter((r) => entries.has(r.url)).length,
    total: entries.size,
  };
}

async function fromPrecache(url: string, request: Request): Promise<Response> {
  // A file the browser evicted is fetched again rather than failing the page.
  return (await (await caches.open(PRECACHE)).match(url)) ?? fetch(request);
}

async function onFirstUse(event: FetchEvent, url: string): Promise<Response> {
  const cache = await caches.open(ON_DEMAND);
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok)
    event.waitUntil(
      withHeader(response.clone(), NAME_HEADER, onDemand.get(url)!)
        .then((named) => cache.put(url, named))
        .catch(() => undefined),
    );
  return response;
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    precacheAll().catch(async (e: unknown) => {
      await tell({ type: 'precache-failed', version, message: e instanceof Error ? e.message : String(e) });
      throw e;
    }),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of obsoleteCaches(await caches.keys(), version)) await caches.delete(name);
      // The first visit's page becomes controlled now, so the compiler's scripts it loads are stored for offline.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  if (entries.has(key)) event.respondWith(fromPrecache(key, request));
  else if (request.mode === 'navigate' && key === base.href) event.respondWith(fromPrecache(indexHref, request));
  else if (onDemand.has(key)) event.respondWith(onFirstUse(event, key));
  // Anything else (the compiler's resources, the fleet's API) goes to the network as if there were no worker.
});

sw.addEventListener('message', (event) => {
  const message = event.data as Partial<ToServiceWorker> | null;
  if (message?.type === 'skip-waiting') void sw.skipWaiting();
  else if (message?.type === 'offline-status') event.waitUntil(status().then((s) => event.ports[0]?.postMessage(s)));
});
