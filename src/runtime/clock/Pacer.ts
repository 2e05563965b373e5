// Pacing: how far virtual time may run ahead, given the wall clock. Real time at a chosen speed multiple, or
// fast-forward (as fast as the host allows). The wall clock is injected so tests control it.

export type PaceMode = { kind: 'realtime'; speed: number } | { kind: 'fast' };

/** The fastest real-time multiple offered; fast-forward is never slower, even while the firmware waits for input. */
export const MAX_REALTIME_SPEED = 100;

/**
 * A firmware that falls behind by more than this much wall time does not try to catch up in a burst. In wall
 * time, not virtual time: at ×100 a tick of a few ms allows hundreds of virtual ms.
 */
const MAX_LAG_WALL_MS = 100;
const SPEED_WINDOW_MS = 1000;

export interface PaceLimits {
  /** The virtual time the firmware may reach now. */
  targetUs: number;
  /**
   * How far a firmware with nothing scheduled (waiting for input) may let time pass: the target, except in
   * fast-forward, where there is no next event to skip to, so idle time passes at ×MAX_REALTIME_SPEED (bounded,
   * never to the end of time).
   */
  idleTargetUs: number;
}

export class Pacer {
  private mode: PaceMode = { kind: 'realtime', speed: 1 };
  private anchorWallMs: number;
  private anchorVirtualUs = 0;
  private idleWallMs: number;
  private paused = false;
  private readonly samples: { wallMs: number; virtualUs: number }[] = [];

  constructor(private readonly wallNowMs: () => number) {
    this.anchorWallMs = this.idleWallMs = wallNowMs();
  }

  get paceMode(): PaceMode {
    return this.mode;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  setMode(mode: PaceMode, virtualNowUs: number): void {
    if (mode.kind === 'realtime' && !(mode.speed > 0 && Number.isFinite(mode.speed))) {
      throw new Error(`Pacer: speed must be a positive number, got ${mode.speed}`);
    }
    this.mode = mode;
    this.reanchor(virtualNowUs);
  }

  pause(): void {
    this.paused = true;
  }

  resume(virtualNowUs: number): void {
    this.paused = false;
    this.reanchor(virtualNowUs);
  }

  /** The virtual time the firmware may reach now. */
  allowedUs(virtualNowUs: number): number {
    return this.limits(virtualNowUs).targetUs;
  }

  limits(virtualNowUs: number): PaceLimits {
    const wall = this.wallNowMs();
    const idleMs = Math.min(MAX_LAG_WALL_MS, Math.max(0, wall - this.idleWallMs));
    this.idleWallMs = wall;
    if (this.paused) return { targetUs: virtualNowUs, idleTargetUs: virtualNowUs };
    if (this.mode.kind === 'fast')
      return { targetUs: Infinity, idleTargetUs: virtualNowUs + idleMs * 1000 * MAX_REALTIME_SPEED };
    const perWallMs = 1000 * this.mode.speed;
    let allowed = this.anchorVirtualUs + (wall - this.anchorWallMs) * perWallMs;
    if (allowed - virtualNowUs > MAX_LAG_WALL_MS * perWallMs) {
      this.anchorVirtualUs = virtualNowUs;
      this.anchorWallMs = wall - MAX_LAG_WALL_MS;
      allowed = virtualNowUs + MAX_LAG_WALL_MS * perWallMs;
    }
    return { targetUs: allowed, idleTargetUs: allowed };
  }

  /** Records progress; returns virtual time per wall time over the last second (1 = real time). */
  sample(virtualNowUs: number): number {
    const wallMs = this.wallNowMs();
    this.samples.push({ wallMs, virtualUs: virtualNowUs });
    while (this.samples.length > 2 && wallMs - this.samples[0].wallMs > SPEED_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const dWall = wallMs - first.wallMs;
    if (dWall <= 0) return 0;
    return (virtualNowUs - first.virtualUs) / 1000 / dWall;
  }

  private reanchor(virtualNowUs: number): void {
    this.anchorWallMs = this.wallNowMs();
    this.anchorVirtualUs = virtualNowUs;
    this.samples.length = 0;
  }
}
