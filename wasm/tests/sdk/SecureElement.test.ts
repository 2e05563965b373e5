// SecureElement on the board's I2C bus: the driver wakes the ATECC608A-like element at 0x60, sends Nonce and
// Verify packets, ACK-polls while it executes (each poll a read attempt costing its bus time), checks the CRC
// and returns the verdict; everything on virtual time. The keys are the host's: provisioned before boot, kept
// across Reset through the worker protocol.
import { p256 } from '@noble/curves/nist.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATECC_EXEC_US, AteccOpcode } from '../../../src/runtime/peripherals/SimSecureElement';
import { Simulator } from '../../../src/runtime/Simulator';
import { BoardWorker } from '../../../src/runtime/worker/BoardWorker';
import { compileSdkFirmware } from '../../../src/toolchain/testing/compileForTest';
import { lastReport } from './sdkFirmware';

const secretKey = p256.utils.randomSecretKey(new Uint8Array(48).fill(5));
const publicKey = p256.getPublicKey(secretKey, false);
const digest = Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + 5) & 0xff);
const signature = p256.sign(digest, secretKey, { prehash: false });
const tampered = signature.slice();
tampered[10] ^= 0x01;
const cArray = (bytes: Uint8Array) => `{${[...bytes].join(', ')}}`;

const firmware = `
#include "mbed.h"
#include "SHT31.h"
#include "SecureElement.h"
static const uint8_t digest[32] = ${cArray(digest)};
static const uint8_t signature[64] = ${cArray(signature)};
static const uint8_t tampered[64] = ${cArray(tampered)};
long long us(Timer& t) { return (long long)t.elapsed_time().count(); }
int main() {
    SecureElement se(I2C_SDA, I2C_SCL);
    Timer t;
    t.start();
    uint8_t rev[4] = {0};
    int r = (int)se.info(rev);
    printf("info %d %u %u %u %u %lld\\n", r, rev[0], rev[1], rev[2], rev[3], us(t));
    t.reset();
    r = (int)se.verify_stored(9, digest, signature);
    printf("verify %d %lld %d\\n", r, us(t), se.last_status());
    t.reset();
    r = (int)se.verify_stored(9, digest, tampered);
    printf("tampered %d %lld %d\\n", r, us(t), se.last_status());
    r = (int)se.verify_stored(10, digest, signature);
    printf("empty %d %d\\n", r, se.last_status());
    r = (int)se.verify_stored(3, digest, signature);
    printf("badslot %d\\n", r);
    uint8_t key[64];
    r = (int)se.read_public_key(9, key);
    printf("key %d", r);
    for (int i = 0; i < 64; ++i) printf(" %u", key[i]);
    printf("\\n");
    const uint8_t info_body[5] = {0x07, 0x30, 0x00, 0x00, 0x00};
    printf("crc %u\\n", (unsigned)SecureElement::crc16(info_body, 5));
    I2C bus(I2C_SDA, I2C_SCL);
    SecureElement shared(bus);
    SHT31 sht31(I2C_SDA, I2C_SCL);
    float before = sht31.readTemperature();
    r = (int)shared.verify_stored(9, digest, signature);
    float after = sht31.readTemperature();
    printf("shared %d %d %d\\n", r, (int)(before * 10 + 0.5f), (int)(after * 10 + 0.5f));
    while (true) ThisThread::sleep_for(1s);
}
`;

const SUCCESS = 0;
const MISMATCH = 1;
const ERROR = 2;
let serial = '';
let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileSdkFirmware(firmware);
  const sim = await Simulator.load(wasm);
  sim.board.secureElement.provision(9, publicKey);
  sim.board.temperature.setCelsius(21.5);
  sim.board.serial.addOutputListener((b) => (serial += new TextDecoder().decode(b)));
  sim.runFor(5_000_000);
});

describe('SecureElement', () => {
  it('reads the revision with Info', () => {
    const [r, ...rest] = lastReport(serial, 'info');
    expect(r).toBe(SUCCESS);
    expect(rest.slice(0, 4)).toEqual([0x00, 0x00, 0x60, 0x02]);
  });

  it('verifies a valid signature: success, after Nonce (20 ms) and Verify (105 ms) and the bus traffic', () => {
    const [r, tookUs, status] = lastReport(serial, 'verify');
    expect(r).toBe(SUCCESS);
    expect(status).toBe(0x00);
    const executing = ATECC_EXEC_US[AteccOpcode.NONCE] + ATECC_EXEC_US[AteccOpcode.VERIFY];
    expect(tookUs).toBeGreaterThan(executing);
    expect(tookUs).toBeLessThan(executing + 20_000); // wake 1.5 ms + ~11 ms of packets at 100 kHz + polling
  });

  it('a flipped bit in the signature is a mismatch (status 0x01), in the same time', () => {
    const [r, tookUs, status] = lastReport(serial, 'tampered');
    expect([r, status]).toEqual([MISMATCH, 0x01]);
    expect(Math.abs(tookUs - lastReport(serial, 'verify')[1])).toBeLessThan(200);
  });

  it('an unprovisioned slot is an error (execution error 0x0F); a slot that cannot hold a key is refused', () => {
    expect(lastReport(serial, 'empty')).toEqual([ERROR, 0x0f]);
    expect(lastReport(serial, 'badslot')).toEqual([ERROR]);
  });

  it('reads the provisioned public key back (X‖Y)', () => {
    const [r, ...key] = lastReport(serial, 'key');
    expect(r).toBe(SUCCESS);
    expect(key).toEqual([...publicKey.subarray(1)]);
  });

  it('computes the CRC of a real Info packet, 0x5D03 (sent 03 5D)', () => {
    expect(lastReport(serial, 'crc')).toEqual([0x5d03]);
  });

  it('shares the I2C bus with the SHT31 at 0x44: both answer, interleaved', () => {
    expect(lastReport(serial, 'shared')).toEqual([SUCCESS, 215, 215]);
  });

  it('keeps the provisioned keys across Reset through the worker protocol', async () => {
    const worker = new BoardWorker(() => {}, { wallNowMs: () => performance.now(), schedule: () => {} });
    await worker.receive({ type: 'load', wasm: wasm.slice().buffer, board: { keys: [[9, publicKey]] } });
    expect(worker.simulator!.board.secureElement.provisioned()).toEqual([[9, publicKey]]);
    await worker.receive({ type: 'provision', slot: 11, publicKey });
    expect(worker.simulator!.board.secureElement.provisioned().map(([slot]) => slot)).toEqual([9, 11]);
  });
});
