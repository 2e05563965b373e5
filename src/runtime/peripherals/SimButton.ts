// A push button wired active-low with a pull-up, as on most Mbed boards: pressed reads 0, so a press is a falling
// edge and a release a rising edge.
import { Listeners } from '../../shared/Listeners';

export class SimButton {
  private pressed = false;
  private readonly edges = new Listeners<'rise' | 'fall'>();

  constructor(readonly name: string) {}

  get isPressed(): boolean {
    return this.pressed;
  }

  /** The pin level the firmware reads. */
  get level(): 0 | 1 {
    return this.pressed ? 0 : 1;
  }

  press(): void {
    if (this.pressed) return;
    this.pressed = true;
    this.edges.emit('fall');
  }

  release(): void {
    if (!this.pressed) return;
    this.pressed = false;
    this.edges.emit('rise');
  }

  addEdgeListener(fn: (edge: 'rise' | 'fall') => void): () => void {
    return this.edges.add(fn);
  }
}
