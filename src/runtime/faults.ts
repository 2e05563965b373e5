// Turns what stopped the firmware into the HardFault panel's message.
import { BOARD_SRAM_BYTES } from './boardMemory';

export interface Fault {
  kind: 'trap' | 'fault' | 'abi' | 'exit';
  message: string;
}

/** A firmware-requested halt (mbed error(), sim_fault, proc_exit) travels as this through the wasm stack. */
export class FirmwareHalt extends Error {
  constructor(readonly fault: Fault) {
    super(fault.message);
  }
}

export function describeTrap(e: unknown, stackPointer: number | undefined, stackTop: number): Fault {
  if (e instanceof FirmwareHalt) return e.fault;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: 'trap', message: 'Stack overflow: the call stack is exhausted (runaway recursion?)' };
  }
  if (e instanceof WebAssembly.RuntimeError) {
    // The stack sits below static data; an overflow runs past address 0 and wraps to a huge address.
    if (stackPointer !== undefined && (stackPointer <= 0 || stackPointer > stackTop)) {
      return {
        kind: 'trap',
        message: `Stack overflow: ${e.message} (stack pointer 0x${(stackPointer >>> 0).toString(16)})`,
      };
    }
    const hint: Record<string, string> = {
      unreachable: 'abort() or an unreachable instruction was executed',
      'memory access out of bounds': `a pointer outside the board's ${BOARD_SRAM_BYTES / 1024} KB of RAM was dereferenced`,
      'integer divide by zero': 'integer division by zero',
      'integer overflow': 'integer overflow in a conversion or division',
      'float unrepresentable in integer range': 'a float too large for the integer type was converted',
      'indirect call to null': 'a null function pointer was called',
    };
    const key = Object.keys(hint).find((k) => e.message.includes(k));
    return { kind: 'trap', message: key ? `${e.message}: ${hint[key]}` : e.message };
  }
  return { kind: 'trap', message: e instanceof Error ? e.message : String(e) };
}
