// wasmCode.ts — sizes of a WebAssembly module's sections, for the firmware-code flash proxy.

export interface WasmSizes {
  /** Bytes of the code section (function bodies). */
  codeBytes: number;
  /** Bytes of active data segments (initial memory contents). */
  dataBytes: number;
  totalBytes: number;
}

export function wasmSizes(bytes: Uint8Array): WasmSizes {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('wasmCode: not a WebAssembly module');
  }
  let p = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++]!;
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  let codeBytes = 0;
  let dataBytes = 0;
  while (p < bytes.length) {
    const id = bytes[p++]!;
    const size = leb();
    const end = p + size;
    if (id === 10) codeBytes = size;
    if (id === 11) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const flags = leb();
        if (flags === 0 || flags === 2) {
          if (flags === 2) leb(); // memory index
          // offset expression: i32.const <sleb> | i64.const <sleb> | global.get <idx>, then `end`
          const op = bytes[p++];
          if (op !== 0x41 && op !== 0x42 && op !== 0x23)
            throw new Error(`wasmCode: unsupported offset expression 0x${op?.toString(16)}`);
          while (bytes[p++]! & 0x80);
          if (bytes[p++] !== 0x0b) throw new Error('wasmCode: malformed offset expression');
        }
        const len = leb();
        dataBytes += len;
        p += len;
      }
    }
    p = end;
  }
  return { codeBytes, dataBytes, totalBytes: bytes.length };
}
