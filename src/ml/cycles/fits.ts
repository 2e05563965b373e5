// fits.ts — does the firmware fit a board? Compares what the firmware reports with the board's flash and SRAM.
//
//   flash needed = model const data (weights, biases, scales) + firmware code
//   SRAM needed  = static RAM (which holds the arena and the preprocessing buffers) + stack high-water + heap high-water
// The firmware code size is a PROXY: the size of the WebAssembly code section (Thumb-2 code for the same sources is
// typically smaller; the simulator's suspension instrumentation makes it larger).
import type { Board } from './boards';
import type { ModelTotals } from '../../shared/telemetry/reports';

export interface MemoryNeeds {
  modelFlashBytes: number;
  codeBytes: number;
  staticRamBytes: number;
  stackBytes: number;
  heapBytes: number;
}

export interface FitVerdict {
  fits: boolean;
  flash: { needed: number; available: number; fits: boolean };
  sram: { needed: number; available: number; fits: boolean };
}

export function fitsBoard(board: Board, needs: MemoryNeeds): FitVerdict {
  const flashNeeded = needs.modelFlashBytes + needs.codeBytes;
  const sramNeeded = needs.staticRamBytes + needs.stackBytes + needs.heapBytes;
  const flash = { needed: flashNeeded, available: board.flashBytes, fits: flashNeeded <= board.flashBytes };
  const sram = { needed: sramNeeded, available: board.sramBytes, fits: sramNeeded <= board.sramBytes };
  return { fits: flash.fits && sram.fits, flash, sram };
}

/** MemoryNeeds from the firmware's "totals" telemetry and the wasm code-section size (wasmCodeBytes). */
export function needsFromTotals(
  totals: Pick<ModelTotals, 'flash_model_bytes' | 'static_ram_bytes' | 'stack_high_water' | 'heap_high_water'>,
  codeBytes: number,
): MemoryNeeds {
  return {
    modelFlashBytes: totals.flash_model_bytes,
    codeBytes,
    staticRamBytes: totals.static_ram_bytes,
    stackBytes: totals.stack_high_water,
    heapBytes: totals.heap_high_water,
  };
}

/**
 * The running firmware's needs with another model in place of its own: the model's flash instead of the
 * firmware's, and its planned arena instead of the arena the firmware provides (the rest of static RAM, the stack
 * and the heap stay as the firmware reports them).
 */
export function needsWithModel(
  totals: Pick<
    ModelTotals,
    'flash_model_bytes' | 'static_ram_bytes' | 'arena_capacity' | 'stack_high_water' | 'heap_high_water'
  >,
  codeBytes: number,
  model: { flashBytes: number; arenaBytes: number },
): MemoryNeeds {
  return {
    ...needsFromTotals(totals, codeBytes),
    modelFlashBytes: model.flashBytes,
    staticRamBytes: totals.static_ram_bytes - totals.arena_capacity + model.arenaBytes,
  };
}
