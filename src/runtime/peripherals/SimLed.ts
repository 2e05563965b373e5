// An LED on a GPIO output: lit while the pin is high.
import { Listeners } from '../../shared/Listeners';

export class SimLed {
  private on = false;
  private readonly changes = new Listeners<boolean>();
  toggles = 0;

  constructor(readonly name: string) {}

  get isOn(): boolean {
    return this.on;
  }

  /** Pin level written by the firmware. */
  write(level: boolean): void {
    if (level === this.on) return;
    this.on = level;
    this.toggles++;
    this.changes.emit(level);
  }

  addListener(fn: (on: boolean) => void): () => void {
    return this.changes.add(fn);
  }
}
