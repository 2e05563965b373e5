import { describe, expect, it } from 'vitest';
import { Edge, IrqSource } from './abi/abiSpec';
import { InterruptController } from './InterruptController';

describe('InterruptController', () => {
  it('queues only the enabled edges, in order', () => {
    const ic = new InterruptController();
    ic.gpioEdge(5, 'fall');
    ic.setGpioMask(5, Edge.FALL);
    ic.gpioEdge(5, 'rise');
    ic.gpioEdge(5, 'fall');
    ic.setGpioMask(5, Edge.FALL | Edge.RISE);
    ic.gpioEdge(5, 'rise');
    expect([ic.take(), ic.take(), ic.take()]).toEqual([
      { source: IrqSource.GPIO_FALL, arg: 5 },
      { source: IrqSource.GPIO_RISE, arg: 5 },
      undefined,
    ]);
  });

  it('collapses serial-receive interrupts and rejects bad masks', () => {
    const ic = new InterruptController();
    ic.raise(IrqSource.SERIAL_RX, 1);
    ic.raise(IrqSource.SERIAL_RX, 4);
    expect(ic.take()).toEqual({ source: IrqSource.SERIAL_RX, arg: 4 });
    expect(ic.hasPending).toBe(false);
    expect(() => ic.setGpioMask(1, 8)).toThrow(/edge mask/);
  });
});
