// op.ts — the operator base: prepare-time Context (persistent allocations, errors) and per-op figures (OpStats).
// Twin of wasm/nn/include/nn/op.h + wasm/nn/src/op.cc. Errors are thrown as `Error("<Op>#<index>: <message>")` like
// the C++ Context::Fail messages.

import type { Tensor } from '../tensor';

/** Prepare-time services: persistent allocations (accounted like the C++ arena's top region) and errors. */
export class Context {
  persistentBytes = 0;
  private opName = '';
  private opIndex = -1;

  beginOp(name: string, index: number): void {
    this.opName = name;
    this.opIndex = index;
  }
  /** Int32 storage that C++ takes from the arena's persistent region (16-byte rounded). */
  allocateInt32(count: number): Int32Array {
    this.persistentBytes += Math.ceil((count * 4) / 16) * 16;
    return new Int32Array(count);
  }
  fail(message: string): never {
    throw new Error(this.opIndex >= 0 ? `${this.opName}#${this.opIndex}: ${message}` : message);
  }
}

export interface OpStats {
  kernel: string;
  macs: number;
  weightBytes: number;
  biasBytes: number;
  scaleBytes: number;
  multiplierBytes: number;
}

export function emptyStats(): OpStats {
  return { kernel: 'reference', macs: 0, weightBytes: 0, biasBytes: 0, scaleBytes: 0, multiplierBytes: 0 };
}

export abstract class Op {
  abstract readonly name: string;
  readonly inputs: readonly (Tensor | null)[];
  readonly output: Tensor;

  protected constructor(inputs: (Tensor | null)[], output: Tensor) {
    this.inputs = inputs;
    this.output = output;
  }
  abstract prepare(ctx: Context): void;
  abstract eval(): void;
  stats(): OpStats {
    return emptyStats();
  }
}
