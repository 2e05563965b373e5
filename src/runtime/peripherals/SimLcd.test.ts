import { describe, expect, it } from 'vitest';
import { SimLcd } from './SimLcd';

describe('SimLcd', () => {
  it('reads pixels row-major with the most significant bit leftmost', () => {
    const lcd = new SimLcd();
    const fb = new Uint8Array(512);
    fb[0] = 0x80; // (0,0)
    fb[16 + 1] = 0x01; // (15,1)
    lcd.update(fb, 'Predicted: 7');
    fb[0] = 0; // the LCD keeps its own copy
    expect(lcd.pixel(0, 0)).toBe(true);
    expect(lcd.pixel(15, 1)).toBe(true);
    expect(lcd.pixel(1, 0)).toBe(false);
    expect(lcd.pixel(200, 0)).toBe(false);
    expect(lcd.text).toBe('Predicted: 7');
  });

  it('rejects a framebuffer of the wrong size by name', () => {
    expect(() => new SimLcd().update(new Uint8Array(10), '')).toThrow(/SimLcd.*512/);
  });
});
