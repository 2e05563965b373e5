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

export interface PrecacheManifest {
  /** Changes with every file's content: a new build is a new service worker and a new set of caches. */
  version: string;
  precache: PrecacheEntry[];
  /** Paths stored the first time the page fetches them (the compiler's scripts), not at install. */
  onDemand: string[];
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
export function versionSource(precache: readonly PrecacheEntry[], onDemand: readonly string[]): string {
  const lines = [...precache.map((e) => `P ${e.path} ${e.sha256}`), ...onDemand.map((p) => `D ${p}`)];
  return lines.sort().join('\n');
}
