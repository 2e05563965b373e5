import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatBytes, formatSimTime, formatSpeed } from './format';

describe('formatSpeed', () => {
  it('writes the achieved speed as a plain multiple, never in exponent notation or percent', () => {
    expect(formatSpeed(19.4)).toBe('×19');
    expect(formatSpeed(100)).toBe('×100');
    expect(formatSpeed(2000)).toBe('×2,000');
    expect(formatSpeed(563_412.7)).toBe('×563,413');
    expect(formatSpeed(1.004)).toBe('×1.0');
    expect(formatSpeed(0.1)).toBe('×0.1');
    expect(formatSpeed(9.97)).toBe('×10');
    expect(formatSpeed(0)).toBe('×0');
    expect(formatSpeed(NaN)).toBe('×0');
  });
});

describe('formatSimTime', () => {
  it('uses seconds, minutes, hours and days as the clock grows', () => {
    expect(formatSimTime(0)).toBe('0.000 s');
    expect(formatSimTime(12_345_678)).toBe('12.346 s');
    expect(formatSimTime(185_190_000)).toBe('3 min 05.1 s');
    expect(formatSimTime(59.99e6)).toBe('59.990 s');
    expect(formatSimTime(3599.96e6)).toBe('59 min 59.9 s');
    expect(formatSimTime((2 * 3600 + 3 * 60 + 5) * 1e6)).toBe('2 h 03 min 05 s');
    expect(formatSimTime((12 * 86_400 + 3 * 3600 + 5 * 60 + 59) * 1e6)).toBe('12 d 03 h 05 min');
  });

  it('keeps a clock of years readable (no "153722867280 min")', () => {
    expect(formatSimTime(400 * 86_400e6)).toBe('400 d 00 h 00 min');
    expect(formatSimTime(2 ** 53)).toBe('104,249 d 23 h 47 min');
  });
});

describe('formatBytes', () => {
  it('writes counts in decimal units', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(64_000)).toBe('64.0 KB');
    expect(formatBytes(8_700_000)).toBe('8.7 MB');
  });
});

describe('formatAxisTime', () => {
  it('writes a tick of virtual seconds in its largest units, down to the last non-zero one', () => {
    expect(formatAxisTime(0)).toBe('0 s');
    expect(formatAxisTime(40)).toBe('40 s');
    expect(formatAxisTime(200)).toBe('3 min 20 s');
    expect(formatAxisTime(7200)).toBe('2 h');
    expect(formatAxisTime(1_213_500)).toBe('14 d 01 h 05 min');
    expect(formatAxisTime(1_209_600)).toBe('14 d');
    expect(formatAxisTime(400 * 86_400 + 5)).toBe('400 d 00 h 00 min 05 s');
  });
});
