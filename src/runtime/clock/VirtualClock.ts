// Virtual time in microseconds, with numbered alarms. Nothing here reads the wall clock: the run loop decides how
// far time may advance, tests advance it directly.

export interface IClock {
  /** Current virtual time, µs since reset. */
  readonly nowUs: number;
  /** Arms alarm `id` at absolute time `atUs` (replacing an earlier arming of the same id). */
  setAlarm(id: number, atUs: number): void;
  cancelAlarm(id: number): void;
  /** Absolute time of the earliest armed alarm, or Infinity. */
  nextAlarmUs(): number;
}

export class VirtualClock implements IClock {
  private now = 0;
  private readonly alarms = new Map<number, number>();

  get nowUs(): number {
    return this.now;
  }

  /** Moves time forward to absolute `atUs`; moving backwards is a bug in the caller. */
  advanceTo(atUs: number): void {
    if (atUs < this.now) throw new Error(`VirtualClock: cannot go back from ${this.now} µs to ${atUs} µs`);
    this.now = atUs;
  }

  advanceBy(deltaUs: number): void {
    this.advanceTo(this.now + deltaUs);
  }

  setAlarm(id: number, atUs: number): void {
    if (!Number.isFinite(atUs)) throw new Error(`VirtualClock: alarm ${id} at non-finite time ${atUs}`);
    this.alarms.set(id, atUs);
  }

  cancelAlarm(id: number): void {
    this.alarms.delete(id);
  }

  nextAlarmUs(): number {
    let next = Infinity;
    for (const at of this.alarms.values()) if (at < next) next = at;
    return next;
  }

  /** Removes and returns the earliest alarm due at or before now (ties by id), or undefined. */
  takeDueAlarm(): number | undefined {
    let best: number | undefined;
    let bestAt = Infinity;
    for (const [id, at] of this.alarms) {
      if (at <= this.now && (at < bestAt || (at === bestAt && best !== undefined && id < best))) {
        best = id;
        bestAt = at;
      }
    }
    if (best !== undefined) this.alarms.delete(best);
    return best;
  }
}
