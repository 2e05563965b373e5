import { describe, expect, it } from 'vitest';
import { parseHidden, parseInteger, parseLearningRate } from './settings';

describe('training settings from the form', () => {
  it('reads 1 to 3 comma-separated layer sizes', () => {
    expect(parseHidden('128,64')).toEqual({ ok: true, value: [128, 64] });
    expect(parseHidden(' 32 ')).toEqual({ ok: true, value: [32] });
    expect(parseHidden('256, 128 ,32')).toEqual({ ok: true, value: [256, 128, 32] });
  });

  it('says what is wrong with a bad architecture', () => {
    const message = (t: string) => {
      const r = parseHidden(t);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(message('')).toMatch(/Enter the hidden layers/);
    expect(message('128,abc')).toMatch(/Layer 2: “abc” is not a whole number/);
    expect(message('128,,64')).toMatch(/Layer 2: “” is not a whole number/);
    expect(message('1.5')).toMatch(/Layer 1: “1.5”/);
    expect(message('8,8,8,8')).toMatch(/4 hidden layers: at most 3/);
    expect(message('0')).toMatch(/Layer 1: 0 units; each layer needs 1 to 1024/);
    expect(message('64,5000')).toMatch(/Layer 2: 5000 units/);
  });

  it('checks epochs, batch size and learning rate', () => {
    expect(parseInteger('Epochs', '3', 1, 100)).toEqual({ ok: true, value: 3 });
    expect(parseInteger('Epochs', '0', 1, 100).ok).toBe(false);
    expect(parseInteger('Epochs', '2.5', 1, 100).ok).toBe(false);
    expect(parseLearningRate('0.001')).toEqual({ ok: true, value: 0.001 });
    expect(parseLearningRate('1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseLearningRate('-1').ok).toBe(false);
    expect(parseLearningRate('fast').ok).toBe(false);
  });
});
