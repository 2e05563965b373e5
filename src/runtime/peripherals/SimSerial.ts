// The serial console: bytes the firmware writes go out to listeners as they come (no line buffering); bytes the
// user types wait in a bounded receive buffer, like a UART FIFO with a software ring behind it.
import { Listeners } from '../../shared/Listeners';

export const SERIAL_RX_CAPACITY = 4096;

export class SimSerial {
  private rx: number[] = [];
  private readonly output = new Listeners<Uint8Array>();
  private readonly received = new Listeners<number>();
  dropped = 0;

  /** Firmware → console. */
  write(bytes: Uint8Array): void {
    if (bytes.length) this.output.emit(bytes.slice());
  }

  /** Console → firmware. Bytes past the buffer's capacity are dropped and counted, as a UART overrun would. */
  send(bytes: Uint8Array): void {
    const room = SERIAL_RX_CAPACITY - this.rx.length;
    const accepted = bytes.subarray(0, Math.max(0, room));
    this.dropped += bytes.length - accepted.length;
    if (!accepted.length) return;
    for (const b of accepted) this.rx.push(b);
    this.received.emit(this.rx.length);
  }

  get readable(): number {
    return this.rx.length;
  }

  read(maxBytes: number): Uint8Array {
    const n = Math.max(0, Math.min(maxBytes, this.rx.length));
    const out = Uint8Array.from(this.rx.slice(0, n));
    this.rx = this.rx.slice(n);
    return out;
  }

  addOutputListener(fn: (bytes: Uint8Array) => void): () => void {
    return this.output.add(fn);
  }

  /** Called with the number of waiting bytes whenever input arrives. */
  addReceiveListener(fn: (waiting: number) => void): () => void {
    return this.received.add(fn);
  }
}
