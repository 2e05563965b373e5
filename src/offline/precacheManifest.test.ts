import { describe, expect, it } from 'vitest';
import {
  obsoleteCaches,
  olderOnDemandCaches,
  olderPrecaches,
  onDemandCacheName,
  onDemandCarryOver,
  precacheCacheName,
  versionSource,
} from './precacheManifest';
import { isFromServiceWorker } from './protocol';

describe('cache names', () => {
  const names = [
    'yowasp-clang-21.1.4-3',
    precacheCacheName('aaaa'),
    onDemandCacheName('aaaa'),
    precacheCacheName('bbbb'),
    onDemandCacheName('bbbb'),
    'someone-elses-cache',
  ];

  it("deletes other builds' caches and keeps this build's, the compiler's and foreign ones", () => {
    expect(obsoleteCaches(names, 'bbbb')).toEqual(['tinyml-sim-precache-aaaa', 'tinyml-sim-on-demand-aaaa']);
    expect(obsoleteCaches(names, 'cccc')).toHaveLength(4);
  });

  it("lists older builds' caches to reuse unchanged files from", () => {
    expect(olderPrecaches(names, 'bbbb')).toEqual(['tinyml-sim-precache-aaaa']);
    expect(olderOnDemandCaches(names, 'bbbb')).toEqual(['tinyml-sim-on-demand-aaaa']);
  });
});

describe('versionSource', () => {
  const a = { path: 'index.html', sha256: '11', bytes: 1 };
  const b = { path: 'assets/x.js', sha256: '22', bytes: 2 };
  const c = { path: 'assets/c-1.js', name: 'c' };
  const d = { path: 'assets/d-1.js', name: 'd' };

  it('does not depend on the order of the files', () => {
    expect(versionSource([a, b], [c, d])).toBe(versionSource([b, a], [d, c]));
  });

  it('changes with any content hash, path or on-demand file', () => {
    const base = versionSource([a, b], [c]);
    expect(versionSource([{ ...a, sha256: '33' }, b], [c])).not.toBe(base);
    expect(versionSource([{ ...a, path: 'other.html' }, b], [c])).not.toBe(base);
    expect(versionSource([a, b], [d])).not.toBe(base);
    // A file moved from the precache to on demand is another build.
    expect(versionSource([a], [{ path: 'assets/x.js', name: 'x' }, c])).not.toBe(base);
  });
});

describe('onDemandCarryOver', () => {
  const build = [
    { path: '/assets/compiler.worker-new.js', name: 'compiler.worker' },
    { path: '/assets/firmwareBuilder-same.js', name: 'firmwareBuilder' },
    { path: '/assets/ts.worker-new.js', name: 'ts.worker' },
  ];

  it('copies files kept under the same path and downloads the renamed ones that were used', () => {
    const stored = [
      { path: '/assets/compiler.worker-old.js', name: 'compiler.worker' },
      { path: '/assets/firmwareBuilder-same.js', name: 'firmwareBuilder' },
      { path: '/assets/gone-old.js', name: 'gone' },
    ];
    expect(onDemandCarryOver(build, stored)).toEqual({
      copy: ['/assets/firmwareBuilder-same.js'],
      download: ['/assets/compiler.worker-new.js'],
    });
  });

  it('downloads nothing that was never used, and copies a file two older builds kept once', () => {
    expect(onDemandCarryOver(build, [])).toEqual({ copy: [], download: [] });
    const twice = [
      { path: '/assets/firmwareBuilder-same.js', name: 'firmwareBuilder' },
      { path: '/assets/firmwareBuilder-same.js', name: null },
    ];
    expect(onDemandCarryOver(build, twice)).toEqual({ copy: ['/assets/firmwareBuilder-same.js'], download: [] });
  });
});

describe('isFromServiceWorker', () => {
  it("accepts the worker's messages", () => {
    expect(isFromServiceWorker({ type: 'offline-status', version: 'v', stored: 3, total: 3 })).toBe(true);
    expect(isFromServiceWorker({ type: 'precache-progress', version: 'v', done: 1, total: 3 })).toBe(true);
    expect(isFromServiceWorker({ type: 'precache-failed', version: 'v', message: 'HTTP 404' })).toBe(true);
  });

  it('ignores anything else', () => {
    for (const m of [
      null,
      'offline-status',
      { type: 'offline-status', version: 'v', stored: '3', total: 3 },
      { type: 'precache-progress', done: 1, total: 3 },
      { type: 'precache-failed', version: 'v' },
      { type: 'skip-waiting', version: 'v' },
      { type: 'precache-progress', version: 'v', done: 0.5, total: 3 },
    ])
      expect(isFromServiceWorker(m)).toBe(false);
  });
});
