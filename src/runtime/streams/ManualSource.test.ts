import { describe, expect, it } from 'vitest';
import { ManualSource } from './ManualSource';

describe('ManualSource', () => {
  it('holds the slider value at every instant and refuses NaN', () => {
    const s = new ManualSource(21);
    expect(s.valueAt(0)).toBe(21);
    s.set(35.5);
    expect(s.valueAt(123_456_789)).toBe(35.5);
    expect(s.celsius).toBe(35.5);
    expect(() => s.set(NaN)).toThrow(/ManualSource/);
  });
});
