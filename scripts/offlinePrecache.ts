// Vite plugin: builds the service worker (src/offline/serviceWorker.ts → sw.js) and writes the build's precache
// manifest at its top — every output and public file with its SHA-256, except the files of on-demand workers (the
// compiler), which are stored on first use, and the compiler's resources, which its own cache keeps. Any changed file
// changes the manifest's version and so the bytes of sw.js: the browser sees a new service worker.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import {
  MANIFEST_GLOBAL,
  versionSource,
  type OnDemandEntry,
  type PrecacheManifest,
} from '../src/offline/precacheManifest.ts';
import { SERVICE_WORKER_FILE } from '../src/offline/protocol.ts';

export interface OfflineOptions {
  /** Absolute path of the service worker's source. */
  serviceWorker: string;
  /** Worker entry modules whose output is stored on first use instead of at install. */
  onDemandWorkers: RegExp;
  /** Assets (by the path of the file they were made from) that are neither precached nor stored by the worker. */
  ownCache: RegExp;
}

export interface BuiltFile {
  path: string;
  bytes: string | Uint8Array;
}

export const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The manifest of `files` (precached) and `onDemand` (stored on first use). */
export function buildManifest(files: readonly BuiltFile[], onDemand: readonly OnDemandEntry[]): PrecacheManifest {
  const precache = files
    .map((f) => ({ path: f.path, sha256: sha256(f.bytes), bytes: Buffer.byteLength(f.bytes) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const lazy = [...onDemand].sort((a, b) => a.path.localeCompare(b.path));
  return { version: sha256(versionSource(precache, lazy)).slice(0, 16), precache, onDemand: lazy };
}

/** sw.js: the manifest assigned to the global the service worker reads, then the worker's code. */
export const withManifest = (code: string, manifest: PrecacheManifest): string =>
  `self.${MANIFEST_GLOBAL}=${JSON.stringify(manifest)};\n${code}`;

function publicFiles(dir: string): BuiltFile[] {
  const out: BuiltFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: relative(dir, p).split(sep).join('/'), bytes: readFileSync(p) });
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return out;
}

type Role = 'precache' | 'on-demand' | 'own-cache';
const RANK: Record<Role, number> = { precache: 2, 'on-demand': 1, 'own-cache': 0 };

/**
 * `app` goes in `plugins`, `worker` in `worker.plugins`: the worker plugin sees each worker's own build and records
 * which files an on-demand worker made; a file another worker (or the page) also needs is precached.
 */
export function offlinePrecache(options: OfflineOptions): { app: Plugin; worker: () => Plugin } {
  const roles = new Map<string, Role>();
  /** Each worker file's name without its hash, as its own build knew it (the page's build sees only a file). */
  const names = new Map<string, string>();
  const assign = (file: string, role: Role) => {
    const had = roles.get(file);
    if (had === undefined || RANK[role] > RANK[had]) roles.set(file, role);
  };
  let config: ResolvedConfig;

  const worker = (): Plugin => ({
    name: 'tinyml-sim-offline-worker',
    apply: 'build',
    generateBundle(_, bundle) {
      const entry = Object.values(bundle).find((o) => o.type === 'chunk' && o.isEntry);
      const lazy =
        entry?.type === 'chunk' && !!entry.facadeModuleId && options.onDemandWorkers.test(entry.facadeModuleId);
      for (const out of Object.values(bundle)) {
        const own = out.type === 'asset' && out.originalFileNames.some((f) => options.ownCache.test(f));
        assign(out.fileName, !lazy ? 'precache' : own ? 'own-cache' : 'on-demand');
        names.set(out.fileName, (out.type === 'chunk' ? out.name : out.names[0]) ?? out.fileName);
      }
    },
  });

  const app: Plugin = {
    name: 'tinyml-sim-offline',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: options.serviceWorker, fileName: SERVICE_WORKER_FILE });
    },
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        const files: BuiltFile[] = [];
        const onDemand: OnDemandEntry[] = [];
        for (const out of Object.values(bundle)) {
          if (out.fileName === SERVICE_WORKER_FILE || out.fileName.endsWith('.map')) continue;
          const role = roles.get(out.fileName) ?? 'precache';
          if (role === 'on-demand')
            onDemand.push({ path: out.fileName, name: names.get(out.fileName) ?? out.fileName });
          else if (role === 'precache')
            files.push({ path: out.fileName, bytes: out.type === 'chunk' ? out.code : out.source });
        }
        if (config.build.copyPublicDir && config.publicDir) files.push(...publicFiles(config.publicDir));
        const sw = bundle[SERVICE_WORKER_FILE];
        if (sw?.type !== 'chunk') this.error(`${SERVICE_WORKER_FILE} was not built`);
        // A service worker is one classic script: a module it shared with the page would be a chunk to import.
        if (sw.imports.length || sw.dynamicImports.length)
          this.error(`${SERVICE_WORKER_FILE} imports ${[...sw.imports, ...sw.dynamicImports].join(', ')}`);
        sw.code = withManifest(sw.code, buildManifest(files, onDemand));
      },
    },
  };
  return { app, worker };
}
