// Console output waiting for the page, bounded: when the firmware writes faster than the page can show, the oldest
// waiting bytes are dropped (up to a line start, so the console resumes on a whole line) and counted, so the most
// recent output, the final line included, always survives.
import type { ConsoleChunk } from '../types';

const NEWLINE = 0x0a;
/** How far past a cut the buffer looks for a line start before it gives up aligning (binary output). */
const ALIGN_SCAN_BYTES = 1024;

export class ConsoleBuffer {
  private readonly ring: Uint8Array;
  private head = 0;
  private length = 0;
  private dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new Error(`ConsoleBuffer: capacity must be positive, got ${capacity}`);
    this.ring = new Uint8Array(capacity);
  }

  /** Bytes waiting. */
  get size(): number {
    return this.length;
  }

  /** Bytes dropped since the last take(). */
  get droppedBytes(): number {
    return this.dropped;
  }

  push(bytes: Uint8Array): void {
    let src = bytes;
    if (src.length > this.capacity) {
      let from = src.length - this.capacity;
      const nl = src.subarray(from, from + ALIGN_SCAN_BYTES).indexOf(NEWLINE);
      if (nl >= 0 && from + nl + 1 < src.length) from += nl + 1;
      this.dropped += from;
      src = src.subarray(from);
    }
    const excess = this.length + src.length - this.capacity;
    if (excess > 0) this.dropFront(excess);
    const tail = (this.head + this.length) % this.capacity;
    const first = Math.min(src.length, this.capacity - tail);
    this.ring.set(src.subarray(0, first), tail);
    this.ring.set(src.subarray(first), 0);
    this.length += src.length;
  }

  /** Up to `maxBytes` of the oldest waiting output, with the count dropped before it; undefined when nothing to say. */
  take(maxBytes: number): ConsoleChunk | undefined {
    const n = Math.max(0, Math.min(this.length, Math.floor(maxBytes)));
    if (n === 0) return undefined;
    const bytes = new Uint8Array(n);
    const first = Math.min(n, this.capacity - this.head);
    bytes.set(this.ring.subarray(this.head, this.head + first));
    bytes.set(this.ring.subarray(0, n - first), first);
    this.head = (this.head + n) % this.capacity;
    this.length -= n;
    const chunk = { bytes, droppedBytes: this.dropped };
    this.dropped = 0;
    return chunk;
  }

  /** Drops `count` of the oldest bytes, then the rest of the line they cut when a line start follows soon. */
  private dropFront(count: number): void {
    this.advance(Math.min(count, this.length));
    if (this.ring[(this.head + this.capacity - 1) % this.capacity] === NEWLINE) return;
    const scan = Math.min(ALIGN_SCAN_BYTES, this.length);
    for (let i = 0; i < scan; i++) {
      if (this.ring[(this.head + i) % this.capacity] === NEWLINE) {
        this.advance(i + 1);
        return;
      }
    }
  }

  private advance(n: number): void {
    this.head = (this.head + n) % this.capacity;
    this.length -= n;
    this.dropped += n;
  }
}
