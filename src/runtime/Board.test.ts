import { describe, expect, it } from 'vitest';
import { Pin } from './abi/abiSpec';
import { Board } from './Board';

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
});
