// Drives a Simulator against the wall clock: each tick runs the firmware up to what the pacer allows (in slices
// short enough to keep the worker answering messages) and publishes a batched BoardUpdate. Timers are injected.
import { LED_NAMES, type LedName } from './Board';
import { Pacer, type PaceMode } from './clock/Pacer';
import type { Simulator } from './Simulator';
import type { BoardRunState, BoardUpdate } from './worker/protocol';

export interface LoopTimers {
  wallNowMs(): number;
  /** Calls `fn` after `delayMs` (0: as soon as pending messages are handled). */
  schedule(fn: () => void, delayMs: number): void;
}

/** Longest uninterrupted stretch of firmware execution per tick, ms. */
const SLICE_MS = 8;
/** How often a running board publishes updates, ms of wall time. */
const PUBLISH_EVERY_MS = 16;
/** Tick interval while the firmware waits for time to pass in real-time pacing, ms. */
const IDLE_TICK_MS = 4;
/**
 * Output (console, LCD, LEDs, telemetry) is published the moment it happens, up to this many times per publish
 * period; past that it is batched. So a firmware that prints and then spins without ever yielding still shows its
 * output, while one printing in a tight loop cannot flood the page.
 */
const IMMEDIATE_PUBLISHES_PER_PERIOD = 64;
/** Console bytes kept per update: a firmware printing in a tight loop must not flood the page. */
const MAX_SERIAL_PER_UPDATE = 64 * 1024;
const MAX_TELEMETRY_PER_UPDATE = 4096;

export class RunLoop {
  readonly pacer: Pacer;
  private paused: boolean;
  private stepTargetUs: number | undefined;
  private pauseAtUs: number | undefined;
  /** Paused because virtual time reached pauseAtUs, not because the user asked. */
  private pausedAtMark = false;
  private tickQueued = false;
  private lastPublishMs = -Infinity;
  private ledsDirty = true;
  private lcdDirty = false;
  private serialChunks: Uint8Array[] = [];
  private telemetry: string[] = [];
  private serialBytes = 0;
  private lastState: BoardRunState | undefined;
  private immediateWindowStartMs = -Infinity;
  private immediateCount = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly timers: LoopTimers,
    private readonly publish: (u: BoardUpdate) => void,
    startPaused = false,
  ) {
    this.pacer = new Pacer(() => timers.wallNowMs());
    this.paused = startPaused;
    if (startPaused) this.pacer.pause();
    const board = sim.board;
    const output = (mark: () => void) => () => {
      mark();
      this.publishIfAllowed();
    };
    for (const name of LED_NAMES) this.unsubscribe.push(board.leds[name].addListener(output(() => (this.ledsDirty = true))));
    this.unsubscribe.push(
      board.lcd.addListener(output(() => (this.lcdDirty = true))),
      board.serial.addOutputListener((b) => output(() => this.queueSerial(b))()),
      board.telemetry.add((json) => output(() => this.queueTelemetry(json))()),
    );
  }

  start(): void {
    this.kick();
  }

  setPace(mode: PaceMode): void {
    this.pacer.setMode(mode, this.sim.clock.nowUs);
    this.kick();
  }

  pause(): void {
    this.pausedAtMark = false;
    this.paused = true;
    this.stepTargetUs = undefined;
    this.pacer.pause();
    this.publishNow();
  }

  resume(): void {
    this.pausedAtMark = false;
    this.paused = false;
    this.stepTargetUs = undefined;
    this.pacer.resume(this.sim.clock.nowUs);
    this.kick();
  }

  step(us: number): void {
    this.pausedAtMark = false;
    this.paused = true;
    this.pacer.pause();
    this.stepTargetUs = this.sim.clock.nowUs + us;
    this.kick();
  }

  /**
   * Pauses when virtual time reaches `atUs` (e.g. the end of a replayed trace); undefined cancels. When the run
   * is paused at the previous mark (the trace ended), a new one (a new source) runs on.
   */
  pauseAt(atUs: number | undefined): void {
    this.pauseAtUs = atUs;
    if (this.pausedAtMark) this.resume();
  }

  /** Input arrived: run soon so the firmware sees it with little delay. */
  kick(): void {
    if (this.tickQueued) return;
    this.tickQueued = true;
    this.timers.schedule(() => this.tick(), 0);
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  private tick(): void {
    this.tickQueued = false;
    const halted = () => this.sim.runState === 'exited' || this.sim.runState === 'faulted';
    let behind = false;
    if (!halted()) {
      if (this.stepTargetUs !== undefined) {
        this.sim.runUntil(this.stepTargetUs, SLICE_MS);
        if (this.sim.clock.nowUs >= this.stepTargetUs) this.stepTargetUs = undefined;
        else behind = true;
      } else if (!this.paused) {
        const target = Math.min(Math.floor(this.pacer.allowedUs(this.sim.clock.nowUs)), this.pauseAtUs ?? Infinity);
        this.sim.runUntil(target, SLICE_MS);
        behind = this.sim.clock.nowUs < target;
        if (this.pauseAtUs !== undefined && this.sim.clock.nowUs >= this.pauseAtUs) {
          this.pauseAtUs = undefined;
          this.pause();
          this.pausedAtMark = true;
          return;
        }
      }
    }
    const now = this.timers.wallNowMs();
    if (now - this.lastPublishMs >= PUBLISH_EVERY_MS || this.state() !== this.lastState || this.stepTargetUs === undefined) {
      this.publishNow();
    }
    if (halted() || (this.paused && this.stepTargetUs === undefined)) return;
    this.tickQueued = true;
    this.timers.schedule(() => this.tick(), behind ? 0 : IDLE_TICK_MS);
  }

  private publishIfAllowed(): void {
    const now = this.timers.wallNowMs();
    if (now - this.immediateWindowStartMs >= PUBLISH_EVERY_MS) {
      this.immediateWindowStartMs = now;
      this.immediateCount = 0;
    }
    if (this.immediateCount >= IMMEDIATE_PUBLISHES_PER_PERIOD) return;
    this.immediateCount++;
    this.publishNow();
  }

  private state(): BoardRunState {
    const s = this.sim.runState;
    if (s === 'exited' || s === 'faulted') return s;
    return this.paused && this.stepTargetUs === undefined ? 'paused' : 'running';
  }

  private queueSerial(bytes: Uint8Array): void {
    if (this.serialBytes >= MAX_SERIAL_PER_UPDATE) return;
    const room = MAX_SERIAL_PER_UPDATE - this.serialBytes;
    const kept = bytes.length > room ? bytes.slice(0, room) : bytes;
    this.serialChunks.push(kept);
    this.serialBytes += kept.length;
  }

  /** Keeps the newest reports: a firmware reporting in a tight loop must not flood the page. */
  private queueTelemetry(json: string): void {
    this.telemetry.push(json);
    if (this.telemetry.length > MAX_TELEMETRY_PER_UPDATE) this.telemetry.shift();
  }

  private publishNow(): void {
    const board = this.sim.board;
    const state = this.state();
    const update: BoardUpdate = {
      type: 'update',
      simTimeUs: this.sim.clock.nowUs,
      speedPct: state === 'running' ? this.pacer.sample(this.sim.clock.nowUs) : 0,
      state,
    };
    if (this.sim.fault && state !== 'running' && state !== 'paused') update.fault = this.sim.fault;
    if (this.ledsDirty) {
      update.leds = Object.fromEntries(LED_NAMES.map((n) => [n, board.leds[n].isOn])) as Record<LedName, boolean>;
      this.ledsDirty = false;
    }
    if (this.lcdDirty) {
      update.lcd = { framebuffer: board.lcd.framebuffer.slice(), text: board.lcd.text };
      this.lcdDirty = false;
    }
    if (this.serialChunks.length) {
      const all = new Uint8Array(this.serialBytes);
      let off = 0;
      for (const c of this.serialChunks) {
        all.set(c, off);
        off += c.length;
      }
      update.serial = all;
      this.serialChunks = [];
      this.serialBytes = 0;
    }
    if (board.serial.dropped) update.serialDropped = board.serial.dropped;
    if (this.telemetry.length) {
      update.telemetry = this.telemetry;
      this.telemetry = [];
    }
    this.lastState = state;
    this.lastPublishMs = this.timers.wallNowMs();
    this.publish(update);
  }
}
