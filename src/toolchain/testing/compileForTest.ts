// Test helper: builds firmware from inline sources with the real toolchain (Node), memoised per source text.
import { readFileSync } from 'node:fs';
import { commands } from '@yowasp/clang';
import type { ClangCommands } from '../clangCommands';
import { buildFirmware } from '../firmwareBuilder';

const abiHeader = readFileSync(new URL('../../../wasm/include/sim_abi.h', import.meta.url), 'utf8');
const cache = new Map<string, Promise<Uint8Array>>();

/** Compiles a firmware that talks to sim_abi.h directly (no Mbed library). */
export function compileBareFirmware(source: string): Promise<Uint8Array> {
  let p = cache.get(source);
  if (!p) {
    p = buildFirmware(commands as unknown as ClangCommands, { headers: { 'include/sim_abi.h': abiHeader }, libraries: {} }, { 'main.c': source }).then(
      (r) => {
        if (!r.ok) throw new Error(`test firmware failed to build:\n${r.log}`);
        return r.wasm;
      },
    );
    cache.set(source, p);
  }
  return p;
}
