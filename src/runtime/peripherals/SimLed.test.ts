import { describe, expect, it } from 'vitest';
import { SimLed } from './SimLed';

describe('SimLed', () => {
  it('reports changes of level only, and counts toggles', () => {
    const led = new SimLed('LED1');
    const seen: boolean[] = [];
    const off = led.addListener((on) => seen.push(on));
    led.write(true);
    led.write(true);
    led.write(false);
    off();
    led.write(true);
    expect(seen).toEqual([true, false]);
    expect(led.toggles).toBe(3);
    expect(led.isOn).toBe(true);
  });
});
