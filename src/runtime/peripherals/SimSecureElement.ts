// A Microchip ATECC608A-like secure element on the I2C bus at 0x60, holding the trusted public keys the board's
// maker provisioned. It follows the I2C protocol of the ATECC508A/608A data sheets (e.g. Microchip's ATECC608A-TNGTLS
// data sheet, sections "I/O Transactions", "Command Packets", "Word Address Values" and "I2C Transmission to
// ATECC608A-TNGTLS") as far as an update agent needs it:
//  - Asleep (power-up, after Sleep, after the watchdog) or idle it answers nothing: any transfer addressed to it is
//    NACKed and is the wake token (on a 100 kHz bus addressing 0x60 holds SDA low for six bit times, the 60 µs of
//    tWLO). It is ready tWHI = 1.5 ms later; its first response is the wake status 04 11 33 43. Awake, its watchdog
//    puts it back to sleep 1.3 s after the wake (tWATCHDOG), losing TempKey; Idle keeps TempKey.
//  - A write starts with the word address byte: 0x03 command (a packet follows), 0x01 sleep, 0x02 idle, 0x00 reset
//    (the next read starts the response again).
//  - Command packet: count (of all packet bytes, at most 155), opcode, param1, param2 (LE), data, CRC-16 (LE) over
//    everything before it. Response: count, data, CRC-16. The CRC is cryptoauthlib's atCRC: polynomial 0x8005,
//    initial value 0, data bits taken LSB first.
//  - While a command executes the device NACKs its address, reads included (ACK polling).
//  - Status bytes: 0x00 success, 0x01 Verify miscompare, 0x03 parse error, 0x0F execution error, 0x11 after wake,
//    0xFF CRC or other communication error.
// Commands: Info (0x30, mode 0: revision 00 00 60 02), Nonce (0x16, pass-through mode 0x03: 32 bytes into TempKey),
// Verify (0x45, stored mode 0x00 with TempKey as the message: param2 = key slot, data = signature r‖s, 64 bytes),
// Read (0x02, data zone, 4- or 32-byte reads of a slot: a public key reads in the 72-byte slot format, 4 pad bytes
// before X and before Y). Other opcodes and modes answer a parse error; the configuration zone, Write and Lock are
// not modelled: key slots are written only by provision(), which locks them.
// Execution times are the ATECC608's maximum times that Microchip's cryptoauthlib waits (calib_execution.c, the
// ATECC608 clock-divider M0 table): Info 5 ms, Nonce 20 ms, Read 5 ms, Verify 105 ms.
import { p256 } from '@noble/curves/nist.js';
import type { I2cDevice } from './SimI2cBus';

export const SECURE_ELEMENT_ADDRESS = 0x60;

export const AteccWordAddress = { RESET: 0x00, SLEEP: 0x01, IDLE: 0x02, COMMAND: 0x03 } as const;
export const AteccOpcode = { READ: 0x02, NONCE: 0x16, INFO: 0x30, VERIFY: 0x45 } as const;
export const AteccStatus = {
  SUCCESS: 0x00,
  MISCOMPARE: 0x01,
  PARSE_ERROR: 0x03,
  EXECUTION_ERROR: 0x0f,
  AFTER_WAKE: 0x11,
  COMMUNICATION_ERROR: 0xff,
} as const;

export const ATECC_EXEC_US = {
  [AteccOpcode.INFO]: 5_000,
  [AteccOpcode.NONCE]: 20_000,
  [AteccOpcode.READ]: 5_000,
  [AteccOpcode.VERIFY]: 105_000,
} as const;
export const ATECC_WAKE_US = 1_500;
export const ATECC_WATCHDOG_US = 1_300_000;
/** Info mode 0 (revision) of an ATECC608A. */
export const ATECC_REVISION = [0x00, 0x00, 0x60, 0x02] as const;
export const ATECC_KEY_SLOTS = 16;
/** Slots 8–15 are large enough for a P-256 public key (64 bytes; 72 in the slot format). */
export const ATECC_FIRST_PUBLIC_KEY_SLOT = 8;
const SLOT_BYTES = (slot: number) => (slot < 8 ? 36 : slot === 8 ? 416 : 72);
/** The largest I/O group (count) the device takes; a longer one is an I/O error. */
const MAX_GROUP_BYTES = 155;
const NONCE_PASS_THROUGH = 0x03;
const VERIFY_STORED = 0x00;
const READ_ZONE_DATA = 0x02;
const READ_32_BYTES = 0x80;

/** CRC-16 of the ATECC family (cryptoauthlib atCRC): polynomial 0x8005, init 0, bits LSB first, sent LE. */
export function atcaCrc(data: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < data.length; i++) {
    for (let bit = 0; bit < 8; bit++) {
      const dataBit = (data[i] >> bit) & 1;
      const crcBit = crc >> 15;
      crc = (crc << 1) & 0xffff;
      if (dataBit !== crcBit) crc ^= 0x8005;
    }
  }
  return crc;
}

/** `body` with its count byte in front and CRC-16 behind (a command or response packet). */
export function atcaPacket(body: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(body.length + 3);
  out[0] = out.length;
  out.set(Array.from(body), 1);
  const crc = atcaCrc(out.subarray(0, out.length - 2));
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >> 8;
  return out;
}

type Power = 'asleep' | 'idle' | 'awake';

/** ECDSA P-256 over a 32-byte digest as given (no hashing), any s; bytes that are no signature do not verify. */
function verifies(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return p256.verify(signature, digest, publicKey, { prehash: false, lowS: false });
  } catch {
    return false;
  }
}

export class SimSecureElement implements I2cDevice {
  readonly name = 'ATECC608A';
  readonly address = SECURE_ELEMENT_ADDRESS;
  private readonly keys = new Map<number, Uint8Array>();
  private power: Power = 'asleep';
  private wokeAtUs = 0;
  private busyUntilUs = 0;
  private tempKey: Uint8Array | undefined;
  private output: Uint8Array = new Uint8Array(0);
  private readPos = 0;

  /**
   * The board's maker stores a trusted P-256 public key (65 bytes, uncompressed: 0x04‖X‖Y) in `slot` and locks
   * it. Provisioning a locked slot again with the same key changes nothing; with another key it throws.
   */
  provision(slot: number, publicKey: Uint8Array): void {
    if (!Number.isInteger(slot) || slot < ATECC_FIRST_PUBLIC_KEY_SLOT || slot >= ATECC_KEY_SLOTS)
      throw new Error(`SimSecureElement: slot ${slot} cannot hold a P-256 public key (slots 8–15 can)`);
    if (publicKey.length !== 65 || publicKey[0] !== 0x04)
      throw new Error('SimSecureElement: a public key is 65 bytes, uncompressed (0x04, X, Y)');
    try {
      p256.Point.fromBytes(publicKey).assertValidity();
    } catch {
      throw new Error('SimSecureElement: that public key is not a point of P-256');
    }
    const held = this.keys.get(slot);
    if (held && !held.every((b, i) => b === publicKey[i]))
      throw new Error(`SimSecureElement: slot ${slot} is locked with another key`);
    this.keys.set(slot, publicKey.slice());
  }

  /** The provisioned keys, for the host to hand the next board (they survive Reset, as the EEPROM does). */
  provisioned(): [slot: number, publicKey: Uint8Array][] {
    return [...this.keys].map(([slot, key]) => [slot, key.slice()]);
  }

  write(data: Uint8Array, nowUs: number): boolean {
    if (!this.ready(nowUs)) return false;
    if (data.length === 0) return true; // address probe
    switch (data[0]) {
      case AteccWordAddress.RESET:
        this.readPos = 0;
        return true;
      case AteccWordAddress.SLEEP:
        this.sleep();
        return true;
      case AteccWordAddress.IDLE:
        this.power = 'idle';
        this.output = new Uint8Array(0);
        return true;
      case AteccWordAddress.COMMAND:
        if (data.length > 1) this.execute(data.subarray(1), nowUs);
        return true;
      default:
        return false;
    }
  }

  read(length: number, nowUs: number): Uint8Array | undefined {
    if (!this.ready(nowUs) || this.readPos >= this.output.length) return undefined;
    const out = new Uint8Array(length).fill(0xff);
    out.set(this.output.subarray(this.readPos, this.readPos + length));
    this.readPos = Math.min(this.output.length, this.readPos + length);
    return out;
  }

  /** Awake, woken long enough ago and not executing; a transfer that finds it asleep or idle wakes it. */
  private ready(nowUs: number): boolean {
    if (this.power === 'awake' && nowUs >= this.wokeAtUs + ATECC_WATCHDOG_US) this.sleep();
    if (this.power !== 'awake') {
      this.power = 'awake';
      this.wokeAtUs = nowUs;
      this.busyUntilUs = nowUs + ATECC_WAKE_US;
      this.respond([AteccStatus.AFTER_WAKE]);
      return false;
    }
    return nowUs >= this.busyUntilUs;
  }

  private sleep(): void {
    this.power = 'asleep';
    this.tempKey = undefined;
    this.output = new Uint8Array(0);
  }

  private respond(data: ArrayLike<number>): void {
    this.output = atcaPacket(data);
    this.readPos = 0;
  }

  private execute(packet: Uint8Array, nowUs: number): void {
    const crc = atcaCrc(packet.subarray(0, packet.length - 2));
    const crcOk =
      packet.length >= 7 && packet[packet.length - 2] === (crc & 0xff) && packet[packet.length - 1] === crc >> 8;
    if (packet[0] !== packet.length || packet.length > MAX_GROUP_BYTES || !crcOk) {
      this.respond([AteccStatus.COMMUNICATION_ERROR]);
      return;
    }
    const [opcode, param1] = [packet[1], packet[2]];
    const param2 = packet[3] | (packet[4] << 8);
    const data = packet.subarray(5, packet.length - 2);
    const result = this.run(opcode, param1, param2, data);
    if (!result) {
      this.respond([AteccStatus.PARSE_ERROR]);
      return;
    }
    this.respond(result);
    this.busyUntilUs = nowUs + ATECC_EXEC_US[opcode as keyof typeof ATECC_EXEC_US];
  }

  /** The command's response, or undefined for a parse error (an opcode, mode or length it does not take). */
  private run(opcode: number, param1: number, param2: number, data: Uint8Array): ArrayLike<number> | undefined {
    switch (opcode) {
      case AteccOpcode.INFO:
        return param1 === 0 && param2 === 0 && data.length === 0 ? ATECC_REVISION : undefined;
      case AteccOpcode.NONCE:
        if (param1 !== NONCE_PASS_THROUGH || param2 !== 0 || data.length !== 32) return undefined;
        this.tempKey = data.slice();
        return [AteccStatus.SUCCESS];
      case AteccOpcode.VERIFY:
        if (param1 !== VERIFY_STORED || param2 >= ATECC_KEY_SLOTS || data.length !== 64) return undefined;
        return [this.verifyStored(param2, data)];
      case AteccOpcode.READ:
        return this.readSlot(param1, param2, data);
      default:
        return undefined;
    }
  }

  private verifyStored(slot: number, signature: Uint8Array): number {
    const key = this.keys.get(slot);
    const digest = this.tempKey;
    this.tempKey = undefined; // each Verify needs its own Nonce
    if (!key || !digest) return AteccStatus.EXECUTION_ERROR;
    return verifies(signature, digest, key) ? AteccStatus.SUCCESS : AteccStatus.MISCOMPARE;
  }

  private readSlot(param1: number, param2: number, data: Uint8Array): ArrayLike<number> | undefined {
    if ((param1 & ~READ_32_BYTES) !== READ_ZONE_DATA || data.length !== 0) return undefined;
    const size = param1 & READ_32_BYTES ? 32 : 4;
    const slot = (param2 >> 3) & 0x0f;
    const offset = param2 & 0x07;
    const start = ((param2 >> 8) & 0xff) * 32 + offset * 4;
    if ((size === 32 && offset !== 0) || param2 & 0x80 || start + size > SLOT_BYTES(slot)) return undefined;
    return this.slotContents(slot).subarray(start, start + size);
  }

  /** A slot as stored: a public key as 4 pad bytes, X, 4 pad bytes, Y; an empty slot reads 0xFF. */
  private slotContents(slot: number): Uint8Array {
    const out = new Uint8Array(SLOT_BYTES(slot)).fill(0xff);
    const key = this.keys.get(slot);
    if (key) {
      out.fill(0, 0, 72);
      out.set(key.subarray(1, 33), 4);
      out.set(key.subarray(33, 65), 40);
    }
    return out;
  }
}
