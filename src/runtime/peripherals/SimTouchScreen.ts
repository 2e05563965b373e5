// A resistive-style touch panel (240x240, like the DISCO-F413ZH's touch LCD): each press, move and release becomes
// one sample the firmware receives as a SIM_IRQ_TOUCH interrupt.
import { TOUCH_HEIGHT, TOUCH_WIDTH } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';

export interface TouchSample {
  down: boolean;
  x: number;
  y: number;
}

export class SimTouchScreen {
  readonly width = TOUCH_WIDTH;
  readonly height = TOUCH_HEIGHT;
  private touching = false;
  private last = { x: 0, y: 0 };
  private readonly samples = new Listeners<TouchSample>();

  get isTouching(): boolean {
    return this.touching;
  }

  press(x: number, y: number): void {
    this.touching = true;
    this.emit(true, x, y);
  }

  move(x: number, y: number): void {
    if (this.touching) this.emit(true, x, y);
  }

  release(): void {
    if (!this.touching) return;
    this.touching = false;
    this.emit(false, this.last.x, this.last.y);
  }

  addListener(fn: (s: TouchSample) => void): () => void {
    return this.samples.add(fn);
  }

  private emit(down: boolean, x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`SimTouchScreen: bad point (${x}, ${y})`);
    const cx = Math.min(this.width - 1, Math.max(0, Math.round(x)));
    const cy = Math.min(this.height - 1, Math.max(0, Math.round(y)));
    this.last = { x: cx, y: cy };
    this.samples.emit({ down, x: cx, y: cy });
  }
}
