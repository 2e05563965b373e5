// Test helper: builds firmware from inline sources with the real toolchain (Node), memoised per source text.
import { readFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';
import type { SdkManifest } from '../../shared/manifests';
import type { ClangCommands } from '../clangCommands';
import { buildFirmware, type Sdk } from '../firmwareBuilder';

const abiHeader = readFileSync(new URL('../../../wasm/include/sim_abi.h', import.meta.url), 'utf8');
const cache = new Map<string, Promise<Uint8Array>>();

function build(key: string, sdk: Sdk, files: Record<string, string>): Promise<Uint8Array> {
  let p = cache.get(key);
  if (!p) {
    p = buildFirmware(commands as unknown as ClangCommands, sdk, files).then((r) => {
      if (!r.ok) throw new Error(`test firmware failed to build:\n${r.log}`);
      return r.wasm;
    });
    cache.set(key, p);
  }
  return p;
}

/** Compiles a firmware that talks to sim_abi.h directly (no Mbed library). */
export function compileBareFirmware(source: string): Promise<Uint8Array> {
  return build(`bare:${source}`, { headers: { 'include/sim_abi.h': abiHeader }, libraries: {} }, { 'main.c': source });
}

/** The SDK npm run build:firmware wrote to public/sdk (the tests' global setup builds it). */
export function builtSdk(): Sdk {
  const dir = new URL('../../../public/sdk/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('sdk.json', dir), 'utf8')) as SdkManifest;
  const libraries = Object.fromEntries(manifest.libraries.map((l) => [l, new Uint8Array(readFileSync(new URL(l, dir)))]));
  return { headers: manifest.headers, libraries };
}

/** Compiles a C++ firmware against the Mbed-style SDK, as an app is built. */
export function compileSdkFirmware(source: string): Promise<Uint8Array> {
  return build(`sdk:${source}`, builtSdk(), { 'main.cpp': source });
}
