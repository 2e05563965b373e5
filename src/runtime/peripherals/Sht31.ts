// The Sensirion SHT31 temperature/humidity sensor as an I2C device (address 0x44 with ADDR low, 0x45 high), close
// enough to the datasheet that a driver written for the real part works:
//  - 16-bit commands, MSB first. Single shot with clock stretching 0x2C06/0x2C0D/0x2C10 and without 0x2400/0x240B/
//    0x2416 (high/medium/low repeatability, max 15/6/4 ms); periodic mode 0x20xx..0x27xx and ART 0x2B32 with fetch
//    0xE000 and break 0x3093; soft reset 0x30A2; status 0xF32D; clear status 0x3041; heater 0x306D/0x3066.
//  - A measurement reads as 6 bytes: T MSB, T LSB, CRC, RH MSB, RH LSB, CRC (CRC-8, polynomial 0x31, init 0xFF),
//    T = -45 + 175 * raw / 65535 °C, RH = 100 * raw / 65535 %. Data is consumed by the read.
//  - Without clock stretching, reading before the conversion ends is NACKed, as is reading with no data pending.
//    With clock stretching the bus stall is not modelled: the data (converted at the end of the measurement time)
//    comes back at once. An unknown command is NACKed and sets the status register's "command failed" bit.
import type { I2cDevice } from './SimI2cBus';
import type { SimTemperatureSensor } from './SimTemperatureSensor';

export const SHT31_ADDRESS = 0x44;

/** CRC-8 of the SHT3x: polynomial 0x31 (x^8 + x^5 + x^4 + 1), init 0xFF, no reflection, no final XOR. */
export function sht31Crc(data: ArrayLike<number>): number {
  let crc = 0xff;
  for (let i = 0; i < data.length; i++) {
    crc ^= data[i] & 0xff;
    for (let b = 0; b < 8; b++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** Raw 16-bit temperature word for `celsius` (clamped to what the encoding can hold, -45..130 °C). */
export function sht31RawTemperature(celsius: number): number {
  return Math.min(65535, Math.max(0, Math.round(((celsius + 45) * 65535) / 175)));
}

export function sht31Celsius(raw: number): number {
  return -45 + (175 * raw) / 65535;
}

const SINGLE_SHOT: Record<number, { stretch: boolean; us: number }> = {
  0x2c06: { stretch: true, us: 15_000 },
  0x2c0d: { stretch: true, us: 6_000 },
  0x2c10: { stretch: true, us: 4_000 },
  0x2400: { stretch: false, us: 15_000 },
  0x240b: { stretch: false, us: 6_000 },
  0x2416: { stretch: false, us: 4_000 },
};

// Periodic acquisition: command MSB → measurements per second; LSB picks the repeatability.
const PERIODIC_MPS: Record<number, number> = { 0x20: 0.5, 0x21: 1, 0x22: 2, 0x23: 4, 0x27: 10 };
const PERIODIC_LSB: Record<number, Record<number, number>> = {
  0x20: { 0x32: 15_000, 0x24: 6_000, 0x2f: 4_000 },
  0x21: { 0x30: 15_000, 0x26: 6_000, 0x2d: 4_000 },
  0x22: { 0x36: 15_000, 0x20: 6_000, 0x2b: 4_000 },
  0x23: { 0x34: 15_000, 0x22: 6_000, 0x29: 4_000 },
  0x27: { 0x37: 15_000, 0x21: 6_000, 0x2a: 4_000 },
};

const CMD = {
  FETCH: 0xe000,
  ART: 0x2b32,
  BREAK: 0x3093,
  SOFT_RESET: 0x30a2,
  STATUS: 0xf32d,
  CLEAR_STATUS: 0x3041,
  HEATER_ON: 0x306d,
  HEATER_OFF: 0x3066,
};

/** Status register bits. */
export const SHT31_STATUS = {
  ALERT_PENDING: 1 << 15,
  HEATER: 1 << 13,
  RH_ALERT: 1 << 11,
  T_ALERT: 1 << 10,
  RESET: 1 << 4,
  COMMAND_FAILED: 1 << 1,
  CHECKSUM_FAILED: 1 << 0,
} as const;

export class Sht31 implements I2cDevice {
  readonly name = 'SHT31';
  private status = SHT31_STATUS.ALERT_PENDING | SHT31_STATUS.RESET;
  /** A single-shot conversion in progress or done, not read yet. */
  private single: { readyUs: number; stretch: boolean } | undefined;
  private periodic: { startUs: number; periodUs: number; convUs: number; fetched: number } | undefined;
  private statusPending = false;

  constructor(
    readonly sensor: SimTemperatureSensor,
    readonly address = SHT31_ADDRESS,
  ) {
    if (address !== 0x44 && address !== 0x45)
      throw new Error(`Sht31: address must be 0x44 or 0x45, got 0x${address.toString(16)}`);
  }

  get statusRegister(): number {
    return this.status;
  }

  get inPeriodicMode(): boolean {
    return this.periodic !== undefined;
  }

  write(data: Uint8Array, nowUs: number): boolean {
    if (data.length === 0) return true; // address probe
    if (data.length === 1) return true; // half a command: acknowledged, nothing happens
    if (data.length > 2) return this.fail(); // commands with data (alert limits) are not modelled
    const cmd = (data[0] << 8) | data[1];
    this.statusPending = false;
    if (cmd === CMD.SOFT_RESET) {
      this.single = undefined;
      this.periodic = undefined;
      this.status = SHT31_STATUS.ALERT_PENDING | SHT31_STATUS.RESET;
      return this.ok();
    }
    if (cmd === CMD.BREAK) {
      this.periodic = undefined;
      return this.ok();
    }
    if (cmd === CMD.STATUS) {
      this.statusPending = true;
      return this.ok();
    }
    if (this.periodic) {
      if (cmd === CMD.FETCH) return this.ok();
      return this.fail(); // the part ignores other commands until break
    }
    const shot = SINGLE_SHOT[cmd];
    if (shot) {
      this.single = { readyUs: nowUs + shot.us, stretch: shot.stretch };
      return this.ok();
    }
    const msb = data[0];
    const conv = PERIODIC_LSB[msb]?.[data[1]];
    if (conv !== undefined || cmd === CMD.ART) {
      const mps = cmd === CMD.ART ? 4 : PERIODIC_MPS[msb];
      this.single = undefined;
      this.periodic = { startUs: nowUs, periodUs: Math.round(1e6 / mps), convUs: conv ?? 15_000, fetched: -1 };
      return this.ok();
    }
    switch (cmd) {
      case CMD.CLEAR_STATUS:
        this.status &= ~(
          SHT31_STATUS.ALERT_PENDING |
          SHT31_STATUS.RH_ALERT |
          SHT31_STATUS.T_ALERT |
          SHT31_STATUS.RESET
        );
        return this.ok();
      case CMD.HEATER_ON:
        this.status |= SHT31_STATUS.HEATER;
        return this.ok();
      case CMD.HEATER_OFF:
        this.status &= ~SHT31_STATUS.HEATER;
        return this.ok();
      case CMD.FETCH:
        return this.fail(); // not in periodic mode
      default:
        return this.fail();
    }
  }

  read(length: number, nowUs: number): Uint8Array | undefined {
    if (this.statusPending) {
      this.statusPending = false;
      return this.frame(length, [this.status]);
    }
    if (this.periodic) {
      const p = this.periodic;
      const done = Math.floor((nowUs - p.startUs - p.convUs) / p.periodUs);
      if (done < 0 || done <= p.fetched) return undefined;
      p.fetched = done;
      return this.measurement(length, p.startUs + done * p.periodUs + p.convUs);
    }
    const s = this.single;
    if (!s) return undefined;
    if (!s.stretch && nowUs < s.readyUs) return undefined; // still converting: NACK, as the datasheet says
    this.single = undefined;
    return this.measurement(length, s.readyUs);
  }

  private measurement(length: number, atUs: number): Uint8Array {
    const m = this.sensor.measure(atUs);
    return this.frame(length, [
      sht31RawTemperature(m.celsius),
      Math.min(65535, Math.max(0, Math.round((m.humidity * 65535) / 100))),
    ]);
  }

  /** Words as MSB, LSB, CRC triples; bytes past the data read as 0xFF (the bus idles high). */
  private frame(length: number, words: number[]): Uint8Array {
    const out = new Uint8Array(length).fill(0xff);
    const bytes: number[] = [];
    for (const w of words) {
      const pair = [(w >> 8) & 0xff, w & 0xff];
      bytes.push(...pair, sht31Crc(pair));
    }
    out.set(bytes.slice(0, length));
    return out;
  }

  private ok(): boolean {
    this.status &= ~SHT31_STATUS.COMMAND_FAILED;
    return true;
  }

  private fail(): boolean {
    this.status |= SHT31_STATUS.COMMAND_FAILED;
    return false;
  }
}
