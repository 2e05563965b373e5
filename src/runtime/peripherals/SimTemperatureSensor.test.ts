import { describe, expect, it } from 'vitest';
import { SimTemperatureSensor } from './SimTemperatureSensor';

describe('SimTemperatureSensor', () => {
  it('reads the hand-set value until a feed is attached, and the feed at the measurement time', () => {
    const s = new SimTemperatureSensor('T', 20);
    expect(s.measure(0).celsius).toBe(20);
    s.setFeed({ valueAt: (t) => t / 1000 });
    expect(s.measure(5000).celsius).toBe(5);
    expect(s.lastMeasurement).toEqual({ celsius: 5, humidity: 45, tUs: 5000 });
    s.setCelsius(30); // the slider takes over again
    expect(s.hasFeed).toBe(false);
    expect(s.measure(9000).celsius).toBe(30);
  });

  it('reports every measurement to listeners until unsubscribed', () => {
    const s = new SimTemperatureSensor();
    const seen: number[] = [];
    const off = s.addMeasurementListener((m) => seen.push(m.tUs));
    s.measure(1);
    s.measure(2);
    off();
    s.measure(3);
    expect(seen).toEqual([1, 2]);
  });

  it('refuses non-finite values by name', () => {
    const s = new SimTemperatureSensor('SHT31');
    expect(() => s.setCelsius(NaN)).toThrow(/SHT31/);
    s.setFeed({ valueAt: () => Infinity });
    expect(() => s.measure(0)).toThrow(/SHT31.*finite/);
    expect(() => s.setHumidity(NaN)).toThrow(/humidity/);
    s.setHumidity(140);
    s.setCelsius(1);
    expect(s.measure(0).humidity).toBe(100);
  });
});
