import { describe, expect, it } from 'vitest';
import { type I2cDevice, SimI2cBus } from './SimI2cBus';

const echo = (address: number): I2cDevice & { last?: Uint8Array } => ({
  name: 'echo',
  address,
  write(data) {
    this.last = data.slice();
    return true;
  },
  read(length) {
    return new Uint8Array(length).fill(0xab);
  },
});

describe('SimI2cBus', () => {
  it('routes transfers by address and NACKs empty addresses', () => {
    const bus = new SimI2cBus();
    const dev = echo(0x44);
    bus.attach(dev);
    expect(bus.write(0x44, Uint8Array.of(0x24, 0x00), 0)).toBe(true);
    expect([...dev.last!]).toEqual([0x24, 0x00]);
    expect([...bus.read(0x44, 2, 0)!]).toEqual([0xab, 0xab]);
    expect(bus.write(0x45, Uint8Array.of(1), 0)).toBe(false);
    expect(bus.read(0x45, 1, 0)).toBeUndefined();
  });

  it('refuses two devices at one address', () => {
    const bus = new SimI2cBus();
    bus.attach(echo(0x44));
    expect(() => bus.attach(echo(0x44))).toThrow(/already used/);
    bus.detach(0x44);
    expect(bus.read(0x44, 1, 0)).toBeUndefined();
    bus.attach(echo(0x44));
  });
});
