import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import {
  ATECC_EXEC_US,
  ATECC_WAKE_US,
  ATECC_WATCHDOG_US,
  AteccOpcode,
  AteccStatus,
  atcaCrc,
  atcaPacket,
  SimSecureElement,
} from './SimSecureElement';

const secretKey = p256.utils.randomSecretKey(new Uint8Array(48).fill(3));
const publicKey = p256.getPublicKey(secretKey, false);
const digest = new Uint8Array(32).map((_, i) => i * 7);
const signature = p256.sign(digest, secretKey, { prehash: false });

const le = (crc: number) => [crc & 0xff, crc >> 8];
/** The word address 0x03 and a command packet. */
const command = (opcode: number, param1: number, param2: number, data: number[] = []) =>
  new Uint8Array([0x03, ...atcaPacket([opcode, param1, param2 & 0xff, param2 >> 8, ...data])]);

/** An element woken at t = 0 and ready at `t`, with a little driver to talk to it on virtual time. */
function awake() {
  const se = new SimSecureElement();
  const bus = { t: 0 };
  expect(se.write(new Uint8Array(0), bus.t)).toBe(false); // the wake token is NACKed
  bus.t += ATECC_WAKE_US;
  expect(se.read(4, bus.t)).toEqual(new Uint8Array([0x04, 0x11, 0x33, 0x43]));
  /** Sends a command, then reads `length` response bytes once it is done (the first poll that ACKs). */
  const run = (packet: Uint8Array, length = 4) => {
    expect(se.write(packet, bus.t)).toBe(true);
    const started = bus.t;
    let got = se.read(length, bus.t);
    while (!got && bus.t - started < 1_000_000) got = se.read(length, (bus.t += 100));
    return { response: got!, tookUs: bus.t - started };
  };
  return { se, bus, run };
}

describe('SimSecureElement: CRC-16 (cryptoauthlib atCRC)', () => {
  it('gives the CRC of the wake response, 04 11 → 33 43', () => {
    expect(le(atcaCrc([0x04, 0x11]))).toEqual([0x33, 0x43]);
  });

  it('frames a real Info command as 07 30 00 00 00 03 5D', () => {
    expect([...atcaPacket([0x30, 0x00, 0x00, 0x00])]).toEqual([0x07, 0x30, 0x00, 0x00, 0x00, 0x03, 0x5d]);
  });
});

describe('SimSecureElement: the I2C protocol', () => {
  it('sleeps until woken: NACKs everything, is ready tWHI later, and its watchdog sends it back to sleep', () => {
    const se = new SimSecureElement();
    expect(se.read(4, 0)).toBeUndefined(); // asleep: NACK, and this transfer is the wake token
    expect(se.read(4, ATECC_WAKE_US - 1)).toBeUndefined();
    expect(se.read(4, ATECC_WAKE_US)).toEqual(new Uint8Array([0x04, 0x11, 0x33, 0x43]));
    expect(se.write(new Uint8Array(0), ATECC_WATCHDOG_US + 1)).toBe(false); // asleep again
  });

  it('answers Info with its revision after the execution time, NACKing while it executes', () => {
    const { se, bus, run } = awake();
    const t0 = bus.t;
    expect(se.write(command(AteccOpcode.INFO, 0, 0), t0)).toBe(true);
    expect(se.read(7, t0 + ATECC_EXEC_US[AteccOpcode.INFO] - 1)).toBeUndefined();
    expect(se.write(command(AteccOpcode.INFO, 0, 0), t0 + 1000)).toBe(false); // busy: the command is NACKed too
    const revision = se.read(7, t0 + ATECC_EXEC_US[AteccOpcode.INFO])!;
    expect([...revision]).toEqual([...atcaPacket([0x00, 0x00, 0x60, 0x02])]);
    bus.t = t0 + ATECC_EXEC_US[AteccOpcode.INFO];
    expect(run(command(AteccOpcode.INFO, 0, 0), 7).response).toEqual(revision);
  });

  it('answers a packet with a bad CRC or a wrong count with status 0xFF, at once', () => {
    const { run } = awake();
    const packet = command(AteccOpcode.INFO, 0, 0);
    packet[packet.length - 1] ^= 1;
    expect(run(packet)).toEqual({ response: atcaPacket([AteccStatus.COMMUNICATION_ERROR]), tookUs: 0 });
    const short = command(AteccOpcode.INFO, 0, 0);
    short[1] = 9;
    expect(run(short).response).toEqual(atcaPacket([AteccStatus.COMMUNICATION_ERROR]));
    const long = new Uint8Array([0x03, ...atcaPacket([AteccOpcode.NONCE, 0x03, 0, 0, ...Array(150).fill(1)])]);
    expect(long.length - 1).toBe(157);
    expect(run(long).response).toEqual(atcaPacket([AteccStatus.COMMUNICATION_ERROR])); // longer than 155
  });

  it('answers an unknown opcode, a mode it does not take or a wrong data length with a parse error', () => {
    const { run } = awake();
    const parseError = atcaPacket([AteccStatus.PARSE_ERROR]);
    expect(run(command(0x7f, 0, 0)).response).toEqual(parseError);
    expect(run(command(AteccOpcode.INFO, 0x05, 0)).response).toEqual(parseError);
    expect(run(command(AteccOpcode.NONCE, 0x03, 0, Array(31).fill(1))).response).toEqual(parseError);
    expect(run(command(AteccOpcode.VERIFY, 0x02, 4, Array(64).fill(1))).response).toEqual(parseError); // external
  });

  it('a read after the response was read is NACKed until the word address reset starts it again', () => {
    const { se, bus, run } = awake();
    const first = run(command(AteccOpcode.INFO, 0, 0), 7).response;
    expect(se.read(1, bus.t)).toBeUndefined();
    expect(se.write(new Uint8Array([0x00]), bus.t)).toBe(true);
    expect(se.read(7, bus.t)).toEqual(first);
  });

  it('loses TempKey when sent to sleep, keeps it when idle', () => {
    const { se, bus, run } = awake();
    se.provision(9, publicKey);
    const verify = command(AteccOpcode.VERIFY, 0x00, 9, [...signature]);
    run(command(AteccOpcode.NONCE, 0x03, 0, [...digest]));
    expect(se.write(new Uint8Array([0x02]), bus.t)).toBe(true); // idle
    expect(se.write(new Uint8Array(0), (bus.t += 10))).toBe(false); // wake token
    bus.t += ATECC_WAKE_US;
    expect(se.read(4, bus.t)![1]).toBe(AteccStatus.AFTER_WAKE);
    expect(run(verify).response[1]).toBe(AteccStatus.SUCCESS);
    run(command(AteccOpcode.NONCE, 0x03, 0, [...digest]));
    expect(se.write(new Uint8Array([0x01]), bus.t)).toBe(true); // sleep
    se.write(new Uint8Array(0), (bus.t += 10));
    bus.t += ATECC_WAKE_US;
    se.read(4, bus.t);
    expect(run(verify).response[1]).toBe(AteccStatus.EXECUTION_ERROR); // no TempKey
  });
});

describe('SimSecureElement: Nonce and Verify (stored key)', () => {
  it('verifies a valid signature in 105 ms: success', () => {
    const { se, run } = awake();
    se.provision(9, publicKey);
    expect(run(command(AteccOpcode.NONCE, 0x03, 0, [...digest]))).toEqual({
      response: atcaPacket([AteccStatus.SUCCESS]),
      tookUs: ATECC_EXEC_US[AteccOpcode.NONCE],
    });
    expect(run(command(AteccOpcode.VERIFY, 0x00, 9, [...signature]))).toEqual({
      response: atcaPacket([AteccStatus.SUCCESS]),
      tookUs: 105_000,
    });
  });

  it('a signature of another digest, or a flipped bit, is a miscompare', () => {
    const { se, run } = awake();
    se.provision(9, publicKey);
    const other = p256.sign(new Uint8Array(32).fill(1), secretKey, { prehash: false });
    const flipped = signature.slice();
    flipped[40] ^= 0x10;
    for (const sig of [other, flipped, new Uint8Array(64)]) {
      run(command(AteccOpcode.NONCE, 0x03, 0, [...digest]));
      expect(run(command(AteccOpcode.VERIFY, 0x00, 9, [...sig])).response[1]).toBe(AteccStatus.MISCOMPARE);
    }
  });

  it('a slot with no key, or no Nonce before, is an execution error', () => {
    const { se, run } = awake();
    se.provision(9, publicKey);
    run(command(AteccOpcode.NONCE, 0x03, 0, [...digest]));
    expect(run(command(AteccOpcode.VERIFY, 0x00, 10, [...signature])).response[1]).toBe(AteccStatus.EXECUTION_ERROR);
    expect(run(command(AteccOpcode.VERIFY, 0x00, 9, [...signature])).response[1]).toBe(AteccStatus.EXECUTION_ERROR);
  });
});

describe('SimSecureElement: key slots', () => {
  it('reads a provisioned public key in the slot format, 4 pad bytes before X and Y', () => {
    const { se, run } = awake();
    se.provision(12, publicKey);
    const address = (block: number, word: number) => (block << 8) | (12 << 3) | word;
    const read32 = (block: number) => run(command(AteccOpcode.READ, 0x82, address(block, 0)), 35).response;
    const read4 = (word: number) => run(command(AteccOpcode.READ, 0x02, address(2, word)), 7).response;
    const raw = [...read32(0).subarray(1, 33), ...read32(1).subarray(1, 33), ...read4(0).subarray(1, 5)];
    raw.push(...read4(1).subarray(1, 5));
    expect(raw.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(raw.slice(4, 36)).toEqual([...publicKey.subarray(1, 33)]);
    expect(raw.slice(40, 72)).toEqual([...publicKey.subarray(33, 65)]);
    expect(run(command(AteccOpcode.READ, 0x82, address(2, 0)), 4).response[1]).toBe(AteccStatus.PARSE_ERROR); // past 72
  });

  it('provisioning checks the slot and the key, and a locked slot keeps its key', () => {
    const se = new SimSecureElement();
    expect(() => se.provision(3, publicKey)).toThrow(/slots 8–15/);
    expect(() => se.provision(9, publicKey.subarray(1))).toThrow(/65 bytes/);
    const notOnCurve = publicKey.slice();
    notOnCurve[64] ^= 1;
    expect(() => se.provision(9, notOnCurve)).toThrow(/not a point/);
    se.provision(9, publicKey);
    se.provision(9, publicKey); // the same key again: nothing changes
    const otherKey = p256.getPublicKey(p256.utils.randomSecretKey(new Uint8Array(48).fill(9)), false);
    expect(() => se.provision(9, otherKey)).toThrow(/locked/);
    expect(se.provisioned()).toEqual([[9, publicKey]]);
  });
});

describe('SimSecureElement: hostile traffic', () => {
  it('survives 5,000 random transfers without throwing, and answers a proper command afterwards', () => {
    const se = new SimSecureElement();
    se.provision(9, publicKey);
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    let t = 0;
    for (let i = 0; i < 5000; i++) {
      t += rand(3000);
      if (rand(2)) {
        const bytes = Uint8Array.from({ length: rand(200) }, () => rand(256));
        if (rand(3) === 0 && bytes.length > 1) bytes[0] = 0x03; // a command word address, then garbage
        expect(() => se.write(bytes, t)).not.toThrow();
      } else expect(() => se.read(rand(80), t)).not.toThrow();
    }
    t += ATECC_WATCHDOG_US; // whatever state it was left in, its watchdog has sent it to sleep by now
    expect(se.write(new Uint8Array(0), t)).toBe(false);
    t += ATECC_WAKE_US;
    expect(se.read(4, t)).toEqual(atcaPacket([AteccStatus.AFTER_WAKE]));
    expect(se.write(command(AteccOpcode.INFO, 0, 0), t)).toBe(true);
    expect(se.read(7, t + ATECC_EXEC_US[AteccOpcode.INFO])).toEqual(atcaPacket([0x00, 0x00, 0x60, 0x02]));
  });
});
