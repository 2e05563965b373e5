// Post-link pass: binaryen's asyncify lets the firmware suspend inside the yielding sim_* imports (sleep, GPIO, ...)
// and resume later, so a blocking Mbed call returns control to the worker's event loop while virtual time passes.
// Only functions that can reach a yielding import are instrumented, so the NN kernels run at full speed.
import binaryen from 'binaryen';
import { YIELDING_IMPORTS } from '../runtime/abi/abiSpec';
import { YIELDING_WASI_IMPORTS } from '../runtime/abi/wasiShim';

/** The imports the firmware may suspend in, as asyncify names them. */
export const ASYNCIFY_IMPORTS = [
  ...YIELDING_IMPORTS.map((n) => `env.${n}`),
  ...YIELDING_WASI_IMPORTS.map((n) => `wasi_snapshot_preview1.${n}`),
];

/**
 * Functions asyncify would instrument only because they make an indirect call (or call a function that does), though
 * none can reach a yielding import. Instrumented, every caller is instrumented too: the ubsan checks in each app
 * function and the snprintf in a report would drag most of an app in, and the build would spend twice the time.
 */
export const NEVER_SUSPENDS = [
  // libnn.a: its ops dispatch through virtual calls to its own kernels; it includes only its own headers and the
  // C/C++ library (wasm/tests/sdk/nnNeverSuspends.test.ts), so nothing in it reaches the simulator.
  'nn::*',
  // vsnprintf and snprintf write to a buffer through musl's string FILE, never to a file descriptor.
  '*snprintf',
  // Halt the board: sim_fault does not yield, then the handler traps.
  '__ubsan_handle_*',
  'sim_rt::fault*',
];

// What clang emits for wasm32 with -msimd128; "All" would also switch on newer binary encodings browsers reject.
const F = binaryen.Features;
const CLANG_FEATURES =
  F.MutableGlobals |
  F.NontrappingFPToInt |
  F.SIMD128 |
  F.BulkMemory |
  F.BulkMemoryOpt |
  F.SignExt |
  F.ReferenceTypes |
  F.Multivalue |
  F.CallIndirectOverlong;

/** The patterns (`*` matches any run of characters) that name at least one function of the module. */
function presentPatterns(mod: binaryen.Module, patterns: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < mod.getNumFunctions(); i++) names.push(binaryen.getFunctionInfo(mod.getFunctionByIndex(i)).name);
  return patterns.filter((p) => {
    const re = new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`);
    return names.some((n) => re.test(n));
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function asyncifyFirmware(wasm: Uint8Array): Uint8Array {
  const mod = binaryen.readBinary(wasm);
  mod.setFeatures(CLANG_FEATURES);
  try {
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(0);
    binaryen.setPassArgument('asyncify-imports', ASYNCIFY_IMPORTS.join(','));
    // Only patterns this module has a function for: binaryen warns on the console about the others.
    binaryen.setPassArgument('asyncify-removelist', presentPatterns(mod, NEVER_SUSPENDS).join(','));
    // With the optimize level set, the pass optimizes the functions it instruments; the rest is clang's -O2 output
    // already, so a whole-module optimize() after it would only double the time of every build (±1 % in size).
    mod.runPasses(['asyncify']);
    if (!mod.validate()) throw new Error('asyncify produced an invalid module');
    return mod.emitBinary();
  } finally {
    binaryen.setPassArgument('asyncify-imports', null);
    binaryen.setPassArgument('asyncify-removelist', null);
    mod.dispose();
  }
}
