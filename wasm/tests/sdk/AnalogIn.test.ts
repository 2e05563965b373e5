// AnalogIn: read() is the host's value (0..1), read_u16() scales it to 16 bits, read_voltage() to the reference
// voltage (3.3 V unless set).
import { beforeAll, describe, expect, it } from 'vitest';
import { bootFirmware, lastReport, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
AnalogIn a0(A0), a5(A5, 5.0f);
int main() {
    while (true) {
        printf("a0 %.4f %u %.4f\\n", a0.read(), a0.read_u16(), a0.read_voltage());
        printf("a5 %.4f %.4f\\n", (float)a5, a5.read_voltage());
        ThisThread::sleep_for(10ms);
    }
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
});

describe('AnalogIn', () => {
  it('reads the value the host sets, as a fraction, 16 bits and volts', () => {
    const { sim, serial } = board;
    sim.runFor(5_000);
    expect(lastReport(serial(), 'a0')).toEqual([0, 0, 0]);
    sim.board.analog.A0.set(0.25);
    sim.runFor(10_000);
    expect(lastReport(serial(), 'a0')).toEqual([0.25, 16384, 0.825]);
    sim.board.analog.A0.set(1);
    sim.runFor(10_000);
    expect(lastReport(serial(), 'a0')).toEqual([1, 65535, 3.3]);
  });

  it('uses the reference voltage given to the constructor', () => {
    const { sim, serial } = board;
    sim.board.analog.A5.set(0.5);
    sim.runFor(10_000);
    expect(lastReport(serial(), 'a5')).toEqual([0.5, 2.5]);
  });
});
