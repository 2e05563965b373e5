import { describe, expect, it } from 'vitest';
import { SimI2cBus } from './SimI2cBus';
import { SimTemperatureSensor } from './SimTemperatureSensor';
import { Sht31, SHT31_STATUS, sht31Celsius, sht31Crc, sht31RawTemperature } from './Sht31';

function rig(celsius = 23.5) {
  const sensor = new SimTemperatureSensor('SHT31', celsius);
  const dev = new Sht31(sensor);
  const bus = new SimI2cBus();
  bus.attach(dev);
  return { sensor, dev, bus };
}

const word = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];

describe('Sht31', () => {
  it('uses the datasheet CRC-8 (0xBEEF → 0x92)', () => {
    expect(sht31Crc([0xbe, 0xef])).toBe(0x92);
    expect(sht31Crc([0x00, 0x00])).toBe(0x81);
  });

  it('encodes T = -45 + 175 raw / 65535 and clamps at the ends', () => {
    expect(sht31RawTemperature(-45)).toBe(0);
    expect(sht31RawTemperature(130)).toBe(65535);
    expect(sht31RawTemperature(500)).toBe(65535);
    expect(Math.abs(sht31Celsius(sht31RawTemperature(21.37)) - 21.37)).toBeLessThan(175 / 65535);
  });

  it('answers a high-repeatability single shot (0x2400) with T and RH words and their CRCs', () => {
    const { bus, sensor } = rig(23.5);
    sensor.setHumidity(50);
    expect(bus.write(0x44, Uint8Array.of(0x24, 0x00), 1000)).toBe(true);
    expect(bus.read(0x44, 6, 5000)).toBeUndefined(); // still converting: NACK
    const b = bus.read(0x44, 6, 16_000)!;
    expect(b).toHaveLength(6);
    expect(b[2]).toBe(sht31Crc([b[0], b[1]]));
    expect(b[5]).toBe(sht31Crc([b[3], b[4]]));
    expect(sht31Celsius(word(b, 0))).toBeCloseTo(23.5, 2);
    expect((100 * word(b, 3)) / 65535).toBeCloseTo(50, 2);
    expect(bus.read(0x44, 6, 20_000)).toBeUndefined(); // data consumed
    expect(sensor.lastMeasurement?.tUs).toBe(16_000); // converted at the end of the 15 ms
  });

  it('with clock stretching (0x2C06) returns data at once, sampled at the end of the conversion', () => {
    const { bus, sensor } = rig();
    sensor.setFeed({ valueAt: (t) => t / 1000 });
    bus.write(0x44, Uint8Array.of(0x2c, 0x06), 10_000);
    const b = bus.read(0x44, 3, 10_001)!;
    expect(sht31Celsius(word(b, 0))).toBeCloseTo(25, 2);
  });

  it('NACKs unknown commands and reports it in the status register; reset and clear status work', () => {
    const { bus, dev } = rig();
    expect(bus.write(0x44, Uint8Array.of(0x12, 0x34), 0)).toBe(false);
    expect(dev.statusRegister & SHT31_STATUS.COMMAND_FAILED).toBeTruthy();
    expect(bus.write(0x44, Uint8Array.of(0xf3, 0x2d), 0)).toBe(true);
    const s = bus.read(0x44, 3, 0)!;
    expect(s[2]).toBe(sht31Crc([s[0], s[1]]));
    expect(word(s, 0) & SHT31_STATUS.RESET).toBeTruthy();
    bus.write(0x44, Uint8Array.of(0x30, 0x41), 0);
    bus.write(0x44, Uint8Array.of(0x30, 0x6d), 0);
    expect(dev.statusRegister).toBe(SHT31_STATUS.HEATER);
    bus.write(0x44, Uint8Array.of(0x30, 0xa2), 0);
    expect(dev.statusRegister & SHT31_STATUS.RESET).toBeTruthy();
    expect(bus.read(0x44, 6, 0)).toBeUndefined();
  });

  it('runs periodic mode: fetch returns each new measurement once, break stops it', () => {
    const { bus, dev, sensor } = rig();
    sensor.setFeed({ valueAt: (t) => t / 100_000 });
    bus.write(0x44, Uint8Array.of(0x21, 0x30), 0); // 1 measurement/s, high repeatability
    expect(dev.inPeriodicMode).toBe(true);
    expect(bus.write(0x44, Uint8Array.of(0x24, 0x00), 0)).toBe(false); // single shot refused while periodic
    bus.write(0x44, Uint8Array.of(0xe0, 0x00), 1_100_000);
    const b = bus.read(0x44, 6, 1_100_000)!;
    expect(sht31Celsius(word(b, 0))).toBeCloseTo(10.15, 1); // measured at 1.015 s
    bus.write(0x44, Uint8Array.of(0xe0, 0x00), 1_200_000);
    expect(bus.read(0x44, 6, 1_200_000)).toBeUndefined(); // nothing new yet
    bus.write(0x44, Uint8Array.of(0x30, 0x93), 1_300_000);
    expect(dev.inPeriodicMode).toBe(false);
  });

  it('refuses an address other than 0x44/0x45', () => {
    expect(() => new Sht31(new SimTemperatureSensor(), 0x40)).toThrow(/0x44 or 0x45/);
  });
});
