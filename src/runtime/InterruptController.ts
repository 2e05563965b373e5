// Pending interrupts, delivered at the firmware's next yield point. GPIO edges count only on pins whose edges the
// firmware enabled; serial-receive interrupts collapse into one while undelivered.
import { Edge, IrqSource } from './abi/abiSpec';

export interface Irq {
  source: number;
  arg: number;
}

export class InterruptController {
  private readonly pending: Irq[] = [];
  private readonly masks = new Map<number, number>();

  setGpioMask(pin: number, edgeMask: number): void {
    if (edgeMask & ~(Edge.RISE | Edge.FALL)) throw new Error(`InterruptController: bad edge mask ${edgeMask}`);
    if (edgeMask) this.masks.set(pin, edgeMask);
    else this.masks.delete(pin);
  }

  gpioEdge(pin: number, edge: 'rise' | 'fall'): void {
    const mask = this.masks.get(pin) ?? 0;
    if (edge === 'rise' && mask & Edge.RISE) this.pending.push({ source: IrqSource.GPIO_RISE, arg: pin });
    if (edge === 'fall' && mask & Edge.FALL) this.pending.push({ source: IrqSource.GPIO_FALL, arg: pin });
  }

  raise(source: number, arg: number): void {
    if (source === IrqSource.SERIAL_RX) {
      const queued = this.pending.find((p) => p.source === source);
      if (queued) {
        queued.arg = arg;
        return;
      }
    }
    this.pending.push({ source, arg });
  }

  take(): Irq | undefined {
    return this.pending.shift();
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }
}
