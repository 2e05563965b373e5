// Test helper: builds firmware from inline sources with the real toolchain (Node), memoised per source text.
import { readFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';
import type { SdkManifest } from '../../shared/manifests';
import type { ClangCommands } from '../clangCommands';
import { buildFirmware, type Sdk } from '../firmwareBuilder';

const abiHeader = readFileSync(new URL('../../../wasm/include/sim_abi.h', import.meta.url), 'utf8');
const cache = new Map<string, Promise<Uint8Array>>();

function build(sdk: Sdk, sources: Record<string, string>): Promise<Uint8Array> {
  const key = JSON.stringify([Object.keys(sdk.libraries), sources]);
  let p = cache.get(key);
  if (!p) {
    p = buildFirmware(commands as unknown as ClangCommands, sdk, sources).then((r) => {
      if (!r.ok) throw new Error(`test firmware failed to build:\n${r.log}`);
      return r.wasm;
    });
    cache.set(key, p);
  }
  return p;
}

/** Compiles a firmware that talks to sim_abi.h directly (no Mbed library). */
export function compileBareFirmware(source: string): Promise<Uint8Array> {
  return build({ headers: { 'include/sim_abi.h': abiHeader }, libraries: {} }, { 'main.c': source });
}

let sdk: Sdk | undefined;

/** The SDK that `npm run build:firmware` wrote to public/sdk (Vitest builds it first). */
export function sdkForTest(): Sdk {
  if (!sdk) {
    const dir = new URL('../../../public/sdk/', import.meta.url);
    const manifest = JSON.parse(readFileSync(new URL('sdk.json', dir), 'utf8')) as SdkManifest;
    const libraries = Object.fromEntries(
      manifest.libraries.map((l) => [l, new Uint8Array(readFileSync(new URL(l, dir)))]),
    );
    sdk = { headers: manifest.headers, libraries };
  }
  return sdk;
}

/** Compiles a C++ firmware against the SDK. */
export function compileSdkFirmware(source: string): Promise<Uint8Array> {
  return build(sdkForTest(), { 'main.cpp': source });
}
