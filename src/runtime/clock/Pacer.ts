// Pacing: how far virtual time may run ahead, given the wall clock. Real time at a chosen speed multiple, or
// fast-forward (as fast as the host allows). The wall clock is injected so tests control it.

export type PaceMode = { kind: 'realtime'; speed: number } | { kind: 'fast' };

/** A firmware that falls behind by more than this does not try to catch up in a burst. */
const MAX_LAG_US = 100_000;
const SPEED_WINDOW_MS = 1000;

export class Pacer {
  private mode: PaceMode = { kind: 'realtime', speed: 1 };
  private anchorWallMs: number;
  private anchorVirtualUs = 0;
  private paused = false;
  private readonly samples: { wallMs: number; virtualUs: number }[] = [];

  constructor(private readonly wallNowMs: () => number) {
    this.anchorWallMs = wallNowMs();
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
    if (this.paused) return virtualNowUs;
    if (this.mode.kind === 'fast') return Infinity;
    const wall = this.wallNowMs();
    const allowed = this.anchorVirtualUs + (wall - this.anchorWallMs) * 1000 * this.mode.speed;
    if (allowed - virtualNowUs > MAX_LAG_US) {
      this.anchorVirtualUs = virtualNowUs;
      this.anchorWallMs = wall - MAX_LAG_US / 1000 / this.mode.speed;
      return virtualNowUs + MAX_LAG_US;
    }
    return allowed;
  }

  /** Records progress; returns virtual speed as a percentage of real time over the last second. */
  sample(virtualNowUs: number): number {
    const wallMs = this.wallNowMs();
    this.samples.push({ wallMs, virtualUs: virtualNowUs });
    while (this.samples.length > 2 && wallMs - this.samples[0].wallMs > SPEED_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const dWall = wallMs - first.wallMs;
    if (dWall <= 0) return 0;
    return ((virtualNowUs - first.virtualUs) / 1000 / dWall) * 100;
  }

  private reanchor(virtualNowUs: number): void {
    this.anchorWallMs = this.wallNowMs();
    this.anchorVirtualUs = virtualNowUs;
    this.samples.length = 0;
  }
}
