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

export function asyncifyFirmware(wasm: Uint8Array): Uint8Array {
  const mod = binaryen.readBinary(wasm);
  mod.setFeatures(CLANG_FEATURES);
  try {
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(0);
    binaryen.setPassArgument('asyncify-imports', ASYNCIFY_IMPORTS.join(','));
    // With the optimize level set, the pass optimizes the functions it instruments; the rest is clang's -O2 output
    // already, so a whole-module optimize() after it would only double the time of every build (±1 % in size).
    mod.runPasses(['asyncify']);
    if (!mod.validate()) throw new Error('asyncify produced an invalid module');
    return mod.emitBinary();
  } finally {
    binaryen.setPassArgument('asyncify-imports', null);
    mod.dispose();
  }
}
