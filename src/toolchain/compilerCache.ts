// Keeps @yowasp/clang's resources (~100 MB of LLVM wasm and headers) in Cache Storage, one cache per package
// version, so a reload compiles without downloading the compiler again.

const PREFIX = 'yowasp-clang-';

/**
 * Opens the cache of compiler `version` and deletes the caches of other versions. Undefined where there is no Cache
 * Storage (pages served over plain http from another host are not a secure context) or it refuses to open.
 */
export async function openCompilerCache(version: string): Promise<Cache | undefined> {
  if (typeof caches === 'undefined') return undefined;
  try {
    const name = PREFIX + version;
    for (const old of await caches.keys()) if (old.startsWith(PREFIX) && old !== name) await caches.delete(old);
    return await caches.open(name);
  } catch {
    return undefined;
  }
}

/** Where the bytes of a resource came from, for the progress bar. */
export type ResourceSource = 'cache' | 'network';

/** A fetch that answers from `cache` and stores what it had to download; failed responses are never stored. */
export function cachingFetch(cache: Cache, network: typeof fetch, onSource: (s: ResourceSource) => void): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const hit = await cache.match(request).catch(() => undefined);
    if (hit) {
      onSource('cache');
      return hit;
    }
    onSource('network');
    const response = await network(request);
    // Storing is best effort: a full quota must not fail the compile.
    if (response.ok) void cache.put(request, response.clone()).catch(() => undefined);
    return response;
  };
}
