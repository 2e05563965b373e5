// The check language: every form parses into what it says, and bad lines get a message naming the problem.
import { describe, expect, it } from 'vitest';
import { parseCheck, parseDuration, parseSize } from './checks';

const ok = (line: string) => {
  const r = parseCheck(line);
  if (!r.ok) throw new Error(`${line}: ${r.error}`);
  const { line: _, ...check } = r.check;
  return check;
};
const error = (line: string) => {
  const r = parseCheck(line);
  if (r.ok) throw new Error(`${line} parsed`);
  return r.error;
};

describe('check language', () => {
  it('reads LED periods with their tolerance and count', () => {
    expect(ok('led LED1 toggles every 250ms ±10% for 4 toggles')).toEqual({
      kind: 'led-period',
      led: 'LED1',
      periodUs: 250_000,
      tolerance: 0.1,
      toggles: 4,
    });
    expect(ok('led led2 toggles every 0.5 s')).toEqual({
      kind: 'led-period',
      led: 'LED2',
      periodUs: 500_000,
      tolerance: 0.1,
      toggles: 4,
    });
    expect(ok('led LED3 toggles every 800us +-5% for 1 toggle')).toMatchObject({ periodUs: 800, tolerance: 0.05 });
    expect(ok('led LED4 toggles every 1s ± 25 %')).toMatchObject({ tolerance: 0.25, toggles: 4 });
  });

  it('reads LED levels and edges', () => {
    expect(ok('led LED2 is on')).toEqual({ kind: 'led-level', led: 'LED2', on: true });
    expect(ok('led LED1 is off')).toEqual({ kind: 'led-level', led: 'LED1', on: false });
    expect(ok('led LED2 turns on')).toEqual({ kind: 'led-turns', led: 'LED2', on: true });
  });

  it('reads LCD and serial text and regexes', () => {
    expect(ok('lcd contains "Predicted: 7"')).toEqual({
      kind: 'text',
      where: 'lcd',
      pattern: { contains: 'Predicted: 7' },
    });
    expect(ok('serial contains "say \\"hi\\""')).toMatchObject({ pattern: { contains: 'say "hi"' } });
    const m = ok('serial matches /pressed \\d+/i');
    expect(m).toMatchObject({ kind: 'text', where: 'serial' });
    expect(m.kind === 'text' && 'regex' in m.pattern && m.pattern.regex.test('PRESSED 12')).toBe(true);
  });

  it('reads inference, build, memory, anomaly, ota, pace and state checks', () => {
    expect(ok('inference digit 7')).toEqual({ kind: 'inference', digit: 7, source: undefined });
    expect(ok('inference digit 3 from touch')).toEqual({ kind: 'inference', digit: 3, source: 'touch' });
    expect(ok('inference any from blob')).toEqual({ kind: 'inference', source: 'blob' });
    expect(ok('build succeeded')).toEqual({ kind: 'build', outcome: 'succeeded' });
    expect(ok('build failed')).toEqual({ kind: 'build', outcome: 'failed' });
    expect(ok('memory fits nucleo-l053r8')).toEqual({ kind: 'memory-fits', board: 'nucleo-l053r8', fits: true });
    expect(ok('memory does not fit rpi-pico')).toEqual({ kind: 'memory-fits', board: 'rpi-pico', fits: false });
    expect(ok('memory target rpi-pico')).toEqual({ kind: 'memory-target', board: 'rpi-pico' });
    expect(ok('memory model-flash at most 32KB')).toEqual({
      kind: 'memory-limit',
      quantity: 'model-flash',
      maxBytes: 32_768,
    });
    expect(ok('memory sram at most 8 KB')).toMatchObject({ quantity: 'sram', maxBytes: 8192 });
    expect(ok('anomaly flagged')).toEqual({ kind: 'anomaly-flagged' });
    expect(ok('anomaly readings 20')).toEqual({ kind: 'anomaly-readings', count: 20 });
    expect(ok('anomaly value above 40°C')).toEqual({ kind: 'anomaly-value', above: true, celsius: 40 });
    expect(ok('anomaly value below -5')).toEqual({ kind: 'anomaly-value', above: false, celsius: -5 });
    expect(ok('ota result integrityCheckFailure')).toEqual({ kind: 'ota-result', result: 'integrityCheckFailure' });
    expect(ok('ota running 1.1.0')).toEqual({ kind: 'ota-running', version: '1.1.0' });
    expect(ok('pace fast')).toEqual({ kind: 'pace', pace: 'fast' });
    expect(ok('pace ×10')).toEqual({ kind: 'pace', pace: 10 });
    expect(ok('state paused')).toEqual({ kind: 'state', status: 'paused' });
  });

  it('keeps the line it was written as', () => {
    const r = parseCheck('  build succeeded  ');
    expect(r.ok && r.check.line).toBe('build succeeded');
  });

  it('says what is wrong with a bad line', () => {
    expect(error('ledd LED1 is on')).toMatch(/unknown check "ledd" \(a check starts with led, lcd, serial/);
    expect(error('constructor')).toMatch(/unknown check "constructor"/);
    expect(error('led LED5 is on')).toBe('unknown LED "LED5" (the board has LED1, LED2, LED3, LED4)');
    expect(error('led LED1 toggles every 250')).toBe('"250" has no unit: write 250ms (or s, us)');
    expect(error('led LED1 toggles every soon')).toMatch(/"soon" is not a duration/);
    expect(error('led LED1 toggles every 0ms')).toMatch(/above zero/);
    expect(error('led LED1 toggles every 250ms ±150%')).toMatch(/tolerance must be above 0% and below 100%/);
    expect(error('led LED1 toggles every 250ms for 0 toggles')).toMatch(/whole number from 1 to 100/);
    expect(error('led LED1 blinks')).toMatch(/^expected `led <LED1-LED4> toggles every/);
    expect(error('lcd contains Predicted')).toMatch(/expected "text" in double quotes or a \/regex\//);
    expect(error('lcd contains /x/')).toBe('"lcd contains" takes "text"');
    expect(error('serial matches "x"')).toBe('"serial matches" takes a /regex/');
    expect(error('serial matches /(/')).toMatch(/^bad regex \/\(\/: /);
    expect(error('serial matches /x/g')).toMatch(/flags may be i, m, s and u/);
    expect(error('inference digit 12')).toMatch(/the digit must be a whole number from 0 to 9/);
    expect(error('inference digit 1 from camera')).toMatch(/touch or blob, not "camera"/);
    expect(error('build passed')).toMatch(/expected `build succeeded` or `build failed`/);
    expect(error('memory fits arduino-uno')).toMatch(/unknown board "arduino-uno" \(known: disco-f413zh, /);
    expect(error('memory flash at most lots')).toMatch(/"lots" is not a size/);
    expect(error('anomaly readings many')).toMatch(/must be a number/);
    expect(error('ota result fine')).toMatch(/unknown update result "fine" \(known: initial, success/);
    expect(error('ota running latest')).toMatch(/a version looks like 1.1.0/);
    expect(error('pace -1')).toMatch(/above zero/);
    expect(error('state asleep')).toMatch(/expected `state idle\|loading\|running/);
  });

  it('converts durations and sizes', () => {
    expect(parseDuration('1.5s')).toBe(1_500_000);
    expect(parseDuration('250 µs')).toBe(250);
    expect(parseSize('1200 bytes')).toBe(1200);
    expect(parseSize('1.5MB')).toBe(1_572_864);
    expect(parseSize('64 KiB')).toBe(65_536);
  });
});
