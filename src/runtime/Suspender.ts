// Asyncify bookkeeping. An import that must block calls suspend() and returns; the firmware's stack unwinds into
// the buffer the firmware exported, and run() returns false. The next run() rewinds the stack, re-entering that
// import, whose first act is resuming() — true exactly once, on that re-entry.

const STATE_NORMAL = 0;

interface AsyncifyExports {
  memory: WebAssembly.Memory;
  asyncify_start_unwind: (addr: number) => void;
  asyncify_stop_unwind: () => void;
  asyncify_start_rewind: (addr: number) => void;
  asyncify_stop_rewind: () => void;
  asyncify_get_state: () => number;
}

export class Suspender {
  private unwinding = false;
  private rewinding = false;
  private suspended = false;

  constructor(
    private readonly exports: AsyncifyExports,
    private readonly bufferAddr: number,
    private readonly bufferBytes: number,
  ) {
    if (bufferAddr % 4 !== 0 || bufferBytes < 1024) {
      throw new Error(`Suspender: firmware suspend buffer at ${bufferAddr} (${bufferBytes} B) is unusable`);
    }
  }

  get isSuspended(): boolean {
    return this.suspended;
  }

  /** Calls `entry` fresh, or rewinds into it when suspended. Returns true when `entry` ran to completion. */
  run(entry: () => unknown): boolean {
    if (this.suspended) {
      this.exports.asyncify_start_rewind(this.bufferAddr);
      this.rewinding = true;
    }
    try {
      entry();
    } catch (e) {
      this.unwinding = this.rewinding = this.suspended = false;
      throw e;
    }
    if (this.rewinding) throw new Error('Suspender: the firmware finished rewinding without re-entering an import');
    if (this.unwinding) {
      this.exports.asyncify_stop_unwind();
      this.unwinding = false;
      this.suspended = true;
      return false;
    }
    this.suspended = false;
    return true;
  }

  /** To be called first thing in every yielding import. */
  resuming(): boolean {
    if (!this.rewinding) return false;
    this.exports.asyncify_stop_rewind();
    this.rewinding = false;
    return true;
  }

  suspend(): void {
    if (this.exports.asyncify_get_state() !== STATE_NORMAL) throw new Error('Suspender: suspend() while unwinding');
    const header = new Int32Array(this.exports.memory.buffer, this.bufferAddr, 2);
    header[0] = this.bufferAddr + 8;
    header[1] = this.bufferAddr + this.bufferBytes;
    this.exports.asyncify_start_unwind(this.bufferAddr);
    this.unwinding = true;
  }
}
