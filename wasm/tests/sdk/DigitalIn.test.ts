// DigitalIn: BUTTON1/BUTTON2 read 1 released and 0 held (active-low); an unwired pin reads what was last written to
// it (0 at first); NC is not connected and reads 0.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootFirmware, lastReport, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
DigitalIn button1(BUTTON1), button2(BUTTON2, PullUp), spare(p21), nothing(NC);
DigitalOut spare_out(p21);
int main() {
    printf("nc %d %d\\n", nothing.is_connected(), nothing.read());
    printf("spare %d", spare.read());
    spare_out = 1;
    printf(" %d\\n", (int)spare);
    while (true) {
        printf("buttons %d %d\\n", button1.read(), (int)button2);
        ThisThread::sleep_for(10ms);
    }
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
  board.sim.runFor(15_000);
});

describe('DigitalIn', () => {
  it('reads an active-low button: 1 released, 0 held', () => {
    const { sim, serial } = board;
    expect(lastReport(serial(), 'buttons')).toEqual([1, 1]);
    sim.board.buttons.BUTTON1.press();
    sim.runFor(10_000);
    expect(lastReport(serial(), 'buttons')).toEqual([0, 1]);
    sim.board.buttons.BUTTON2.press();
    sim.board.buttons.BUTTON1.release();
    sim.runFor(10_000);
    expect(lastReport(serial(), 'buttons')).toEqual([1, 0]);
  });

  it('reads an unwired pin as the level last written to it', () => {
    expect(lastReport(board.serial(), 'spare')).toEqual([0, 1]);
  });

  it('is not connected on NC and reads 0', () => {
    expect(lastReport(board.serial(), 'nc')).toEqual([0, 0]);
  });
});
