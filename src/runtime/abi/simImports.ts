// The host side of sim_abi.h: one function per SIM_IMPORT, each a thin adapter from wasm values to the board.
// Yielding imports first pass the simulator's yield point, which may suspend the firmware (see Suspender).
import {
  FlashStatus,
  GpioMode,
  LCD_FB_BYTES,
  LINK_ETAG_BYTES,
  LinkStatus,
  MAX_TELEMETRY_BYTES,
  Pin,
  type SimImportName,
} from './abiSpec';
import type { Board } from '../Board';
import type { VirtualClock } from '../clock/VirtualClock';
import type { InterruptController } from '../InterruptController';
import { FirmwareHalt } from '../faults';

const GPIO_MODES = new Set<number>(Object.values(GpioMode));

export interface SimHost {
  readonly board: Board;
  readonly clock: VirtualClock;
  readonly interrupts: InterruptController;
  memory(): WebAssembly.Memory;
  yieldPoint(): boolean;
  sleepUntil(deadlineUs: number, wakeOnIrq: boolean): 'suspend' | 'woken' | 'deadline';
  busyWait(deltaUs: number): boolean;
  /** Lets virtual time pass to `deadlineUs` with interrupts held back (they run at the end); true: unwind now. */
  stallUntil(deadlineUs: number): boolean;
}

const MAX_TEXT_BYTES = 4096;
/** Virtual time is exact to 2^53 µs (285 years); a deadline beyond (INT64_MAX: "for ever") is no deadline. */
const FOREVER_US = 2n ** 53n;

export function createSimImports(host: SimHost): Record<SimImportName, (...args: never[]) => unknown> {
  const decoder = new TextDecoder();
  const bytes = (ptr: number, len: number) => {
    const mem = host.memory().buffer;
    if (ptr < 0 || len < 0 || ptr + len > mem.byteLength) {
      throw new FirmwareHalt({ kind: 'abi', message: `ABI: buffer ${ptr}+${len} lies outside RAM` });
    }
    return new Uint8Array(mem, ptr, len);
  };
  const text = (ptr: number, len: number, max = MAX_TEXT_BYTES) => decoder.decode(bytes(ptr, Math.min(len, max)));
  const board = () => host.board;
  /**
   * A flash operation the firmware waits for. The import that started it is entered again after each suspension
   * (asyncify rewinds into it) and must not repeat it: it waits for this one instead. Nothing else runs meanwhile.
   */
  let flashBusy: { status: number; untilUs: number } | undefined;
  const waitForFlash = (start: () => { status: number; busyUs: number }): number => {
    if (!flashBusy) {
      const r = start();
      flashBusy = { status: r.status, untilUs: host.clock.nowUs + r.busyUs };
    }
    if (host.stallUntil(flashBusy.untilUs)) return 0;
    const { status } = flashBusy;
    flashBusy = undefined;
    return status;
  };

  return {
    sim_time_us: (): bigint => (host.yieldPoint() ? 0n : BigInt(Math.floor(host.clock.nowUs))),
    sim_sleep_until_us(deadline: bigint, wakeOnIrq: number): number {
      return host.sleepUntil(deadline >= FOREVER_US ? Infinity : Number(deadline), wakeOnIrq !== 0) === 'woken' ? 1 : 0;
    },
    sim_busy_wait_us(delta: bigint): void {
      host.busyWait(Math.max(0, Number(delta)));
    },
    sim_alarm_set(id: number, deadline: bigint): void {
      host.clock.setAlarm(id, Math.max(Number(deadline), 0));
    },
    sim_alarm_cancel(id: number): void {
      host.clock.cancelAlarm(id);
    },
    sim_gpio_init(pin: number, mode: number): void {
      if (!GPIO_MODES.has(mode))
        throw new FirmwareHalt({ kind: 'abi', message: `ABI: sim_gpio_init bad mode ${mode}` });
      if (pin >>> 0 === Pin.NC)
        throw new FirmwareHalt({ kind: 'fault', message: 'GPIO: pin NC cannot be initialised' });
    },
    sim_gpio_write(pin: number, value: number): void {
      if (!host.yieldPoint()) board().gpioWrite(pin >>> 0, value);
    },
    sim_gpio_read(pin: number): number {
      return host.yieldPoint() ? 0 : board().gpioRead(pin >>> 0);
    },
    sim_gpio_irq(pin: number, edgeMask: number): void {
      host.interrupts.setGpioMask(pin >>> 0, edgeMask);
    },
    sim_analog_read(pin: number): number {
      return host.yieldPoint() ? 0 : board().analogRead(pin >>> 0);
    },
    sim_serial_read(ptr: number, maxLen: number): number {
      if (host.yieldPoint()) return 0;
      const got = board().serial.read(maxLen);
      bytes(ptr, got.length).set(got);
      return got.length;
    },
    sim_serial_readable: (): number => board().serial.readable,
    sim_lcd_update(fb: number, fbLen: number, textPtr: number, textLen: number): void {
      if (fbLen !== LCD_FB_BYTES) {
        throw new FirmwareHalt({
          kind: 'abi',
          message: `ABI: sim_lcd_update framebuffer is ${fbLen} bytes, expected ${LCD_FB_BYTES}`,
        });
      }
      board().lcd.update(bytes(fb, fbLen), text(textPtr, textLen));
    },
    sim_i2c_write(addr: number, ptr: number, len: number): number {
      if (host.yieldPoint()) return 0;
      return board().i2c.write(addr & 0x7f, bytes(ptr, len).slice(), host.clock.nowUs) ? 0 : -1;
    },
    sim_i2c_read(addr: number, ptr: number, len: number): number {
      if (host.yieldPoint()) return 0;
      const got = board().i2c.read(addr & 0x7f, len, host.clock.nowUs);
      if (!got) return -1;
      bytes(ptr, Math.min(len, got.length)).set(got.subarray(0, len));
      return 0;
    },
    sim_blob_read(slot: number, dst: number, maxLen: number): number {
      const blob = board().blobs.get(slot);
      if (!blob) return -1;
      bytes(dst, Math.min(maxLen, blob.length)).set(blob.subarray(0, maxLen));
      return blob.length;
    },
    sim_blob_write(slot: number, src: number, len: number): number {
      return board().blobs.write(slot, len === 0 ? undefined : bytes(src, len).slice()) ? 0 : -1;
    },
    sim_net_status(namePtr: number, maxLen: number): number {
      const network = board().network;
      const name = network.nameBytes(maxLen >>> 0);
      bytes(namePtr, name.length).set(name);
      return network.status;
    },
    sim_link_offer(sizePtr: number, etagPtr: number): number {
      const offer = board().updateLink.offered;
      if (!offer) return -1;
      new DataView(host.memory().buffer).setUint32(sizePtr, offer.size, true);
      bytes(etagPtr, LINK_ETAG_BYTES).set(offer.etag);
      return 0;
    },
    sim_link_request(offset: number, len: number): bigint {
      if (host.yieldPoint()) return 0n;
      return BigInt(board().updateLink.request(offset >>> 0, len >>> 0, host.clock.nowUs));
    },
    sim_link_read(dst: number, maxLen: number, duePtr: number): number {
      if (host.yieldPoint()) return 0;
      const link = board().updateLink;
      const answer = link.read(host.clock.nowUs);
      if (answer === LinkStatus.NOT_YET)
        new DataView(host.memory().buffer).setBigInt64(duePtr, BigInt(link.dueUs!), true);
      if (typeof answer === 'number') return answer;
      const n = Math.min(answer.length, maxLen >>> 0);
      bytes(dst, n).set(answer.subarray(0, n));
      return n;
    },
    sim_flash_read(addr: number, dst: number, len: number): number {
      const got = board().flash.read(addr >>> 0, len >>> 0);
      if (!got) return FlashStatus.RANGE;
      bytes(dst, got.length).set(got);
      return FlashStatus.OK;
    },
    sim_flash_program(addr: number, src: number, len: number): number {
      return waitForFlash(() => board().flash.program(addr >>> 0, bytes(src, len >>> 0).slice()));
    },
    sim_flash_erase(addr: number): number {
      return waitForFlash(() => board().flash.eraseSector(addr >>> 0));
    },
    sim_telemetry(ptr: number, len: number): void {
      if (len > MAX_TELEMETRY_BYTES) {
        throw new FirmwareHalt({
          kind: 'abi',
          message: `ABI: telemetry report of ${len} bytes exceeds ${MAX_TELEMETRY_BYTES}`,
        });
      }
      board().telemetry.emit(text(ptr, len, MAX_TELEMETRY_BYTES));
    },
    sim_host_time_ns: (): bigint => BigInt(Math.round(performance.now() * 1e6)),
    sim_fault(msg: number, len: number): never {
      throw new FirmwareHalt({ kind: 'fault', message: text(msg, len) });
    },
  };
}
