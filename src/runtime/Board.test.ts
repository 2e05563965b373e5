import { describe, expect, it } from 'vitest';
import { Pin } from './abi/abiSpec';
import { Board } from './Board';
import { p256 } from '@noble/curves/nist.js';

describe('Board', () => {
  it('routes GPIO to LEDs and buttons by pin', () => {
    const b = new Board();
    b.gpioWrite(Pin.LED3, 1);
    expect(b.leds.LED3.isOn).toBe(true);
    expect(b.gpioRead(Pin.BUTTON2)).toBe(1);
    b.buttons.BUTTON2.press();
    expect(b.gpioRead(Pin.BUTTON2)).toBe(0);
  });

  it('remembers writes to unconnected pins and reads analog inputs', () => {
    const b = new Board();
    b.gpioWrite(8, 1);
    expect(b.gpioRead(8)).toBe(1);
    b.analog.A1.set(0.5);
    expect(b.analogRead(Pin.A1)).toBe(0.5);
  });

  it('fails by name on NC and on analog reads of a digital pin', () => {
    const b = new Board();
    expect(() => b.gpioWrite(Pin.NC, 1)).toThrow(/NC/);
    expect(() => b.analogRead(Pin.LED1)).toThrow(/not an analog input/);
  });

  it('has the secure element on the I2C bus at 0x60 beside the SHT31 at 0x44, and an erased internal flash', () => {
    const b = new Board();
    expect(b.i2c.read(0x60, 4, 0)).toBeUndefined(); // asleep: this transfer wakes it
    expect(b.i2c.read(0x60, 4, 1500)).toEqual(new Uint8Array([0x04, 0x11, 0x33, 0x43]));
    expect(b.i2c.write(0x44, new Uint8Array([0x24, 0x00]), 0)).toBe(true);
    expect(b.flash.read(0x0800_0000, 4)).toEqual(new Uint8Array(4).fill(0xff));
  });

  it('a board built from what another kept has its flash and provisioned keys', () => {
    const first = new Board();
    const key = p256.getPublicKey(p256.utils.randomSecretKey(new Uint8Array(48).fill(1)), false);
    first.flash.program(0x0806_0000, new Uint8Array([1, 2, 3, 4]));
    first.secureElement.provision(9, key);
    const next = new Board({ flash: first.flash.snapshot(), keys: first.secureElement.provisioned() });
    expect(next.flash.read(0x0806_0000, 4)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(next.secureElement.provisioned()).toEqual([[9, key]]);
  });
});
