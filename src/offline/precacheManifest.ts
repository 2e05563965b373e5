// The precache manifest the build (scripts/offlinePrecache.ts) writes into sw.js, and the service worker's cache
// names. Only the service worker imports it at run time: a module the page shared would be split into a chunk that
// sw.js had to import.

/** A file stored at install, with the SHA-256 of its bytes as built (checked before it is stored). */
export interface PrecacheEntry {
  /** Relative to the app's base URL (where sw.js sits), e.g. `index.html`, `assets/index-Ab12.js`. */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * A file stored the first time the page fetches it. `name` is its name without the build's hash (`firmwareBuilder`
 * for `assets/firmwareBuilder-Ab12.js`): a later build's file of that name replaces it.
 */
export interface OnDemandEntry {
  path: string;
  name: string;
}

export interface PrecacheManifest {
  /** Changes with every file's content: a new build is a new service worker and a new set of caches. */
  version: string;
  precache: PrecacheEntry[];
  /** Paths stored the first time the page fetches them (the compiler's scripts), not at install. */
  onDemand: OnDemandEntry[];
}

/** The global the build assigns the manifest to at the top of sw.js. */
export const MANIFEST_GLOBAL = '__TINYML_PRECACHE__';

const PRECACHE_PREFIX = 'tinyml-sim-precache-';
const ON_DEMAND_PREFIX = 'tinyml-sim-on-demand-';

export const precacheCacheName = (version: string): string => PRECACHE_PREFIX + version;
export const onDemandCacheName = (version: string): string => ON_DEMAND_PREFIX + version;

/**
 * The caches of other builds' service workers, to delete once `version` is active. Caches this service worker does
 * not own (the compiler's `yowasp-clang-<version>`, which has its own lifecycle) are never listed.
 */
export function obsoleteCaches(names: readonly string[], version: string): string[] {
  const keep = new Set([precacheCacheName(version), onDemandCacheName(version)]);
  return names.filter((n) => (n.startsWith(PRECACHE_PREFIX) || n.startsWith(ON_DEMAND_PREFIX)) && !keep.has(n));
}

/** Older builds' precaches: any of them may hold files this build did not change. */
export const olderPrecaches = (names: readonly string[], version: string): string[] =>
  names.filter((n) => n.startsWith(PRECACHE_PREFIX) && n !== precacheCacheName(version));

/** Older builds' on-demand caches: the compiler's scripts outlive an app update when their names did not change. */
export const olderOnDemandCaches = (names: readonly string[], version: string): string[] =>
  names.filter((n) => n.startsWith(ON_DEMAND_PREFIX) && n !== onDemandCacheName(version));

/** The text the version is derived from: every stored path with its content hash, in a fixed order. */
export function versionSource(precache: readonly PrecacheEntry[], onDemand: readonly OnDemandEntry[]): string {
  const lines = [...precache.map((e) => `P ${e.path} ${e.sha256}`), ...onDemand.map((e) => `D ${e.path} ${e.name}`)];
  return lines.sort().join('\n');
}

/**
 * What a new build does with the on-demand files older builds stored (`stored`: their paths and names): it copies
 * those it has under the same path and downloads its own version of those it renamed, so a compiler used here
 * before the update still compiles offline after it.
 */
export function onDemandCarryOver(
  entries: readonly OnDemandEntry[],
  stored: readonly { path: string; name: string | null }[],
): { copy: string[]; download: string[] } {
  const paths = new Set(entries.map((e) => e.path));
  const copy = [...new Set(stored.map((s) => s.path).filter((p) => paths.has(p)))];
  const used = new Set(stored.map((s) => s.name));
  const kept = new Set(copy);
  const download = entries.filter((e) => used.has(e.name) && !kept.has(e.path)).map((e) => e.path);
  return { copy, download };
}
