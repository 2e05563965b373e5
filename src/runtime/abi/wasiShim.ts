// The few WASI preview1 functions wasi-libc needs in a reactor: console output, exit, clocks (virtual), random
// (seeded, so runs repeat exactly). Anything else answers ENOSYS and is reported once by name.

const ESUCCESS = 0;
const EBADF = 8;
const ENOSYS = 52;
const ESPIPE = 70;
const FILETYPE_CHARACTER_DEVICE = 2;

/** WASI imports that are yield points like the SIM_YIELD_IMPORTs: console output, so a print loop can be paused. */
export const YIELDING_WASI_IMPORTS = ['fd_write'] as const;

export interface WasiHost {
  memory(): WebAssembly.Memory;
  /** The simulator's yield point; true when the firmware must unwind now (see Simulator.yieldPoint). */
  yieldPoint(): boolean;
  /** fd 1 and 2. */
  writeConsole(bytes: Uint8Array): void;
  /** fd 0, non-blocking: returns what is waiting (possibly nothing). */
  readConsole(maxBytes: number): Uint8Array;
  nowUs(): number;
  exit(code: number): never;
  warn(message: string): void;
}

export function createWasiImports(
  host: WasiHost,
  importedNames: string[],
): Record<string, (...args: never[]) => unknown> {
  const view = () => new DataView(host.memory().buffer);
  const bytes = (ptr: number, len: number) => new Uint8Array(host.memory().buffer, ptr, len);
  let seed = 0x2545f491;
  const warned = new Set<string>();

  const known: Record<string, (...args: never[]) => unknown> = {
    fd_write(fd: number, iovs: number, iovsLen: number, nwritten: number): number {
      if (fd !== 1 && fd !== 2) return EBADF;
      if (host.yieldPoint()) return ESUCCESS; // unwinding: the write happens when the firmware is rewound here
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view().getUint32(iovs + i * 8, true);
        const len = view().getUint32(iovs + i * 8 + 4, true);
        host.writeConsole(bytes(ptr, len));
        total += len;
      }
      view().setUint32(nwritten, total, true);
      return ESUCCESS;
    },
    fd_read(fd: number, iovs: number, iovsLen: number, nread: number): number {
      if (fd !== 0) return EBADF;
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view().getUint32(iovs + i * 8, true);
        const len = view().getUint32(iovs + i * 8 + 4, true);
        const got = host.readConsole(len);
        bytes(ptr, got.length).set(got);
        total += got.length;
        if (got.length < len) break;
      }
      view().setUint32(nread, total, true);
      return ESUCCESS;
    },
    fd_close: (): number => ESUCCESS,
    fd_seek: (): number => ESPIPE,
    fd_fdstat_get(fd: number, out: number): number {
      if (fd > 2) return EBADF;
      const v = view();
      v.setUint8(out, FILETYPE_CHARACTER_DEVICE);
      v.setUint16(out + 2, 0, true);
      v.setBigUint64(out + 8, 0n, true);
      v.setBigUint64(out + 16, 0n, true);
      return ESUCCESS;
    },
    fd_prestat_get: (): number => EBADF,
    fd_prestat_dir_name: (): number => EBADF,
    proc_exit(code: number): never {
      return host.exit(code);
    },
    environ_sizes_get(count: number, size: number): number {
      view().setUint32(count, 0, true);
      view().setUint32(size, 0, true);
      return ESUCCESS;
    },
    environ_get: (): number => ESUCCESS,
    args_sizes_get(count: number, size: number): number {
      view().setUint32(count, 0, true);
      view().setUint32(size, 0, true);
      return ESUCCESS;
    },
    args_get: (): number => ESUCCESS,
    clock_time_get(_id: number, _precision: bigint, out: number): number {
      view().setBigUint64(out, BigInt(Math.floor(host.nowUs())) * 1000n, true);
      return ESUCCESS;
    },
    clock_res_get(_id: number, out: number): number {
      view().setBigUint64(out, 1000n, true);
      return ESUCCESS;
    },
    random_get(ptr: number, len: number): number {
      const out = bytes(ptr, len);
      for (let i = 0; i < len; i++) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        out[i] = seed & 0xff;
      }
      return ESUCCESS;
    },
    sched_yield: (): number => ESUCCESS,
  };

  const imports: Record<string, (...args: never[]) => unknown> = {};
  for (const name of importedNames) {
    imports[name] =
      known[name] ??
      (() => {
        if (!warned.has(name)) host.warn(`WASI ${name} is not supported by the simulator (returned ENOSYS)`);
        warned.add(name);
        return ENOSYS;
      });
  }
  return imports;
}
