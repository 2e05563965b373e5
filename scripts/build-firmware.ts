// npm run build:firmware — compiles the SDK archives and every app under wasm/apps with @yowasp/clang, writing
// public/sdk (what the in-browser compiler links against) and public/firmware (the demos). Unchanged inputs, by
// content hash, are not rebuilt.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '@yowasp/clang';
import { SIM_ABI_VERSION } from '../src/runtime/abi/abiSpec';
import type { ClangCommands } from '../src/toolchain/clangCommands';
import { buildFirmware, buildLibrary, type Sdk } from '../src/toolchain/firmwareBuilder';
import { ASYNCIFY_IMPORTS, NEVER_SUSPENDS } from '../src/toolchain/asyncify';
import { APP_COMPILE_FLAGS, COMPILE_FLAGS, linkFlags } from '../src/toolchain/flags';
import { hashFiles } from '../src/toolchain/hash';
import type { AppManifest, SdkManifest } from '../src/shared/manifests';
import { FACTORY_IMAGES } from './factoryImages';
import { listApps, ROOT, sdkHeaders, sdkLibrarySources } from './firmwareSources';

const clang = commands as unknown as ClangCommands;
const SDK_OUT = join(ROOT, 'public/sdk');
const FW_OUT = join(ROOT, 'public/firmware');
const COMPILER = `@yowasp/clang ${JSON.parse(readFileSync(join(ROOT, 'node_modules/@yowasp/clang/package.json'), 'utf8')).version}`;
const quiet = process.argv.includes('--quiet');
const log = (m: string) => quiet || console.log(m);

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

function printDiagnostics(what: string, text: string): void {
  if (text.trim()) console.error(`--- ${what} ---\n${text.trim()}`);
}

async function buildSdk(): Promise<{ sdk: Sdk; hash: string }> {
  const headers = sdkHeaders();
  const libSources = sdkLibrarySources();
  const flat = Object.fromEntries(
    Object.entries(libSources).flatMap(([lib, files]) => Object.entries(files).map(([p, c]) => [`${lib}/${p}`, c])),
  );
  const hash = await hashFiles({ ...headers, ...flat }, [COMPILER, ...COMPILE_FLAGS, String(SIM_ABI_VERSION)]);
  const previous = readJson<SdkManifest>(join(SDK_OUT, 'sdk.json'));
  const libraries: Record<string, Uint8Array> = {};
  if (previous?.hash === hash && previous.libraries.every((l) => existsSync(join(SDK_OUT, l)))) {
    for (const l of previous.libraries) libraries[l] = new Uint8Array(readFileSync(join(SDK_OUT, l)));
    log(`sdk: up to date (${hash.slice(0, 12)})`);
    return { sdk: { headers, libraries }, hash };
  }
  mkdirSync(SDK_OUT, { recursive: true });
  for (const [name, sources] of Object.entries(libSources)) {
    if (!Object.keys(sources).some((p) => /\.(cpp|cc|c)$/.test(p))) continue;
    const t0 = performance.now();
    const r = await buildLibrary(clang, headers, sources, name);
    printDiagnostics(name, r.log);
    if (!r.archive) throw new Error(`building ${name} failed`);
    libraries[name] = r.archive;
    writeFileSync(join(SDK_OUT, name), r.archive);
    log(`sdk: ${name} ${r.archive.length} bytes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const manifest: SdkManifest = {
    abiVersion: SIM_ABI_VERSION,
    hash,
    compiler: COMPILER,
    headers,
    libraries: Object.keys(libraries).sort(),
  };
  writeFileSync(join(SDK_OUT, 'sdk.json'), JSON.stringify(manifest));
  return { sdk: { headers, libraries }, hash };
}

/** Writes the app's factory image beside its wasm (signatures are deterministic: unchanged inputs, same bytes). */
async function writeFactoryImage(app: string): Promise<string | undefined> {
  const build = FACTORY_IMAGES[app];
  if (!build) return undefined;
  const name = `${app}.factory.img`;
  const image = await build();
  const path = join(FW_OUT, name);
  if (!existsSync(path) || !Buffer.from(readFileSync(path)).equals(Buffer.from(image))) {
    writeFileSync(path, image);
    log(`${app}: factory image ${image.length} bytes`);
  }
  return name;
}

async function main(): Promise<void> {
  const { sdk, hash: sdkHash } = await buildSdk();
  mkdirSync(FW_OUT, { recursive: true });
  const apps = listApps();
  for (const app of apps) {
    const hash = await hashFiles(app.sources, [
      sdkHash,
      ...COMPILE_FLAGS,
      ...APP_COMPILE_FLAGS,
      ...linkFlags(app.sources),
      ...ASYNCIFY_IMPORTS,
      ...NEVER_SUSPENDS,
    ]);
    const manifestPath = join(FW_OUT, `${app.name}.json`);
    const factoryImage = await writeFactoryImage(app.name);
    const previous = readJson<AppManifest>(manifestPath);
    if (
      previous?.hash === hash &&
      previous.factoryImage === factoryImage &&
      existsSync(join(FW_OUT, `${app.name}.wasm`))
    ) {
      log(`${app.name}: up to date`);
      continue;
    }
    const t0 = performance.now();
    const r = await buildFirmware(clang, sdk, app.sources);
    printDiagnostics(app.name, r.log);
    if (!r.ok) throw new Error(`building app ${app.name} failed`);
    writeFileSync(join(FW_OUT, `${app.name}.wasm`), r.wasm);
    const manifest: AppManifest = {
      name: app.name,
      title: app.title,
      description: app.description,
      sources: app.sources,
      wasmBytes: r.wasm.length,
      abiVersion: SIM_ABI_VERSION,
      hash,
      compiler: COMPILER,
      ...(factoryImage && { factoryImage }),
    };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    log(`${app.name}: ${r.wasm.length} bytes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const index = apps.map(({ name, title, description }) => ({ name, title, description }));
  writeFileSync(join(FW_OUT, 'index.json'), JSON.stringify(index, null, 1));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
