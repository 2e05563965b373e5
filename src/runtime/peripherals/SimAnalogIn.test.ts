import { describe, expect, it } from 'vitest';
import { SimAnalogIn } from './SimAnalogIn';

describe('SimAnalogIn', () => {
  it('clamps to 0..1 and refuses NaN by name', () => {
    const a = new SimAnalogIn('A0');
    a.set(0.25);
    expect(a.value).toBe(0.25);
    a.set(7);
    expect(a.value).toBe(1);
    expect(() => a.set(NaN)).toThrow(/A0/);
  });
});
