import { describe, expect, it } from 'vitest';
import { marginText, verdictText } from './fitMargin';

const need = (needed: number, available: number) => ({ needed, available, fits: needed <= available });

describe('how far a model is from fitting', () => {
  it('says the bytes to spare or missing, in KB', () => {
    expect(marginText(need(1024, 4096))).toBe('3.0 KB spare');
    expect(marginText(need(4096, 4096))).toBe('0.0 KB spare');
    expect(marginText(need(5120, 4096))).toBe('1.0 KB short');
  });

  it('names the memories that are too small', () => {
    const flash = need(2048, 1024);
    const sram = need(3072, 1024);
    expect(verdictText({ fits: true, flash: need(1, 2), sram: need(1, 2) })).toBe('fits');
    expect(verdictText({ fits: false, flash, sram: need(1, 2) })).toBe('flash 1.0 KB short');
    expect(verdictText({ fits: false, flash: need(1, 2), sram })).toBe('SRAM 2.0 KB short');
    expect(verdictText({ fits: false, flash, sram })).toBe('flash 1.0 KB short, SRAM 2.0 KB short');
  });
});
