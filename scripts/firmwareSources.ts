// Where the firmware sources live in the repository, read into the flat maps the builder takes.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const WASM_DIR = join(ROOT, 'wasm');

/** Every file below `dir` whose name matches, keyed by its path relative to `dir`. */
export function readTree(dir: string, match: RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (match.test(name)) out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const HEADER = /\.(h|hpp|inc)$/;
const SOURCE = /\.(cpp|cc|c|h|hpp|inc)$/;

/** SDK headers keyed by their path inside the compiler's sdk/ folder (see SDK_INCLUDE_DIRS). */
export function sdkHeaders(): Record<string, string> {
  const prefix = (p: string, files: Record<string, string>) =>
    Object.fromEntries(Object.entries(files).map(([k, v]) => [`${p}/${k}`, v]));
  return {
    ...prefix('include', readTree(join(WASM_DIR, 'include'), HEADER)),
    ...prefix('mbed/include', readTree(join(WASM_DIR, 'mbed/include'), HEADER)),
    ...prefix('nn/include', readTree(join(WASM_DIR, 'nn/include'), HEADER)),
    ...prefix('models/include', readTree(join(WASM_DIR, 'models/include'), HEADER)),
    ...prefix('ota/include', readTree(join(WASM_DIR, 'ota/include'), HEADER)),
  };
}

/** The libraries of the SDK: archive name → its sources. */
export function sdkLibrarySources(): Record<string, Record<string, string>> {
  return {
    'libmbed.a': readTree(join(WASM_DIR, 'mbed/src'), SOURCE),
    'libnn.a': readTree(join(WASM_DIR, 'nn/src'), SOURCE),
    // Generated models (src/ml/codegen): prebuilt, so an app that uses one compiles only its own files.
    'libmodels.a': readTree(join(WASM_DIR, 'models/src'), SOURCE),
    // Signed model images: SHA-256, the image reader, DER→raw signatures (docs/ota.md).
    'libota.a': readTree(join(WASM_DIR, 'ota/src'), SOURCE),
  };
}

export interface AppInfo {
  name: string;
  title: string;
  description: string;
  sources: Record<string, string>;
}

export function listApps(): AppInfo[] {
  const appsDir = join(WASM_DIR, 'apps');
  return readdirSync(appsDir)
    .filter((n) => statSync(join(appsDir, n)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(appsDir, name);
      const metaPath = join(dir, 'app.json');
      const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as Partial<AppInfo>) : {};
      return { name, title: meta.title ?? name, description: meta.description ?? '', sources: readTree(dir, SOURCE) };
    });
}
