// The slider: a value set by hand, the same at every instant until it is moved.
import type { StreamSource } from './StreamSource';

export class ManualSource implements StreamSource {
  readonly kind = 'manual';
  private c: number;

  constructor(celsius = 22) {
    this.c = ManualSource.check(celsius);
  }

  get celsius(): number {
    return this.c;
  }

  set(celsius: number): void {
    this.c = ManualSource.check(celsius);
  }

  valueAt(_tUs: number): number {
    return this.c;
  }

  private static check(celsius: number): number {
    if (!Number.isFinite(celsius)) throw new Error(`ManualSource: temperature must be finite, got ${celsius}`);
    return celsius;
  }
}
