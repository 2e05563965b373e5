// High-rate board output (LCD frames, console bytes) goes to subscribers directly instead of through React state.
import { Listeners } from '../shared/Listeners';

export interface LcdFrame {
  framebuffer: Uint8Array;
  text: string;
}

/** Keeps the newest value so a view that mounts late still draws the current frame. */
class LatestChannel<T> {
  private readonly listeners = new Listeners<T>();
  latest: T | undefined;
  emit(value: T): void {
    this.latest = value;
    this.listeners.emit(value);
  }
  subscribe(fn: (value: T) => void): () => void {
    if (this.latest !== undefined) fn(this.latest);
    return this.listeners.add(fn);
  }
}

/** Console transcript kept for late subscribers, bounded so a chatty firmware cannot exhaust memory. */
const TRANSCRIPT_LIMIT = 256 * 1024;

class ConsoleChannel {
  private readonly listeners = new Listeners<string>();
  private readonly clears = new Listeners<void>();
  private readonly decoder = new TextDecoder();
  transcript = '';
  write(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, { stream: true });
    if (!text) return;
    this.transcript = (this.transcript + text).slice(-TRANSCRIPT_LIMIT);
    this.listeners.emit(text);
  }
  /** A new firmware run starts a new transcript. */
  clear(): void {
    this.transcript = '';
    this.clears.emit();
  }
  subscribe(onText: (text: string) => void, onClear: () => void): () => void {
    const a = this.listeners.add(onText);
    const b = this.clears.add(onClear);
    return () => {
      a();
      b();
    };
  }
}

export const lcdChannel = new LatestChannel<LcdFrame>();
export const consoleChannel = new ConsoleChannel();
