import { describe, expect, it } from 'vitest';
import { VirtualClock } from './VirtualClock';

describe('VirtualClock', () => {
  it('advances forward only', () => {
    const c = new VirtualClock();
    c.advanceBy(1500);
    c.advanceTo(2000);
    expect(c.nowUs).toBe(2000);
    expect(() => c.advanceTo(1999)).toThrow(/cannot go back/);
  });

  it('reports the earliest alarm and hands out due alarms in time order', () => {
    const c = new VirtualClock();
    c.setAlarm(3, 500);
    c.setAlarm(1, 200);
    c.setAlarm(2, 200);
    expect(c.nextAlarmUs()).toBe(200);
    expect(c.takeDueAlarm()).toBeUndefined();
    c.advanceTo(600);
    expect([c.takeDueAlarm(), c.takeDueAlarm(), c.takeDueAlarm(), c.takeDueAlarm()]).toEqual([1, 2, 3, undefined]);
    expect(c.nextAlarmUs()).toBe(Infinity);
  });

  it('re-arming replaces and cancelling removes', () => {
    const c = new VirtualClock();
    c.setAlarm(7, 100);
    c.setAlarm(7, 900);
    expect(c.nextAlarmUs()).toBe(900);
    c.cancelAlarm(7);
    expect(c.nextAlarmUs()).toBe(Infinity);
    expect(() => c.setAlarm(1, Infinity)).toThrow(/non-finite/);
  });
});
