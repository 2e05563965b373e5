// What the worker owes the page, coalesced, and when it may send it. Changes (LEDs, LCD, console bytes, telemetry)
// accumulate in bounded buffers; an update goes out only when
//   - a send token is available: tokens refill at one per animation frame (60 per second) and at most BURST
//     accumulate, so a firmware that prints once and then spins without touching the HAL still shows its output,
//     while nothing the firmware does can send more than ~60 updates per second;
//   - fewer than MAX_IN_FLIGHT updates wait for the page's acknowledgement: a page that falls behind (or a hidden
//     tab) stops the flow instead of queueing messages;
//   - and the page's console has room: each acknowledgement reports the bytes the console has not drawn yet, and
//     an update carries at most CONSOLE_WINDOW_BYTES minus those and what is in flight.
// The wall clock is injected.
import type { BoardUpdate } from '../types';
import { ConsoleBuffer } from './ConsoleBuffer';
import { TelemetryThinner } from './TelemetryThinner';

export const FRAME_MS = 1000 / 60;
export const BURST = 4;
export const MAX_IN_FLIGHT = 4;
/** Console bytes the page may hold undrawn (in flight plus the console's own backlog). */
export const CONSOLE_WINDOW_BYTES = 16 * 1024;
/** Newest console bytes kept while the page cannot take them. */
export const CONSOLE_KEEP_BYTES = 64 * 1024;
/** Reports of one type per update before thinning starts. */
export const TELEMETRY_PER_TYPE = 64;

export type UpdateBase = Pick<BoardUpdate, 'simTimeUs' | 'speed' | 'state' | 'fault' | 'leds' | 'ledEdges' | 'lcd'>;

export class Outbox {
  private readonly console = new ConsoleBuffer(CONSOLE_KEEP_BYTES);
  private readonly telemetry = new TelemetryThinner(TELEMETRY_PER_TYPE);
  private tokens = BURST;
  private tokensAtMs: number;
  /** Console bytes of each update not yet acknowledged, oldest first. */
  private readonly inFlight: number[] = [];
  private consoleBacklog = 0;
  private sent = 0;

  constructor(private readonly wallNowMs: () => number) {
    this.tokensAtMs = wallNowMs();
  }

  /** Updates sent so far. */
  get sentCount(): number {
    return this.sent;
  }

  get unacknowledged(): number {
    return this.inFlight.length;
  }

  /** Console bytes and telemetry characters held for the page. */
  get bufferedBytes(): number {
    return this.console.size + this.telemetry.bufferedChars;
  }

  addConsole(bytes: Uint8Array): void {
    this.console.push(bytes);
  }

  addTelemetry(json: string): void {
    this.telemetry.push(json);
  }

  /** Whether an update may go out now. */
  canSend(): boolean {
    if (this.inFlight.length >= MAX_IN_FLIGHT) return false;
    return this.tokens >= 1 || this.refill() >= 1;
  }

  /** Wall ms until a token is due, 0 if one is available; undefined while only an acknowledgement can help. */
  msUntilSendable(): number | undefined {
    if (this.inFlight.length >= MAX_IN_FLIGHT) return undefined;
    const tokens = this.refill();
    return tokens >= 1 ? 0 : (1 - tokens) * FRAME_MS;
  }

  /** Builds the update to send now from `base` plus the waiting console output and telemetry. Call after canSend(). */
  take(base: UpdateBase): BoardUpdate {
    this.refill();
    this.tokens -= 1;
    const room = CONSOLE_WINDOW_BYTES - this.consoleBacklog - this.inFlight.reduce((a, b) => a + b, 0);
    const update: BoardUpdate = { type: 'update', ...base };
    const chunk = this.console.take(room);
    if (chunk) update.console = chunk;
    const telemetry = this.telemetry.take();
    if (telemetry) update.telemetry = telemetry;
    this.inFlight.push(chunk?.bytes.length ?? 0);
    this.sent++;
    return update;
  }

  /** Whether console output or telemetry is waiting. */
  get hasOutput(): boolean {
    return this.console.size > 0 || this.console.droppedBytes > 0 || this.telemetry.bufferedChars > 0;
  }

  /** The page handled the oldest update in flight; its console has `consoleBacklogBytes` still to draw. */
  acknowledge(consoleBacklogBytes: number): void {
    if (!this.inFlight.length) throw new Error('Outbox: acknowledgement without an update in flight');
    this.inFlight.shift();
    this.consoleBacklog = Math.max(0, consoleBacklogBytes);
  }

  private refill(): number {
    const now = this.wallNowMs();
    this.tokens = Math.min(BURST, this.tokens + (now - this.tokensAtMs) / FRAME_MS);
    this.tokensAtMs = now;
    return this.tokens;
  }
}
