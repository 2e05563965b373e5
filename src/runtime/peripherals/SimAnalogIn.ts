// An analog input (potentiometer-like), normalised to 0..1 as Mbed's AnalogIn::read() returns it.

export class SimAnalogIn {
  private v = 0;

  constructor(readonly name: string) {}

  get value(): number {
    return this.v;
  }

  set(value: number): void {
    if (!Number.isFinite(value)) throw new Error(`SimAnalogIn ${this.name}: value must be finite, got ${value}`);
    this.v = Math.min(1, Math.max(0, value));
  }
}
