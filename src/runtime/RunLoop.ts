// Drives a Simulator against the wall clock: each tick runs the firmware up to what the pacer allows (in slices
// short enough to keep the worker answering messages) and hands what changed to the Outbox, which coalesces it
// into at most one BoardUpdate per animation frame and waits for the page's acknowledgements. Timers are injected.
import { LED_NAMES, type LedName } from './Board';
import { Pacer, type PaceMode } from './clock/Pacer';
import { Outbox, type UpdateBase } from './flow/Outbox';
import type { Simulator } from './Simulator';
import type { BoardUpdate, LedEdge, WorkerRunState } from './types';

export interface LoopTimers {
  wallNowMs(): number;
  /** Calls `fn` after `delayMs` (0: as soon as pending messages are handled). */
  schedule(fn: () => void, delayMs: number): void;
}

/** Longest uninterrupted stretch of firmware execution per tick, ms: a click waits at most this long. */
const SLICE_MS = 4;
/** Tick interval while the firmware waits for time to pass (real-time pacing) or for input, ms. */
const IDLE_TICK_MS = 4;
/** LED changes kept between two updates: a firmware toggling faster than the page acknowledges keeps its newest. */
export const LED_EDGES_KEPT = 256;

export class RunLoop {
  readonly pacer: Pacer;
  private readonly outbox: Outbox;
  private paused = false;
  private stepTargetUs: number | undefined;
  private pauseAtUs: number | undefined;
  /** Paused because virtual time reached pauseAtUs, not because the user asked. */
  private pausedAtMark = false;
  private tickQueued = false;
  private flushQueued = false;
  private ledsDirty = true;
  private ledEdges: LedEdge[] = [];
  private lcdDirty = false;
  private sentState: WorkerRunState | undefined;
  private sentTimeUs = -1;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly timers: LoopTimers,
    private readonly publish: (u: BoardUpdate) => void,
  ) {
    this.pacer = new Pacer(() => timers.wallNowMs());
    this.outbox = new Outbox(() => timers.wallNowMs());
    const board = sim.board;
    // Output is offered to the page the moment it happens (if the outbox has a token), so a firmware that prints
    // and then spins without ever yielding still shows what it printed.
    const output = (mark: () => void) => () => {
      mark();
      this.flush();
    };
    for (const name of LED_NAMES)
      this.unsubscribe.push(board.leds[name].addListener((on) => output(() => this.ledChanged(name, on))()));
    this.unsubscribe.push(
      board.lcd.addListener(output(() => (this.lcdDirty = true))),
      board.serial.addOutputListener((b) => output(() => this.outbox.addConsole(b))()),
      board.telemetry.add((json) => output(() => this.outbox.addTelemetry(json))()),
    );
  }

  /** Keeps when each LED changed, so a watcher can time a blink even when fast-forward packs many into one update. */
  private ledChanged(name: LedName, on: boolean): void {
    this.ledsDirty = true;
    this.ledEdges.push({ name, on, timeUs: this.sim.clock.nowUs });
    if (this.ledEdges.length > LED_EDGES_KEPT) this.ledEdges.shift();
  }

  /** Updates sent and not yet acknowledged, and bytes held for the page (for tests and the bench). */
  get flowStats(): { sent: number; unacknowledged: number; bufferedBytes: number } {
    return {
      sent: this.outbox.sentCount,
      unacknowledged: this.outbox.unacknowledged,
      bufferedBytes: this.outbox.bufferedBytes,
    };
  }

  /**
   * Announces the board running (virtual time 0) before the firmware's first instruction: a firmware that spins
   * from its start sends nothing else, and the page can only tell it is busy once it knows it runs.
   */
  start(): void {
    this.flush();
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
    this.flush();
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

  /** The page handled an update; its console still has `consoleBacklogBytes` to draw. */
  acknowledge(consoleBacklogBytes: number): void {
    this.outbox.acknowledge(consoleBacklogBytes);
    this.flush();
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  private halted(): boolean {
    return this.sim.runState === 'exited' || this.sim.runState === 'faulted';
  }

  private tick(): void {
    this.tickQueued = false;
    let behind = false;
    if (!this.halted()) {
      if (this.stepTargetUs !== undefined) {
        this.sim.runUntil(this.stepTargetUs, SLICE_MS);
        if (this.sim.clock.nowUs >= this.stepTargetUs) this.stepTargetUs = undefined;
        else behind = true;
      } else if (!this.paused) {
        const limits = this.pacer.limits(this.sim.clock.nowUs);
        const stopAt = this.pauseAtUs ?? Infinity;
        const target = Math.min(Math.floor(limits.targetUs), stopAt);
        this.sim.runUntil(target, SLICE_MS, Math.min(Math.floor(limits.idleTargetUs), stopAt));
        behind = this.sim.clock.nowUs < target && !this.sim.isIdle;
        if (this.pauseAtUs !== undefined && this.sim.clock.nowUs >= this.pauseAtUs) {
          this.pauseAtUs = undefined;
          this.pause();
          this.pausedAtMark = true;
          return;
        }
      }
    }
    this.flush();
    if (this.halted() || (this.paused && this.stepTargetUs === undefined)) return;
    this.tickQueued = true;
    this.timers.schedule(() => this.tick(), behind ? 0 : IDLE_TICK_MS);
  }

  private state(): WorkerRunState {
    const s = this.sim.runState;
    if (s === 'exited' || s === 'faulted') return s;
    return this.paused && this.stepTargetUs === undefined ? 'paused' : 'running';
  }

  private hasNews(): boolean {
    return (
      this.ledsDirty ||
      this.lcdDirty ||
      this.outbox.hasOutput ||
      this.state() !== this.sentState ||
      this.sim.clock.nowUs !== this.sentTimeUs
    );
  }

  /** Sends an update if anything changed and the outbox allows; otherwise makes sure one follows. */
  private flush(): void {
    if (!this.hasNews()) return;
    if (!this.outbox.canSend()) {
      this.flushLater();
      return;
    }
    const board = this.sim.board;
    const state = this.state();
    const base: UpdateBase = {
      simTimeUs: this.sim.clock.nowUs,
      speed: state === 'running' ? this.pacer.sample(this.sim.clock.nowUs) : 0,
      state,
    };
    if (this.sim.fault && (state === 'exited' || state === 'faulted')) base.fault = this.sim.fault;
    if (this.ledsDirty)
      base.leds = Object.fromEntries(LED_NAMES.map((n) => [n, board.leds[n].isOn])) as Record<LedName, boolean>;
    if (this.ledEdges.length) {
      base.ledEdges = this.ledEdges;
      this.ledEdges = [];
    }
    if (this.lcdDirty) base.lcd = { framebuffer: board.lcd.framebuffer.slice(), text: board.lcd.text };
    const update = this.outbox.take(base);
    this.ledsDirty = this.lcdDirty = false;
    this.sentState = state;
    this.sentTimeUs = update.simTimeUs;
    this.publish(update);
    // Console output the page had no room for yet goes with a later update.
    if (this.outbox.hasOutput) this.flushLater();
  }

  /** A flush when the next token is due; none is needed while waiting for an acknowledgement (it flushes). */
  private flushLater(): void {
    const ms = this.outbox.msUntilSendable();
    if (this.flushQueued || ms === undefined) return;
    this.flushQueued = true;
    this.timers.schedule(() => {
      this.flushQueued = false;
      this.flush();
    }, Math.ceil(ms));
  }
}
