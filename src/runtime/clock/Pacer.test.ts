import { describe, expect, it } from 'vitest';
import { MAX_REALTIME_SPEED, Pacer } from './Pacer';

function setup() {
  let wall = 1000;
  const pacer = new Pacer(() => wall);
  return { pacer, tick: (ms: number) => (wall += ms) };
}

describe('Pacer', () => {
  it('allows virtual time to follow wall time at the chosen speed', () => {
    const { pacer, tick } = setup();
    tick(10);
    expect(pacer.allowedUs(0)).toBe(10_000);
    pacer.setMode({ kind: 'realtime', speed: 4 }, 10_000);
    tick(10);
    expect(pacer.allowedUs(10_000)).toBe(50_000);
  });

  it('holds time still while paused and resumes from where it stood', () => {
    const { pacer, tick } = setup();
    pacer.pause();
    tick(500);
    expect(pacer.allowedUs(0)).toBe(0);
    pacer.resume(0);
    tick(2);
    expect(pacer.allowedUs(0)).toBe(2000);
  });

  it('fast-forward has no limit', () => {
    const { pacer } = setup();
    pacer.setMode({ kind: 'fast' }, 0);
    expect(pacer.allowedUs(123)).toBe(Infinity);
  });

  it('a firmware that fell far behind does not catch up in one burst', () => {
    const { pacer, tick } = setup();
    tick(5000);
    expect(pacer.allowedUs(0)).toBe(100_000);
  });

  it('×100 allows ×100 when the host keeps up, ticking every 4.4 ms', () => {
    const { pacer, tick } = setup();
    pacer.setMode({ kind: 'realtime', speed: 100 }, 0);
    let now = 0;
    for (let t = 0; t < 1000; t += 4.4) {
      tick(4.4);
      now = pacer.allowedUs(now);
    }
    expect(now / 1e6).toBeGreaterThan(99);
  });

  it('at ×100 a firmware that fell behind catches up no more than 100 ms of wall time', () => {
    const { pacer, tick } = setup();
    pacer.setMode({ kind: 'realtime', speed: 100 }, 0);
    tick(5000);
    expect(pacer.allowedUs(0)).toBe(10_000_000);
  });

  it('in fast-forward, lets idle time pass at the top real-time speed only', () => {
    const { pacer, tick } = setup();
    pacer.setMode({ kind: 'fast' }, 0);
    pacer.limits(0);
    tick(20);
    expect(pacer.limits(5_000_000)).toEqual({
      targetUs: Infinity,
      idleTargetUs: 5_000_000 + 20_000 * MAX_REALTIME_SPEED,
    });
    pacer.pause();
    tick(20);
    expect(pacer.limits(7)).toEqual({ targetUs: 7, idleTargetUs: 7 });
  });

  it('reports speed as virtual over wall time', () => {
    const { pacer, tick } = setup();
    pacer.sample(0);
    tick(100);
    expect(pacer.sample(50_000)).toBeCloseTo(0.5);
  });

  it('rejects a nonsensical speed', () => {
    expect(() => setup().pacer.setMode({ kind: 'realtime', speed: 0 }, 0)).toThrow(/positive/);
  });
});
